#include "venues/bybit/bybit_venue.h"

#include <algorithm>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "venues/bybit/bybit_auth.h"
#include "venues/bybit/bybit_routes.h"

namespace amanah::paper::bybit {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

using Header = std::pair<std::string, std::string>;
using Params = std::vector<std::pair<std::string, std::string>>;

// A GET's query string, decoded; a name given twice is refused.
Got<Params> QueryParams(std::string_view query) {
  Params out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = crypto::PercentDecode(pair.substr(0, eq));
    auto value = crypto::PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!name || !value) return ParamError("the query string is not well encoded");
    if (std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *name; })) {
      return ParamError(*name + " is given twice");
    }
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

// A POST's JSON body: an object whose values are strings, numbers or booleans.
Got<Params> BodyParams(std::string_view body) {
  Params out;
  if (body.empty()) return out;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return ParamError("the body is not a JSON object");
  for (const auto& [name, value] : v.as_object()) {
    std::string text;
    if (value.is_string()) {
      text = std::string(value.as_string());
    } else if (value.is_number() || value.is_bool()) {
      text = json::serialize(value);
    } else if (value.is_null()) {
      continue;
    } else {
      return ParamError(std::string(name) + " must be a string or a number");
    }
    out.emplace_back(std::string(name), std::move(text));
  }
  return out;
}

}  // namespace

/// One admitted Bybit request: its route, its decoded request and the headers it has earned.
class BybitVenue::Call final : public VenueCall {
 public:
  Call(Exchange& exchange, const Route& route, BybitRequest request, std::vector<Header> headers)
      : exchange_(exchange),
        route_(route),
        request_(std::move(request)),
        headers_(std::move(headers)) {}

  CallKind kind() const override { return route_.kind; }

  HttpResponse Execute() override {
    return WithHeaders(Envelope(route_.handler(exchange_, request_), request_.now), headers_);
  }

  HttpResponse Refuse(Refusal refusal) const override {
    switch (refusal) {
      case Refusal::kMaintenance:
      case Refusal::kFailBeforeAccept:
        return WithHeaders(Envelope(ServerTimeout(), request_.now), headers_);
      case Refusal::kFailAfterAccept:
      case Refusal::kInternal:
        break;
    }
    return WithHeaders(Envelope(ServerError(), request_.now), headers_);
  }

 private:
  Exchange& exchange_;
  const Route& route_;
  BybitRequest request_;
  std::vector<Header> headers_;
};

BybitVenue::BybitVenue(Exchange& exchange, bybit::Limits limits)
    : exchange_(exchange), limits_(limits), ip_(limits.ip_requests_per_5s, 5'000, 0) {}

RateLimiter& BybitVenue::EndpointLimiter(std::string_view path, int64_t per_second) {
  auto it = endpoints_.find(path);
  if (it == endpoints_.end()) {
    const int64_t limit = std::max<int64_t>(1, per_second * limits_.account_limit_percent / 100);
    it = endpoints_.emplace(std::string(path), RateLimiter(limit, 1'000, 0)).first;
  }
  return it->second;
}

void BybitVenue::ResetRateLimits() {
  ip_ = RateLimiter(limits_.ip_requests_per_5s, 5'000, 0);
  endpoints_.clear();
}

json::object BybitVenue::Limits() const {
  return json::object{{"ip_requests_per_5s", limits_.ip_requests_per_5s},
                      {"account_limit_percent", limits_.account_limit_percent}};
}

Result<void> BybitVenue::SetLimits(const json::object& in) {
  bybit::Limits limits = limits_;
  for (const auto& [name, value] : in) {
    if (!value.is_int64() || value.as_int64() < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected a non-negative integer");
    if (name == "ip_requests_per_5s") {
      limits.ip_requests_per_5s = value.as_int64();
    } else if (name == "account_limit_percent") {
      limits.account_limit_percent = value.as_int64();
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': unknown Bybit limit");
    }
  }
  limits_ = limits;
  ResetRateLimits();
  return {};
}

std::string BybitVenue::NewKeyId(Exchange& exchange) const { return exchange.RandomAlnum(18); }
std::string BybitVenue::NewSecret(Exchange& exchange) const { return exchange.RandomAlnum(36); }

Result<void> BybitVenue::CheckKey(const ApiKey& key) const {
  const bool alnum = std::all_of(key.api_key.begin(), key.api_key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
  if (key.api_key.size() < 16 || key.api_key.size() > 64 || !alnum)
    return Error(ErrorCode::kInvalidArgument,
                 "field 'api_key': Bybit keys are 16 to 64 letters and digits");
  if (key.type == KeyType::kEd25519)
    return Error(ErrorCode::kInvalidArgument, "field 'type': Bybit keys are hmac or rsa");
  if (!key.passphrase.empty())
    return Error(ErrorCode::kInvalidArgument, "field 'passphrase': Bybit keys have none");
  return {};
}

Admission BybitVenue::Admit(const HttpRequest& request) {
  const int64_t now = exchange_.NowMillis();
  const Route* route = FindRoute(request.method, request.Path());
  if (route == nullptr) return Envelope(NotFoundPath(), now);

  // 600 requests in a 5-second window per IP; beyond, HTTP 403.
  if (!ip_.Add(request.peer_ip, 1, now).allowed) return Envelope(IpRateLimited(), now);

  auto params = request.method == "POST" ? BodyParams(request.body) : QueryParams(request.Query());
  if (!params) return Envelope(params.error(), now);
  BybitRequest c{request, std::move(*params)};
  c.now = now;

  std::vector<Header> headers;
  if (route->need != Need::kNothing) {
    auto key = Authenticate(exchange_, verifiers_, request);
    if (!key) return Envelope(key.error(), now);
    c.key = *key;
    const bool writes = route->kind == CallKind::kTrade || route->kind == CallKind::kPlaceOrder;
    if (!Permitted(*c.key, route->need) || (writes && !ReadWrite(*c.key))) {
      return Envelope(PermissionDenied(), now);
    }
    c.account = exchange_.FindAccount(c.key->account);
    if (c.account == nullptr) return Envelope(InvalidApiKey(), now);
    if (route->per_second > 0) {
      RateLimiter& limiter = EndpointLimiter(route->path, route->per_second);
      const std::string who = std::to_string(c.account->uid);
      const RateLimiter::Decision d = limiter.Add(who, 1, now);
      const int64_t reset = (now / limiter.window_ms() + 1) * limiter.window_ms();
      headers.emplace_back("X-Bapi-Limit", std::to_string(limiter.limit()));
      headers.emplace_back("X-Bapi-Limit-Status",
                           std::to_string(std::max<int64_t>(0, limiter.limit() - d.used)));
      headers.emplace_back("X-Bapi-Limit-Reset-Timestamp", std::to_string(reset));
      if (!d.allowed) return WithHeaders(Envelope(TooManyVisits(), now), headers);
    }
  }
  return std::make_unique<Call>(exchange_, *route, std::move(c), std::move(headers));
}

}  // namespace amanah::paper::bybit
