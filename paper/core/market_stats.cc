#include "core/market_stats.h"

#include <algorithm>

namespace amanah::paper {

using base::Decimal;

Decimal QuoteOf(const SymbolSpec& s, base::int128 quote_units) {
  return Decimal::FromUnits(quote_units * s.tick_size.mantissa() * s.step_size.mantissa(),
                            s.tick_size.scale() + s.step_size.scale())
      .value();
}

DayStats Stats24h(const Market& m, int64_t now_ms) {
  DayStats d;
  d.from_ms = now_ms - 86'400'000;
  d.open = d.high = d.low = m.last_price();
  base::int128 quote_units = 0;
  bool first = true;
  for (const Market::Candle& k : m.history()) {
    if (k.open_time < d.from_ms) continue;
    if (first) {
      d.open = k.open;
      d.high = k.high;
      d.low = k.low;
      first = false;
    }
    d.high = std::max(d.high, k.high);
    d.low = std::min(d.low, k.low);
    d.volume += k.volume;
    quote_units += k.quote_units;
    d.trades += k.trades;
  }
  d.last = m.last_price();
  const Decimal client_quote = QuoteOf(m.spec(), quote_units);
  auto total = client_quote.Add(m.spec().crowd_quote_volume_24h);
  d.quote_volume = total ? *total : client_quote;
  return d;
}

std::vector<Bucket> Buckets(const Market& m, int64_t interval_ms, int64_t start_ms,
                            int64_t end_ms) {
  std::vector<Bucket> buckets;
  for (const Market::Candle& step : m.history()) {
    if (step.open_time < start_ms || step.open_time > end_ms) continue;
    const int64_t open = step.open_time - step.open_time % interval_ms;
    if (buckets.empty() || buckets.back().open_time != open) {
      buckets.push_back(Bucket{open, step});
      continue;
    }
    Market::Candle& k = buckets.back().candle;
    k.high = std::max(k.high, step.high);
    k.low = std::min(k.low, step.low);
    k.close = step.close;
    k.volume += step.volume;
    k.quote_units += step.quote_units;
    k.trades += step.trades;
  }
  return buckets;
}

}  // namespace amanah::paper
