// PermissionReport: what an exchange key may do, in Amanah's neutral terms, as the exchange itself
// reported it. Every adapter maps its exchange's own permission names onto these fields (Binance's
// apiRestrictions, Bybit's query-api groups, OKX's perm string, Kraken's GetApiKeyInfo); a field
// the exchange cannot reveal stays kUnknown, and the audit treats unknown as not shown to be off
// (fail closed). Permissions an exchange has beyond these go in `extra` with their own names.
// Values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amanah::exchange {

/// A permission the exchange may or may not reveal.
enum class Flag { kOff, kOn, kUnknown };
std::string_view FlagName(Flag f);
inline Flag FlagOf(bool on) { return on ? Flag::kOn : Flag::kOff; }

struct PermissionReport {
  Flag reading = Flag::kUnknown;
  Flag spot_trading = Flag::kUnknown;  ///< on Binance one flag covers spot *and* margin trading
  Flag margin = Flag::kUnknown;        ///< borrowing: margin loans, repay, margin transfers
  Flag futures = Flag::kUnknown;       ///< futures and perpetual contracts
  Flag options = Flag::kUnknown;
  Flag leveraged_tokens = Flag::kUnknown;
  Flag portfolio_margin = Flag::kUnknown;
  Flag withdrawals = Flag::kUnknown;
  Flag internal_transfer = Flag::kUnknown;   ///< between master and sub-accounts
  Flag universal_transfer = Flag::kUnknown;  ///< between wallets (spot, margin, futures, funding)
  Flag deposit = Flag::kUnknown;             ///< deposit addresses and deposits
  Flag earn = Flag::kUnknown;                ///< staking, savings, lending products

  /// An exchange-specific permission with no neutral field (e.g. Bybit's "NFT").
  struct Extra {
    std::string name;
    Flag value = Flag::kUnknown;
    bool forbidden = true;  ///< whether it crosses the boundary when on
  };
  std::vector<Extra> extra;

  /// The key is read-only (Bybit's readOnly, OKX's perm without "trade").
  std::optional<bool> read_only;
  std::optional<bool> ip_restricted;
  /// The addresses the key is bound to, when the exchange reveals them.
  std::optional<std::vector<std::string>> ip_list;
  std::optional<int64_t> created_at_ms;
  std::optional<int64_t> expires_at_ms;
};

/// Names the neutral permission fields, for tables and tests.
struct PermissionField {
  Flag PermissionReport::*field;
  std::string_view name;  ///< "withdrawals"
};
const std::vector<PermissionField>& PermissionFields();

}  // namespace amanah::exchange
