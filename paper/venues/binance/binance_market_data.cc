// Binance's public market data endpoints on the paper exchange: ping, time, exchangeInfo, depth,
// ticker prices, book tickers, klines and the system status — unsigned, answered in maintenance
// too (binance.md §4, the official examples in fixtures/binance/).
#include "venues/binance/binance_market_data.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "base/json_reader.h"
#include "core/market_stats.h"
#include "venues/binance/binance_json.h"

namespace amanah::paper::binance {

namespace json = boost::json;
using base::Decimal;

Answer<json::value> Ping(Exchange&, BinanceRequest&) { return json::object{}; }

Answer<json::value> Time(Exchange& ex, BinanceRequest&) {
  return json::object{{"serverTime", ex.NowMillis()}};
}

namespace {

// The limits this venue enforces, in Binance's words (RAW_REQUESTS is not enforced: Binance's
// documented figure).
json::array RateLimitsJson(const BinanceRequest& c) {
  auto entry = [](std::string_view type, std::string_view interval, int num, int64_t limit) {
    return json::object{
        {"rateLimitType", type}, {"interval", interval}, {"intervalNum", num}, {"limit", limit}};
  };
  json::array out;
  if (c.weight != nullptr) out.push_back(entry("REQUEST_WEIGHT", "MINUTE", 1, c.weight->limit()));
  if (c.orders_10s != nullptr) out.push_back(entry("ORDERS", "SECOND", 10, c.orders_10s->limit()));
  if (c.orders_1d != nullptr) out.push_back(entry("ORDERS", "DAY", 1, c.orders_1d->limit()));
  out.push_back(entry("RAW_REQUESTS", "MINUTE", 5, 61000));
  return out;
}

}  // namespace

Answer<json::value> ExchangeInfo(Exchange& ex, BinanceRequest& c) {
  json::array symbols;
  std::vector<std::string> wanted;
  if (auto one = c.params.Get("symbol")) wanted.emplace_back(*one);
  if (auto many = c.params.Get("symbols")) {  // ["BTCUSDT","ETHUSDT"]
    auto document =
        base::JsonDocument::Parse(*many, {"symbols", base::ErrorCode::kInvalidArgument});
    auto items = document ? document->Root().AsArray() : document.error();
    if (!items) return IllegalChars("symbols", "JSON array of symbols");
    for (const base::JsonView& item : *items) {
      auto name = item.AsString();
      if (!name) return IllegalChars("symbols", "JSON array of symbols");
      wanted.push_back(std::move(*name));
    }
  }
  for (const auto& name : wanted) {
    if (ex.FindMarket(name) == nullptr) return BadSymbol();
  }
  for (const auto& [name, market] : ex.markets()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    symbols.push_back(SymbolJson(market));
  }
  return json::object{
      {"timezone", "UTC"},
      {"serverTime", ex.NowMillis()},
      {"rateLimits", RateLimitsJson(c)},
      {"exchangeFilters", json::array{}},
      {"symbols", std::move(symbols)},
  };
}

Answer<json::value> Depth(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 100, 5000));
  auto side = [&](Side s) {
    json::array levels;
    for (const auto& level : m->Depth(s, static_cast<size_t>(limit))) {
      levels.push_back(json::array{Fixed(m->Price(level.price), m->spec().quote_precision),
                                   Fixed(m->Qty(level.qty), m->spec().base_precision)});
    }
    return levels;
  };
  return json::object{{"lastUpdateId", static_cast<int64_t>(m->step()) * 1000 +
                                           static_cast<int64_t>(ex.trades().size())},
                      {"bids", side(Side::kBuy)},
                      {"asks", side(Side::kSell)}};
}

namespace {

template <typename F>
Answer<json::value> PerSymbol(Exchange& ex, BinanceRequest& c, F one) {
  if (c.params.Has("symbol")) {
    AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
    return one(*m);
  }
  json::array all;
  for (const auto& [_, market] : ex.markets()) all.push_back(one(market));
  return all;
}

}  // namespace

Answer<json::value> TickerPrice(Exchange& ex, BinanceRequest& c) {
  return PerSymbol(ex, c, [](const Market& m) -> json::value {
    return json::object{{"symbol", m.spec().symbol},
                        {"price", Fixed(m.Price(m.last_price()), m.spec().quote_precision)}};
  });
}

namespace {

Decimal Or(const base::Result<Decimal>& d, Decimal fallback) { return d ? *d : fallback; }

}  // namespace

