#include "exchange/failure.h"

#include <array>
#include <utility>

namespace amanah::exchange {
namespace {

constexpr std::array<std::pair<Failure, std::string_view>, 18> kFailureNames = {{
    {Failure::kNone, "none"},
    {Failure::kKeyInvalid, "key_invalid"},
    {Failure::kKeyRefused, "key_refused"},
    {Failure::kKeyOrIpRefused, "key_or_ip_refused"},
    {Failure::kIpNotWhitelisted, "ip_not_whitelisted"},
    {Failure::kPermissionMissing, "permission_missing"},
    {Failure::kSignatureRejected, "signature_rejected"},
    {Failure::kClockSkew, "clock_skew"},
    {Failure::kRateLimited, "rate_limited"},
    {Failure::kBanned, "banned"},
    {Failure::kMaintenance, "maintenance"},
    {Failure::kNetwork, "network"},
    {Failure::kOutcomeUnknown, "outcome_unknown"},
    {Failure::kOrderRejected, "order_rejected"},
    {Failure::kNotFound, "not_found"},
    {Failure::kBadRequest, "bad_request"},
    {Failure::kExchangeFault, "exchange_fault"},
    {Failure::kMalformedResponse, "malformed_response"},
}};

}  // namespace

std::string_view FailureName(Failure f) {
  for (const auto& [value, name] : kFailureNames) {
    if (value == f) return name;
  }
  return "none";
}

std::optional<Failure> ParseFailure(std::string_view name) {
  for (const auto& [value, n] : kFailureNames) {
    if (n == name) return value;
  }
  return std::nullopt;
}

Failure FailureOf(const base::Error& error) {
  if (error.exchange() && !error.exchange()->failure.empty()) {
    if (auto f = ParseFailure(error.exchange()->failure)) return *f;
  }
  switch (error.code()) {
    case base::ErrorCode::kUnavailable:
      return Failure::kNetwork;
    case base::ErrorCode::kOutcomeUnknown:
      return Failure::kOutcomeUnknown;
    case base::ErrorCode::kDataLoss:
      return Failure::kMalformedResponse;
    case base::ErrorCode::kRateLimited:
      return Failure::kRateLimited;
    default:
      return Failure::kNone;
  }
}

base::Error ExchangeFailure(base::ErrorCode code, Failure failure, std::string message,
                            std::string exchange_code, std::string exchange_text,
                            int64_t retry_at_ms) {
  return base::Error(code, std::move(message),
                     base::ExchangeError(std::move(exchange_code), std::move(exchange_text),
                                         std::string(FailureName(failure)), retry_at_ms));
}

Diagnosis DefaultDiagnosis(const base::Error& error) {
  Diagnosis d;
  d.failure = FailureOf(error);
  d.code = error.code();
  d.exchange = error.exchange();
  d.retry_at_ms = error.exchange() ? error.exchange()->retry_at_ms : 0;
  switch (d.failure) {
    case Failure::kKeyInvalid:
    case Failure::kKeyRefused:
      d.explanation =
          "The exchange refused the key: it was deleted or mistyped, our IP is not on its "
          "whitelist, or a permission it needs is off. Run `amanah audit` to tell which, or check "
          "the key on the exchange's API-management page.";
      break;
    case Failure::kSignatureRejected:
      d.explanation =
          "The signature was refused: the secret (or private key) does not belong to this API "
          "key.";
      break;
    case Failure::kClockSkew:
      d.explanation =
          "Our clock and the exchange's disagree by more than the receive window even after "
          "re-syncing: fix this machine's time (NTP).";
      break;
    case Failure::kRateLimited:
    case Failure::kBanned:
      d.explanation = "Rate limited by the exchange: " + error.message();
      break;
    case Failure::kMaintenance:
      d.explanation = "The exchange is in maintenance; try again when its system status is normal.";
      break;
    case Failure::kNetwork:
      d.explanation = "The exchange could not be reached: " + error.message() +
                      ". Check the network, the URL and TLS trust.";
      break;
    default:
      d.explanation = error.message();
      break;
  }
  return d;
}

}  // namespace amanah::exchange
