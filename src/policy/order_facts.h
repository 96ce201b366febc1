// OrderFacts: everything the checks of the order policy look at, gathered (from the store, the
// exchange and the screening data) before the chain runs, so that each check is a pure decision
// over values and can be table-tested. ExchangeFilters rounds `intent` to the symbol's filters in
// place: what passes the chain is what is signed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "exchange/market_data.h"
#include "order/intent.h"

namespace amanah::policy {

/// Where the connection stands (keys::Standing, with its audit age).
struct ConnectionStanding {
  bool may_trade = false;
  bool audit_due = false;
  std::string reason;  ///< empty when it may trade
};

/// The exchange's request budget for this connection's egress IP, as the adapter last saw it.
struct RateBudgetFacts {
  int64_t weight_used = 0;   ///< request weight used in the current window
  int64_t weight_limit = 0;  ///< 0: unknown
  int64_t orders_used = 0;   ///< orders placed in the current order window
  int64_t orders_limit = 0;  ///< 0: unknown
  int64_t order_weight = 1;  ///< the weight one order costs
};

struct OrderFacts {
  order::Intent intent;
  ConnectionStanding standing;
  /// The symbol as the exchange lists it; nullopt when it does not.
  std::optional<exchange::SymbolInfo> symbol;
  /// Non-zero spot balances.
  std::vector<exchange::Balance> balances;
  /// The last trade price (for market orders' notional and the funds needed).
  std::optional<base::Decimal> last_price;
  /// The symbol's quote volume over the last 24 h (nullopt: the exchange did not say).
  std::optional<base::Decimal> quote_volume_24h;
  /// Notional of the connection's orders placed since the start of the UTC day, and the count of
  /// its orders in the last minute.
  base::Decimal notional_today;
  int64_t orders_last_minute = 0;
  /// The connection's open orders on this symbol (placed or partially filled, as we know them).
  int64_t open_orders_on_symbol = 0;
  /// Pairs this connection may trade (those the user approved; its plans' pairs as plans land).
  std::vector<std::string> allowed_pairs;
  RateBudgetFacts rate;
};

/// Free balance of `asset` (zero when none).
base::Decimal FreeOf(const OrderFacts& facts, std::string_view asset);

/// The price an order's notional is counted at: its limit price, else the last price.
std::optional<base::Decimal> PriceOf(const OrderFacts& facts);

/// The order's notional in the quote asset (quantity × price, or the quote amount); nullopt when
/// no price is known.
std::optional<base::Decimal> NotionalOf(const OrderFacts& facts);

}  // namespace amanah::policy
