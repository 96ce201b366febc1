// MarketStats: what every venue's market-data endpoints derive from a market's path history in
// the same way — the rolling 24 h statistics of a ticker, and the path steps gathered into
// candles of an interval. Venues only render them in their own shape. Pure functions over a
// Market; REQUIRES the Exchange lock.
#pragma once

#include <cstdint>
#include <vector>

#include "base/decimal.h"
#include "core/market.h"

namespace amanah::paper {

/// The market over the 24 h before `now_ms`: prices in ticks, volume in lots.
struct DayStats {
  int64_t open = 0, high = 0, low = 0, last = 0;
  int64_t volume = 0;          ///< lots clients traded
  base::Decimal quote_volume;  ///< clients' quote volume plus the crowd's
  int64_t trades = 0;
  int64_t from_ms = 0;  ///< the window's start
};
DayStats Stats24h(const Market& market, int64_t now_ms);

/// One candle of `interval_ms` opening at `open_time`.
struct Bucket {
  int64_t open_time = 0;
  Market::Candle candle;
};
/// The path steps opening in [start_ms, end_ms] gathered into candles of `interval_ms`, oldest
/// first.
std::vector<Bucket> Buckets(const Market& market, int64_t interval_ms, int64_t start_ms,
                            int64_t end_ms);

/// Σ ticks × lots as a quote amount, exact.
base::Decimal QuoteOf(const SymbolSpec& spec, base::int128 quote_units);

}  // namespace amanah::paper
