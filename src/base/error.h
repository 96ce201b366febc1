// Error: what went wrong in an expected failure, sorted by what the caller should do next (the
// absl::Status convention), with a human message and, when the failure came from an exchange, the
// exchange's own code and text kept verbatim. Values; copyable; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace amanah::base {

enum class ErrorCode {
  /// The request itself is wrong (malformed input, bad value); fix it before trying again.
  kInvalidArgument,
  /// A value is outside the representable or allowed range (overflow, too many digits).
  kOutOfRange,
  /// The system is not in a state that allows this (key not compliant, asset screened out,
  /// journal unwritable); do not retry until that state is fixed.
  kFailedPrecondition,
  /// The caller, or the exchange key, lacks the permission for this action.
  kPermissionDenied,
  /// Credentials are missing, wrong, deleted or expired.
  kUnauthenticated,
  /// The thing asked for does not exist.
  kNotFound,
  /// The thing to create exists already.
  kAlreadyExists,
  /// A transient failure (network, maintenance, 5xx); retrying an idempotent call may succeed.
  kUnavailable,
  /// Too many requests; wait for the advised time before trying again.
  kRateLimited,
  /// A concurrent change got in the way (e.g. the master key was rotated while sealing); the whole
  /// operation can be retried from the start.
  kAborted,
  /// A request with side effects was sent and no answer came back. Settle it by querying (for an
  /// order, by its client order id); never by sending it again.
  kOutcomeUnknown,
  /// Stored data is corrupt or was tampered with.
  kDataLoss,
  /// A failure inside this program or a library it calls that no caller can fix.
  kInternal,
};

/// Stable lower-case name of a code, e.g. "invalid_argument"; used in JSON and logs.
std::string_view ErrorCodeName(ErrorCode code);

/// An error as an exchange reported it: its own code (e.g. "-2015") and message, unchanged, with
/// the class of failure it belongs to (exchange/failure.h names them: "key_invalid",
/// "ip_not_whitelisted", …) and, for rate limits and bans, when sending may resume.
struct ExchangeError {
  ExchangeError() = default;
  ExchangeError(std::string code_, std::string message_, std::string failure_ = {},
                int64_t retry_at_ms_ = 0)
      : code(std::move(code_)),
        message(std::move(message_)),
        failure(std::move(failure_)),
        retry_at_ms(retry_at_ms_) {}

  std::string code;
  std::string message;
  std::string failure;      ///< exchange::FailureName(); empty if unclassified
  int64_t retry_at_ms = 0;  ///< ms since the epoch; 0 = not said
  bool operator==(const ExchangeError&) const = default;
};

class Error {
 public:
  /// boost::system::result requires it; a default Error says only that it carries nothing.
  Error() = default;
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Error(ErrorCode code, std::string message, ExchangeError exchange)
      : code_(code), message_(std::move(message)), exchange_(std::move(exchange)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::optional<ExchangeError>& exchange() const { return exchange_; }

  /// A copy whose message is prefixed with `context: `, keeping code and exchange error.
  Error WithContext(std::string_view context) const;

  /// "invalid_argument: message" plus " [exchange -2015: text]" when present.
  std::string ToString() const;

  bool operator==(const Error&) const = default;

 private:
  ErrorCode code_ = ErrorCode::kInternal;
  std::string message_;
  std::optional<ExchangeError> exchange_;
};

std::ostream& operator<<(std::ostream& out, const Error& error);

}  // namespace amanah::base
