#include "venues/okx/okx_venue.h"

#include <algorithm>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "venues/okx/okx_auth.h"
#include "venues/okx/okx_routes.h"

namespace amanah::paper::okx {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

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
    if (!name || !value) return ParamError("query");
    if (std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *name; })) {
      return ParamError(*name);
    }
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

// An object's values as text: strings as they are, numbers and booleans as JSON writes them.
Got<Params> ObjectParams(const json::object& o) {
  Params out;
  for (const auto& [name, value] : o) {
    if (value.is_string()) {
      out.emplace_back(std::string(name), std::string(value.get_string()));
    } else if (value.is_number() || value.is_bool()) {
      out.emplace_back(std::string(name), json::serialize(value));
    } else if (!value.is_null()) {
      out.emplace_back(std::string(name), json::serialize(value));  // attachAlgoOrds and the like
    }
  }
  return out;
}

std::string HexOf(std::string_view alnum) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : alnum) out += kHex[static_cast<unsigned char>(c) % 16];
  return out;
}

}  // namespace

/// One admitted OKX request: its route and its decoded request.
class OkxVenue::Call final : public VenueCall {
 public:
  Call(Exchange& exchange, const Route& route, OkxRequest request)
      : exchange_(exchange), route_(route), request_(std::move(request)) {}

  CallKind kind() const override { return route_.kind; }

  HttpResponse Execute() override {
    return Envelope(route_.handler(exchange_, request_), request_.now);
  }

  HttpResponse Refuse(Refusal refusal) const override {
    switch (refusal) {
      case Refusal::kMaintenance:
      case Refusal::kFailBeforeAccept:
        return Envelope(Unavailable(), request_.now);
      case Refusal::kFailAfterAccept:
      case Refusal::kInternal:
        break;
    }
    return Envelope(SystemError(), request_.now);
  }

 private:
  Exchange& exchange_;
  const Route& route_;
  OkxRequest request_;
};

OkxVenue::OkxVenue(Exchange& exchange, okx::Limits limits) : exchange_(exchange), limits_(limits) {}

RateLimiter& OkxVenue::EndpointLimiter(std::string_view path, int64_t per_2s) {
  auto it = endpoints_.find(path);
  if (it == endpoints_.end()) {
    const int64_t limit = std::max<int64_t>(1, per_2s * limits_.limit_percent / 100);
    it = endpoints_.emplace(std::string(path), RateLimiter(limit, 2'000, 0)).first;
  }
  return it->second;
}

void OkxVenue::ResetRateLimits() { endpoints_.clear(); }

json::object OkxVenue::Limits() const {
  return json::object{{"limit_percent", limits_.limit_percent}};
}

Result<void> OkxVenue::SetLimits(const json::object& in) {
  okx::Limits limits = limits_;
  for (const auto& [name, value] : in) {
    if (!value.is_int64() || value.as_int64() < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected a non-negative integer");
    if (name == "limit_percent") {
      limits.limit_percent = value.as_int64();
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': unknown OKX limit");
    }
  }
  limits_ = limits;
  ResetRateLimits();
  return {};
}

std::string OkxVenue::NewKeyId(Exchange& exchange) const {
  const std::string hex = HexOf(exchange.RandomAlnum(32));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string OkxVenue::NewSecret(Exchange& exchange) const {
  std::string hex = HexOf(exchange.RandomAlnum(32));
  std::transform(hex.begin(), hex.end(), hex.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return hex;
}

std::string OkxVenue::NewPassphrase(Exchange& exchange) const { return exchange.RandomAlnum(16); }

Result<void> OkxVenue::CheckKey(const ApiKey& key) const {
  const std::string& id = key.api_key;
  bool uuid = id.size() == 36;
  for (size_t i = 0; uuid && i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    uuid = dash ? id[i] == '-' : std::isxdigit(static_cast<unsigned char>(id[i])) != 0;
  }
  if (!uuid)
    return Error(ErrorCode::kInvalidArgument,
                 "field 'api_key': OKX keys are UUIDs (8-4-4-4-12 hexadecimal digits)");
  if (key.type != KeyType::kHmac)
    return Error(ErrorCode::kInvalidArgument, "field 'type': OKX keys are hmac");
  const bool printable = std::all_of(key.passphrase.begin(), key.passphrase.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (key.passphrase.empty() || key.passphrase.size() > 64 || !printable)
    return Error(ErrorCode::kInvalidArgument,
                 "field 'passphrase': an OKX key needs one, 1 to 64 printable ASCII characters");
  return {};
}

Admission OkxVenue::Admit(const HttpRequest& request) {
  const int64_t now = exchange_.NowMillis();
  const Route* route = FindRoute(request.method, request.Path());
  if (route == nullptr) return Envelope(NotFoundPath(), now);

  OkxRequest c{request, {}, {}};
  c.now = now;
  if (request.method == "POST") {
    if (!request.body.empty()) {
      boost::system::error_code ec;
      c.body = json::parse(request.body, ec);
      if (ec || !(c.body.is_object() || c.body.is_array())) return Envelope(BodyError(), now);
      if (c.body.is_object()) {
        auto params = ObjectParams(c.body.get_object());
        if (!params) return Envelope(params.error(), now);
        c.params = std::move(*params);
      }
    }
  } else {
    auto params = QueryParams(request.Query());
    if (!params) return Envelope(params.error(), now);
    c.params = std::move(*params);
  }

  std::string who = request.peer_ip;
  if (route->need != Need::kNothing) {
    auto key = Authenticate(exchange_, verifiers_, request);
    if (!key) return Envelope(key.error(), now);
    c.key = *key;
    if (!Permitted(*c.key, route->need)) return Envelope(NoPermission(), now);
    c.account = exchange_.FindAccount(c.key->account);
    if (c.account == nullptr) return Envelope(InvalidKey(), now);
    who = std::to_string(c.account->uid);
  }
  if (route->per_2s > 0) {
    RateLimiter& limiter = EndpointLimiter(route->path, route->per_2s);
    if (!limiter.Add(who, 1, now).allowed) return Envelope(TooManyRequests(), now);
  }
  return std::make_unique<Call>(exchange_, *route, std::move(c));
}

}  // namespace amanah::paper::okx
