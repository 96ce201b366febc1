// SymbolSpec: what the exchange publishes about one spot symbol — assets, precisions, trading
// filters, permission sets — and how the paper market moves it (start price, path, synthetic
// depth). Prices and quantities are decimals here; Market converts them to integer ticks (price /
// tick_size) and lots (quantity / step_size) once. Immutable after the scenario loads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"

namespace amanah::paper {

struct SymbolSpec {
  std::string symbol;  ///< e.g. "BTCUSDT"
  std::string base;
  std::string quote;
  std::string status = "TRADING";  ///< TRADING, HALT or BREAK
  int base_precision = 8;
  int quote_precision = 8;
  /// Binance permission sets: [["SPOT","MARGIN"]] = either; a leveraged token has "LEVERAGED".
  std::vector<std::vector<std::string>> permission_sets{{"SPOT"}};
  bool margin_allowed = false;

  // Filters (a zero bound disables that bound, as on Binance).
  base::Decimal tick_size;  ///< PRICE_FILTER
  base::Decimal min_price;
  base::Decimal max_price;
  base::Decimal step_size;  ///< LOT_SIZE
  base::Decimal min_qty;
  base::Decimal max_qty;
  base::Decimal market_step_size;  ///< MARKET_LOT_SIZE
  base::Decimal market_min_qty;
  base::Decimal market_max_qty;
  base::Decimal min_notional;  ///< NOTIONAL
  base::Decimal max_notional;
  bool apply_min_to_market = true;
  bool apply_max_to_market = false;
  int max_num_orders = 200;  ///< MAX_NUM_ORDERS, open orders per account on this symbol
  /// TRAILING_DELTA, BIPS: "above" bounds STOP_LOSS BUY and TAKE_PROFIT SELL, "below" the others.
  int64_t min_trailing_above_delta = 10;
  int64_t max_trailing_above_delta = 2000;
  int64_t min_trailing_below_delta = 10;
  int64_t max_trailing_below_delta = 2000;

  // The market.
  base::Decimal start_price;
  uint32_t volatility_bp = 10;        ///< random walk: largest move per step, basis points
  uint64_t seed = 1;                  ///< random walk seed
  std::vector<base::Decimal> replay;  ///< CSV replay prices; empty = random walk
  int64_t step_millis = 1000;         ///< paper time per path step
  uint32_t spread_bp = 2;             ///< synthetic best bid/ask distance from mid, total
  int depth_levels = 20;              ///< synthetic levels each side
  base::Decimal level_qty;            ///< synthetic quantity at the best level; level i has (i+1)×
  /// The crowd's quote volume over 24 h, added to the clients' own in the 24 h ticker (a liquid
  /// market by default; a scenario sets it low to stage an illiquid pair).
  base::Decimal crowd_quote_volume_24h = base::Decimal::FromInt(50'000'000);
};

}  // namespace amanah::paper
