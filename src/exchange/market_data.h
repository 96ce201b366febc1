// Market data and balances in neutral terms: a spot symbol with its trading filters, and a spot
// balance. Decimals are parsed once, at the adapter. Values.
#pragma once

#include <string>
#include <vector>

#include "base/decimal.h"

namespace amanah::exchange {

struct SymbolInfo {
  std::string symbol;  ///< the exchange's own name ("BTCUSDT", "BTC-USDT", "XXBTZUSD")
  std::string base, quote;
  std::string status;  ///< the exchange's word ("TRADING")
  bool trading = false;
  bool spot = false;
  std::vector<std::string> permissions;  ///< e.g. Binance's permission sets ("SPOT", "LEVERAGED")
  base::Decimal tick_size, min_price, max_price;
  base::Decimal step_size, min_qty, max_qty;
  base::Decimal market_step_size, market_min_qty, market_max_qty;  ///< zero when not given
  base::Decimal min_notional, max_notional;                        ///< zero when not given
  int64_t max_open_orders = 0;  ///< open orders per account on this symbol; 0 when not given
  /// The order types the symbol takes, in our names ("limit", "stop_loss_limit", …); empty when
  /// the exchange does not say.
  std::vector<std::string> order_types;
  bool trailing_allowed = false;
  /// Trailing delta bounds, BIPS: "above" for orders that trigger on a rise (stop-loss buys,
  /// take-profit sells), "below" for the others; 0 when not given.
  int64_t min_trailing_above = 0, max_trailing_above = 0;
  int64_t min_trailing_below = 0, max_trailing_below = 0;
};

struct Balance {
  std::string asset;
  base::Decimal free;
  base::Decimal locked;
};

/// A symbol's last price and its rolling 24 h quote volume.
struct Ticker {
  std::string symbol;
  base::Decimal last_price;
  base::Decimal quote_volume_24h;
};

/// One candle of a symbol's price history (klines): its opening time and prices.
struct Candle {
  int64_t open_time_ms = 0;
  base::Decimal open, high, low, close;
};

/// Whether the exchange is in normal operation.
struct SystemStatus {
  bool normal = false;
  std::string message;  ///< the exchange's own words ("normal", "system maintenance")
};

}  // namespace amanah::exchange
