#include "venues/binance/binance_venue.h"

#include <algorithm>

#include <boost/json.hpp>
#include <boost/json/monotonic_resource.hpp>

#include "venues/binance/binance_auth.h"
#include "venues/binance/binance_error.h"
#include "venues/binance/binance_params.h"
#include "venues/binance/binance_request.h"
#include "venues/binance/binance_routes.h"

namespace amanah::paper::binance {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

using Header = std::pair<std::string, std::string>;

int64_t RetryAfterSeconds(int64_t millis) { return (millis + 999) / 1000; }

}  // namespace

/// One admitted Binance request: its route, its decoded request and the headers it has earned.
class BinanceVenue::Call final : public VenueCall {
 public:
  Call(Exchange& exchange, const Route& route, BinanceRequest request, std::vector<Header> headers)
      : exchange_(exchange),
        route_(route),
        request_(std::move(request)),
        headers_(std::move(headers)) {}

  CallKind kind() const override { return route_.kind; }

  HttpResponse Execute() override {
    // The answer is built in an arena on the stack (spilling to the heap if it must) and is
    // serialized before the arena goes.
    unsigned char arena_bytes[8192];
    json::monotonic_resource arena(arena_bytes, sizeof arena_bytes);
    request_.storage = json::storage_ptr(&arena);
    HttpResponse response;
    {
      Answer<json::value> answer = route_.handler(exchange_, request_);
      if (answer) {
        response.body = json::serialize(*answer);
      } else {
        response = answer.error().ToResponse();
      }
    }
    request_.storage = {};
    return WithHeaders(std::move(response), headers_);
  }

  HttpResponse Refuse(Refusal refusal) const override {
    switch (refusal) {
      case Refusal::kMaintenance:
        return WithHeaders(ServiceShuttingDown().ToResponse(), headers_);
      case Refusal::kFailBeforeAccept:
        return WithHeaders(Timeout().ToResponse(), headers_);
      case Refusal::kFailAfterAccept:
        return WithHeaders(UnexpectedResponse().ToResponse(), headers_);
      case Refusal::kInternal:
        break;
    }
    return WithHeaders(UnknownError().ToResponse(), headers_);
  }

 private:
  Exchange& exchange_;
  const Route& route_;
  BinanceRequest request_;
  std::vector<Header> headers_;
};

