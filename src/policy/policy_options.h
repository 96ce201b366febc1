// PolicyOptions: the operator's order policy (config [policy]), immutable once the chain is built.
// Notional limits are in the order's quote asset.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "base/decimal.h"

namespace amanah::policy {

struct PolicyOptions {
  /// Doubtful pairs are blocked unless the tenant opts in.
  bool allow_doubtful = false;
  /// Largest notional of one order; nullopt: no limit.
  std::optional<base::Decimal> max_order_notional;
  /// Largest notional of one connection's orders per UTC day; nullopt: no limit.
  std::optional<base::Decimal> max_daily_notional;
  /// Orders per minute per connection (kept under every exchange's own order rate).
  int64_t max_orders_per_minute = 10;
  /// A pair must have traded at least this much quote volume in 24 h (so that a hijacked login or
  /// webhook secret cannot buy an illiquid coin at a pumped price); nullopt: no minimum.
  std::optional<base::Decimal> min_quote_volume_24h = base::Decimal::FromInt(100000);
  /// The fee a buy must also be able to pay, as a fraction (0.001 = 0.1 %, Binance's taker rate).
  base::Decimal fee_rate = base::Decimal::FromUnits(1, 3).value();
  /// Checks that decide, count and journal but never block.
  std::set<std::string, std::less<>> shadow;
  /// Reconciliation suspends a connection on which an order we did not place is found.
  bool suspend_on_foreign_order = true;
};

}  // namespace amanah::policy
