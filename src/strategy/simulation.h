// Simulation: what a plan would have done over a price history — its runs from `from` to `to` by
// its own period, each priced at the last price known at the run (a candle's close), with the
// exchange's fee taken from what is bought, quantities rounded down to the lot: the trades, what
// was spent and received, the fees, the average cost, the holdings and their value at the end, and
// the value after each run (the dashboard's chart). DCA plans honour their price ceiling, budget
// and end; rebalance plans trade by strategy/rebalance.h from the holdings they start with. A pure
// function of its input; prices come from a klines CSV or the exchange's candles (the paper's price
// path), read by the caller.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/decimal.h"
#include "base/result.h"
#include "exchange/order.h"
#include "strategy/plan.h"

namespace amanah::strategy {

struct PricePoint {
  int64_t time_ms = 0;
  base::Decimal price;
};
/// Oldest first.
using PriceSeries = std::vector<PricePoint>;

struct SimulationInput {
  base::SystemTime from;
  base::SystemTime to;
  /// Per base asset, its price in the plan's quote asset (DCA: its pair's base asset).
  std::map<std::string, PriceSeries> prices;
  /// What the account holds at the start (rebalance; DCA starts from nothing bought).
  std::map<std::string, base::Decimal> start;
  base::Decimal fee_rate;
  /// The lot quantities are rounded down to, per base asset (absent: 0.00000001).
  std::map<std::string, base::Decimal> step;
};

struct SimulatedTrade {
  int64_t time_ms = 0;
  std::string asset;
  exchange::Side side = exchange::Side::kBuy;
  base::Decimal quantity, price, quote, fee;  ///< fee in the quote asset's terms
};

struct SimulationResult {
  std::string quote;
  std::vector<SimulatedTrade> trades;
  int64_t runs = 0;     ///< runs that traded
  int64_t skipped = 0;  ///< runs that did not (ceiling, band, no price yet)
  base::Decimal spent, received, fees;
  std::optional<base::Decimal> average_cost;  ///< DCA: quote spent per unit bought
  std::map<std::string, base::Decimal> holdings;
  base::Decimal final_value;  ///< the holdings at the last prices, in the quote asset
  struct Point {
    int64_t time_ms = 0;
    base::Decimal value;  ///< the holdings' value after the run
    base::Decimal spent;  ///< quote spent so far
  };
  std::vector<Point> curve;
  std::vector<std::string> notes;
};

/// kInvalidArgument for a webhook plan (signals cannot be replayed), an empty range or a missing
/// price series.
base::Result<SimulationResult> Simulate(const Plan& plan, const SimulationInput& in);

/// A klines CSV (Binance's own download format: open time, open, high, low, close, …; a header
/// line is skipped; times in ms or µs) as a price series of closes.
base::Result<PriceSeries> ParseKlinesCsv(std::string_view text);

boost::json::object SimulationJson(const SimulationResult& r);

}  // namespace amanah::strategy