BinanceVenue::BinanceVenue(Exchange& exchange, binance::Limits limits)
    : exchange_(exchange),
      limits_(limits),
      weight_(limits.weight_per_minute, 60'000, limits.ban_after),
      sapi_weight_(limits.sapi_weight_per_minute, 60'000, 0),
      orders_10s_(limits.orders_per_10s, 10'000, 0),
      orders_1d_(limits.orders_per_day, 86'400'000, 0) {}

void BinanceVenue::SetLimits(const binance::Limits& limits) {
  limits_ = limits;
  weight_ = RateLimiter(limits.weight_per_minute, 60'000, limits.ban_after);
  sapi_weight_ = RateLimiter(limits.sapi_weight_per_minute, 60'000, 0);
  orders_10s_ = RateLimiter(limits.orders_per_10s, 10'000, 0);
  orders_1d_ = RateLimiter(limits.orders_per_day, 86'400'000, 0);
}

void BinanceVenue::ResetRateLimits() { SetLimits(limits_); }

json::object BinanceVenue::Limits() const {
  return json::object{{"weight_per_minute", limits_.weight_per_minute},
                      {"sapi_weight_per_minute", limits_.sapi_weight_per_minute},
                      {"orders_per_10s", limits_.orders_per_10s},
                      {"orders_per_day", limits_.orders_per_day},
                      {"ban_after", limits_.ban_after}};
}

Result<void> BinanceVenue::SetLimits(const json::object& in) {
  binance::Limits limits = limits_;
  for (const auto& [name, value] : in) {
    if (!value.is_int64() || value.as_int64() < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected a non-negative integer");
    int64_t v = value.as_int64();
    if (name == "weight_per_minute") {
      limits.weight_per_minute = v;
    } else if (name == "sapi_weight_per_minute") {
      limits.sapi_weight_per_minute = v;
    } else if (name == "orders_per_10s") {
      limits.orders_per_10s = v;
    } else if (name == "orders_per_day") {
      limits.orders_per_day = v;
    } else if (name == "ban_after") {
      if (v > 1000) return Error(ErrorCode::kInvalidArgument, "field 'ban_after': at most 1000");
      limits.ban_after = static_cast<int>(v);
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': unknown Binance limit");
    }
  }
  SetLimits(limits);
  return {};
}

std::string BinanceVenue::NewKeyId(Exchange& exchange) const { return exchange.RandomAlnum(64); }
std::string BinanceVenue::NewSecret(Exchange& exchange) const { return exchange.RandomAlnum(64); }

Result<void> BinanceVenue::CheckKey(const ApiKey& key) const {
  bool alnum = std::all_of(key.api_key.begin(), key.api_key.end(),
                           [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
  if (key.api_key.size() != 64 || !alnum)
    return Error(ErrorCode::kInvalidArgument,
                 "field 'api_key': Binance keys are 64 letters and digits");
  if (!key.passphrase.empty())
    return Error(ErrorCode::kInvalidArgument, "field 'passphrase': Binance keys have none");
  return {};
}

Admission BinanceVenue::Admit(const HttpRequest& request) {
  std::string_view path = request.Path();
  if (path == "/ws-api/v3" && request.method == "GET") {
    if (exchange_.faults().streams_down) return ServiceShuttingDown().ToResponse();
    HttpResponse upgrade;
    upgrade.websocket = [this, ip = request.peer_ip](std::shared_ptr<WebSocketPeer> peer) {
      return ws_api_.Open(std::move(peer), ip);
    };
    return upgrade;
  }
  const Route* route = FindRoute(request.method, path);
  if (route == nullptr) return NotFound().ToResponse();

  auto params = BinanceParams::Parse(request.Query(), request.body);
  int64_t now = exchange_.NowMillis();

  // Request weight per IP, counted before anything else as Binance does (parameters that cannot
  // be decoded are weighed as if absent).
  bool sapi = path.starts_with("/sapi/");
  RateLimiter& weight = sapi ? sapi_weight_ : weight_;
  RateLimiter::Decision used =
      weight.Add(request.peer_ip, route->weight(params ? *params : BinanceParams()), now);
  std::vector<Header> headers;
  headers.emplace_back(sapi ? "X-SAPI-USED-IP-WEIGHT-1M" : "X-MBX-USED-WEIGHT-1M",
                       std::to_string(used.used));
  if (!used.allowed) {
    HttpResponse r = used.banned ? IpBanned(used.banned_until).ToResponse()
                                 : TooMuchWeight(weight.limit()).ToResponse();
    headers.emplace_back("Retry-After", std::to_string(RetryAfterSeconds(used.retry_after_ms)));
    return WithHeaders(std::move(r), headers);
  }
  if (!params) return WithHeaders(params.error().ToResponse(), headers);
  BinanceRequest c{request, std::move(*params)};
  c.orders_10s = &orders_10s_;
  c.orders_1d = &orders_1d_;
  c.weight = &weight_;
  c.now = now;

  if (route->security == Security::kSigned) {
    auto key = Authenticate(exchange_, verifiers_, c);
    if (!key) return WithHeaders(key.error().ToResponse(), headers);
    c.key = *key;
    if (!Permitted(*c.key, route->need)) return WithHeaders(RejectedMbxKey().ToResponse(), headers);
    c.account = exchange_.FindAccount(c.key->account);
    if (c.account == nullptr) return WithHeaders(RejectedMbxKey().ToResponse(), headers);
  }

  if (route->kind == CallKind::kPlaceOrder) {
    std::string account = std::to_string(c.account->uid);
    auto ten = orders_10s_.Add(account, 1, now);
    auto day = orders_1d_.Add(account, 1, now);
    if (!ten.allowed || !day.allowed) {
      HttpResponse r = (!ten.allowed ? TooManyOrders(orders_10s_.limit(), "10 SECOND")
                                     : TooManyOrders(orders_1d_.limit(), "1 DAY"))
                           .ToResponse();
      headers.emplace_back(
          "Retry-After",
          std::to_string(RetryAfterSeconds((!ten.allowed ? ten : day).retry_after_ms)));
      return WithHeaders(std::move(r), headers);
    }
    headers.emplace_back("X-MBX-ORDER-COUNT-10S", std::to_string(orders_10s_.Used(account, now)));
    headers.emplace_back("X-MBX-ORDER-COUNT-1D", std::to_string(orders_1d_.Used(account, now)));
  }
  return std::make_unique<Call>(exchange_, *route, std::move(c), std::move(headers));
}

}  // namespace amanah::paper::binance
