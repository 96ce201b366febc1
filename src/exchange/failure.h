// Failure: the classes of failure an exchange call can end in, the same for every exchange, so
// that the service layer, the API and the dashboard explain a lost connection without knowing any
// exchange's codes. An adapter classifies each error it returns: the base::Error keeps the
// exchange's own code and text (ExchangeError) and names its Failure; rate limits and bans carry
// when sending may resume. A Diagnosis adds what to tell the user and the fix on that exchange.
// Values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace amanah::exchange {

enum class Failure {
  /// Nothing the exchange said; a local error (bad input, our own state).
  kNone,
  /// The key is malformed, unknown or deleted.
  kKeyInvalid,
  /// The exchange refused the key and does not say why: deleted, our IP not on its whitelist, or a
  /// permission missing (Binance's -2015). An adapter's Diagnose narrows it down where it can.
  kKeyRefused,
  /// The exchange refused the key without saying why among: deleted, or our IP is not on its
  /// whitelist (Binance answers both with -2015).
  kKeyOrIpRefused,
  /// Our egress IP is not on the key's whitelist.
  kIpNotWhitelisted,
  /// The key lacks a permission the call needs.
  kPermissionMissing,
  /// The signature was refused: the secret does not belong to the key.
  kSignatureRejected,
  /// Our clock and the exchange's disagree beyond the receive window (or a nonce went backwards).
  kClockSkew,
  /// Too many requests; retry_at says when.
  kRateLimited,
  /// The egress IP is banned until retry_at.
  kBanned,
  /// The exchange is in maintenance.
  kMaintenance,
  /// The exchange could not be reached (DNS, connect, TLS, timeout, reset).
  kNetwork,
  /// An order was sent and no answer came: settle by its client order id, never resend.
  kOutcomeUnknown,
  /// The exchange refused an order (filters, balance, market closed).
  kOrderRejected,
  /// The order or object asked for does not exist.
  kNotFound,
  /// The exchange found the request malformed.
  kBadRequest,
  /// The exchange failed on its side (5xx on a read).
  kExchangeFault,
  /// The exchange's answer did not have its documented shape.
  kMalformedResponse,
};

/// Stable lower-case name ("ip_not_whitelisted"); what ExchangeError::failure holds.
std::string_view FailureName(Failure f);
std::optional<Failure> ParseFailure(std::string_view name);

/// The Failure an error belongs to: its ExchangeError's, else one inferred from the error code
/// (kUnavailable → kNetwork, kOutcomeUnknown → kOutcomeUnknown, kDataLoss → kMalformedResponse).
Failure FailureOf(const base::Error& error);

/// An error from an exchange, classified: `what` says which call ("GET /api/v3/account").
base::Error ExchangeFailure(base::ErrorCode code, Failure failure, std::string message,
                            std::string exchange_code, std::string exchange_text,
                            int64_t retry_at_ms = 0);

/// The errors of one failed call, as every dialect's error map writes them: each message prefixed
/// by the call ("GET /api/v3/account: …"), each keeping the exchange's code and text and when to
/// retry. Cheap; lives for one mapping.
class FailureWriter {
 public:
  FailureWriter(std::string_view what, std::string exchange_code, std::string exchange_text,
                bool is_order, int64_t retry_at_ms)
      : prefix_(std::string(what) + ": "),
        code_(std::move(exchange_code)),
        text_(std::move(exchange_text)),
        is_order_(is_order),
        retry_at_ms_(retry_at_ms) {}

  base::Error operator()(base::ErrorCode code, Failure failure, const std::string& message) const {
    return ExchangeFailure(code, failure, prefix_ + message, code_, text_, retry_at_ms_);
  }
  /// The exchange failed on its side: for an order, its fate is unknown (query it by its client
  /// id, never resend); for anything else, an exchange fault worth retrying.
  base::Error UnknownOr(const std::string& message) const {
    return is_order_ ? (*this)(base::ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown,
                               message +
                                   ": the order's fate is unknown; query it by its client id, do "
                                   "not resend")
                     : (*this)(base::ErrorCode::kUnavailable, Failure::kExchangeFault, message);
  }

 private:
  std::string prefix_, code_, text_;
  bool is_order_;
  int64_t retry_at_ms_;
};

/// What to tell the user about a failed exchange call.
struct Diagnosis {
  Failure failure = Failure::kNone;
  base::ErrorCode code = base::ErrorCode::kInternal;
  /// What happened and what to do, on this exchange, in one or two sentences.
  std::string explanation;
  std::optional<base::ExchangeError> exchange;
  int64_t retry_at_ms = 0;
};

/// The diagnosis of `error` that needs no exchange-specific knowledge: network, rate limits,
/// maintenance, clock skew and signature failures explained; anything else by its own message.
Diagnosis DefaultDiagnosis(const base::Error& error);

}  // namespace amanah::exchange
