// LostConnection: why a connection to an exchange stopped working, in the classes a person can
// act on — the key was deleted, its permissions or its IP whitelist changed, the exchange is in
// maintenance, our clock disagrees with the exchange's, we are rate limited or banned, or the
// network failed — each with its fix, from the adapter's diagnosis of the failure (which words
// the exchange's own part). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "exchange/failure.h"

namespace amanah::exchange {

enum class LostCause {
  kKeyDeleted,
  /// The exchange refuses the key without saying whether it was deleted or our IP is no longer
  /// on its whitelist (Binance's -2015 before the adapter could narrow it down).
  kKeyDeletedOrIpChanged,
  kPermissionsChanged,
  kIpWhitelistChanged,
  kMaintenance,
  kClockSkew,
  kRateLimited,
  kBanned,
  kNetwork,
  /// The exchange failed on its side or answered in an unexpected shape.
  kExchangeFault,
};

/// "key_deleted", "permissions_changed", "ip_whitelist_changed", "maintenance", "clock_skew",
/// "rate_limited", "banned", "network", …
std::string_view LostCauseName(LostCause cause);

struct LostConnection {
  LostCause cause = LostCause::kNetwork;
  std::string title;        ///< "The key was deleted"
  std::string explanation;  ///< what the exchange said, in the adapter's words
  std::string fix;          ///< what to do, step by step
  int64_t retry_at_ms = 0;  ///< rate limits and bans: when calls may resume
};

/// The lost connection `diagnosis` describes on `exchange_name`; nullopt for a failure that is not
/// one (a local error, an order refused, an unknown outcome being settled).
std::optional<LostConnection> LostConnectionOf(const Diagnosis& diagnosis,
                                               std::string_view exchange_name);

}  // namespace amanah::exchange
