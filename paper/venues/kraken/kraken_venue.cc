#include "venues/kraken/kraken_venue.h"

#include <algorithm>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "venues/kraken/kraken_routes.h"

namespace amanah::paper::kraken {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// A query string or form body, decoded ('+' is a space in a form); a name twice is refused.
Got<Params> FormParams(std::string_view text) {
  Params out;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string raw_name(pair.substr(0, eq));
    std::string raw_value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    std::replace(raw_name.begin(), raw_name.end(), '+', ' ');
    std::replace(raw_value.begin(), raw_value.end(), '+', ' ');
    auto name = crypto::PercentDecode(raw_name);
    auto value = crypto::PercentDecode(raw_value);
    if (!name || !value) return InvalidArguments("");
    if (std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *name; })) {
      return InvalidArguments(*name);
    }
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

// A JSON body's members as text (Kraken takes JSON where an endpoint documents it).
Got<Params> JsonParams(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return InvalidArguments("");
  Params out;
  for (const auto& [name, value] : v.get_object()) {
    if (value.is_string()) {
      out.emplace_back(std::string(name), std::string(value.get_string()));
    } else if (!value.is_null()) {
      out.emplace_back(std::string(name), json::serialize(value));
    }
  }
  return out;
}

std::string Base64Of(Exchange& exchange, size_t bytes) {
  const std::string raw = exchange.RandomAlnum(bytes);
  return crypto::Base64Encode(crypto::AsBytes(raw));
}

}  // namespace

/// One admitted Kraken request: its route and its decoded request.
class KrakenVenue::Call final : public VenueCall {
 public:
  Call(Exchange& exchange, const Route& route, KrakenRequest request)
      : exchange_(exchange), route_(route), request_(std::move(request)) {}

  CallKind kind() const override { return route_.kind; }
  HttpResponse Execute() override { return Envelope(route_.handler(exchange_, request_)); }
  HttpResponse Refuse(Refusal refusal) const override {
    switch (refusal) {
      case Refusal::kMaintenance:
      case Refusal::kFailBeforeAccept:
        return Envelope(Unavailable());
      case Refusal::kFailAfterAccept:
      case Refusal::kInternal:
        break;
    }
    return Envelope(InternalError());
  }

 private:
  Exchange& exchange_;
  const Route& route_;
  KrakenRequest request_;
};

KrakenVenue::KrakenVenue(Exchange& exchange, kraken::Limits limits)
    : exchange_(exchange), limits_(limits) {}

bool KrakenVenue::Count(const std::string& key, int64_t cost, int64_t now) {
  Counter& c = counters_[key];
  const int64_t elapsed = std::max<int64_t>(0, now - c.at);
  // decay_per_s_percent hundredths a second = decay_per_s_percent × 10 milli-units a second.
  c.milli = std::max<int64_t>(0, c.milli - elapsed * limits_.decay_per_s_percent * 10 / 1000);
  c.at = now;
  if (c.milli + cost * 1000 > limits_.counter_max * 1000) return false;
  c.milli += cost * 1000;
  return true;
}

void KrakenVenue::ResetRateLimits() { counters_.clear(); }

json::object KrakenVenue::Limits() const {
  return json::object{{"counter_max", limits_.counter_max},
                      {"decay_per_s_percent", limits_.decay_per_s_percent}};
}

Result<void> KrakenVenue::SetLimits(const json::object& in) {
  kraken::Limits limits = limits_;
  for (const auto& [name, value] : in) {
    if (!value.is_int64() || value.as_int64() < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected a non-negative integer");
    if (name == "counter_max") {
      limits.counter_max = value.as_int64();
    } else if (name == "decay_per_s_percent") {
      limits.decay_per_s_percent = value.as_int64();
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': unknown Kraken limit");
    }
  }
  limits_ = limits;
  ResetRateLimits();
  return {};
}

std::string KrakenVenue::NewKeyId(Exchange& exchange) const { return Base64Of(exchange, 42); }

std::string KrakenVenue::NewSecret(Exchange& exchange) const { return Base64Of(exchange, 64); }

Result<void> KrakenVenue::CheckKey(const ApiKey& key) const {
  const auto base64 = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
    });
  };
  if (!base64(key.api_key) || key.api_key.size() < 16)
    return Error(ErrorCode::kInvalidArgument, "field 'api_key': Kraken keys are Base64 text");
  if (key.type != KeyType::kHmac)
    return Error(ErrorCode::kInvalidArgument, "field 'type': Kraken keys are hmac");
  // (A secret not given yet is made by NewSecret.)
  auto decoded = crypto::Base64DecodeSecret(key.secret);
  if (!key.secret.empty() && (!base64(key.secret) || !decoded || decoded->empty()))
    return Error(ErrorCode::kInvalidArgument,
                 "field 'secret': a Kraken private key is Base64 text");
  if (!key.passphrase.empty())
    return Error(ErrorCode::kInvalidArgument, "field 'passphrase': Kraken keys have none");
  return {};
}

Admission KrakenVenue::Admit(const HttpRequest& request) {
  const int64_t now = exchange_.NowMillis();
  const Route* route = FindRoute(request.method, request.Path());
  if (route == nullptr) return Envelope(UnknownMethod());

  KrakenRequest c{request, {}};
  c.now = now;
  const std::string_view body = request.body;
  const bool json_body = !body.empty() && body.front() == '{';
  auto params = request.method == "POST" && !body.empty()
                    ? (json_body ? JsonParams(body) : FormParams(body))
                    : FormParams(request.Query());
  if (!params) return Envelope(params.error());
  c.params = std::move(*params);

  if (route->need == Need::kPublic) return std::make_unique<Call>(exchange_, *route, std::move(c));
  auto key = Authenticate(exchange_, verifiers_, nonces_, c);
  if (!key) return Envelope(key.error());
  c.key = *key;
  if (!Permitted(*c.key, route->need)) return Envelope(PermissionDenied());
  c.account = exchange_.FindAccount(c.key->account);
  if (c.account == nullptr) return Envelope(InvalidKey());
  if (route->cost > 0 && !Count(c.key->api_key, route->cost, now)) return Envelope(RateLimit());
  return std::make_unique<Call>(exchange_, *route, std::move(c));
}

}  // namespace amanah::paper::kraken