Answer<json::value> Ticker24hr(Exchange& ex, BinanceRequest& c) {
  const int64_t now = ex.NowMillis();
  return PerSymbol(ex, c, [now](const Market& m) -> json::value {
    const SymbolSpec& s = m.spec();
    const DayStats day = Stats24h(m, now);
    const int64_t from = day.from_ms, open = day.open, high = day.high, low = day.low;
    const int64_t volume = day.volume, trades = day.trades, last = day.last;
    const Decimal quote_volume = day.quote_volume;
    const Decimal change = Or(m.Price(last).Sub(m.Price(open)), Decimal());
    const Decimal percent =
        open == 0 ? Decimal()
                  : Or(Or(change.Mul(Decimal::FromInt(100), base::Rounding::kHalfEven), Decimal())
                           .Div(m.Price(open), 3, base::Rounding::kHalfEven),
                       Decimal());
    auto bid = m.Depth(Side::kBuy, 1);
    auto ask = m.Depth(Side::kSell, 1);
    const int q = s.quote_precision;
    const int b = s.base_precision;
    auto price = [&](const auto& v) {
      return Fixed(v.empty() ? Decimal() : m.Price(v[0].price), q);
    };
    auto qty = [&](const auto& v) { return Fixed(v.empty() ? Decimal() : m.Qty(v[0].qty), b); };
    return json::object{{"symbol", s.symbol},
                        {"priceChange", Fixed(change, q)},
                        {"priceChangePercent", percent.ToString()},
                        {"weightedAvgPrice", Fixed(m.Price(last), q)},
                        {"prevClosePrice", Fixed(m.Price(open), q)},
                        {"lastPrice", Fixed(m.Price(last), q)},
                        {"lastQty", Fixed(Decimal(), b)},
                        {"bidPrice", price(bid)},
                        {"bidQty", qty(bid)},
                        {"askPrice", price(ask)},
                        {"askQty", qty(ask)},
                        {"openPrice", Fixed(m.Price(open), q)},
                        {"highPrice", Fixed(m.Price(high), q)},
                        {"lowPrice", Fixed(m.Price(low), q)},
                        {"volume", Fixed(m.Qty(volume), b)},
                        {"quoteVolume", Fixed(quote_volume, q)},
                        {"openTime", from},
                        {"closeTime", now},
                        {"firstId", trades == 0 ? -1 : 0},
                        {"lastId", trades == 0 ? -1 : trades - 1},
                        {"count", trades}};
  });
}

Answer<json::value> BookTicker(Exchange& ex, BinanceRequest& c) {
  return PerSymbol(ex, c, [](const Market& m) -> json::value {
    auto bid = m.Depth(Side::kBuy, 1);
    auto ask = m.Depth(Side::kSell, 1);
    int q = m.spec().quote_precision;
    int b = m.spec().base_precision;
    auto price = [&](const auto& v) {
      return Fixed(v.empty() ? Decimal() : m.Price(v[0].price), q);
    };
    auto qty = [&](const auto& v) { return Fixed(v.empty() ? Decimal() : m.Qty(v[0].qty), b); };
    return json::object{{"symbol", m.spec().symbol},
                        {"bidPrice", price(bid)},
                        {"bidQty", qty(bid)},
                        {"askPrice", price(ask)},
                        {"askQty", qty(ask)}};
  });
}

namespace {

std::optional<int64_t> IntervalMillis(std::string_view interval) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 14> kIntervals{{
      {"1s", 1000},
      {"1m", 60'000},
      {"3m", 180'000},
      {"5m", 300'000},
      {"15m", 900'000},
      {"30m", 1'800'000},
      {"1h", 3'600'000},
      {"2h", 7'200'000},
      {"4h", 14'400'000},
      {"6h", 21'600'000},
      {"8h", 28'800'000},
      {"12h", 43'200'000},
      {"1d", 86'400'000},
      {"1w", 604'800'000},
  }};
  for (const auto& [name, ms] : kIntervals) {
    if (name == interval) return ms;
  }
  return std::nullopt;
}

}  // namespace

Answer<json::value> Klines(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(std::string_view interval_text, c.Required("interval"));
  auto interval = IntervalMillis(interval_text);
  if (!interval) return InvalidInterval();
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 500, 1000));
  int64_t start = INT64_MIN;
  int64_t end = INT64_MAX;
  if (auto t = c.params.Get("startTime")) {
    AMANAH_ASSIGN_OR_RETURN(start, IntParam("startTime", *t));
  }
  if (auto t = c.params.Get("endTime")) {
    AMANAH_ASSIGN_OR_RETURN(end, IntParam("endTime", *t));
  }
  const std::vector<Bucket> buckets = Buckets(*m, *interval, start, end);
  // With startTime the oldest come first; otherwise the most recent `limit`.
  size_t first = 0;
  if (buckets.size() > static_cast<size_t>(limit)) {
    first = c.params.Has("startTime") ? 0 : buckets.size() - static_cast<size_t>(limit);
  }
  size_t last = std::min(buckets.size(), first + static_cast<size_t>(limit));
  const SymbolSpec& s = m->spec();
  json::array out;
  for (size_t i = first; i < last; ++i) {
    const auto& [open_time, k] = buckets[i];
    const Decimal quote_volume = QuoteOf(s, k.quote_units);
    out.push_back(json::array{
        open_time, Fixed(m->Price(k.open), s.quote_precision),
        Fixed(m->Price(k.high), s.quote_precision), Fixed(m->Price(k.low), s.quote_precision),
        Fixed(m->Price(k.close), s.quote_precision), Fixed(m->Qty(k.volume), s.base_precision),
        open_time + *interval - 1, Fixed(quote_volume, s.quote_precision), k.trades,
        Fixed(Decimal(), s.base_precision), Fixed(Decimal(), s.quote_precision), "0"});
  }
  return out;
}

Answer<json::value> SystemStatus(Exchange& ex, BinanceRequest&) {
  if (ex.maintenance()) return json::object{{"status", 1}, {"msg", "system_maintenance"}};
  return json::object{{"status", 0}, {"msg", "normal"}};
}

}  // namespace amanah::paper::binance
