// OKX's public market data on the paper exchange: server time, system status, spot instruments
// with their filters (tickSz, lotSz, minSz), tickers, the order book and candles (okx.md §5, §7,
// §9), from the venue-neutral markets. Only SPOT is listed: another instType answers an empty
// list.
#include <algorithm>

#include <boost/json.hpp>

#include "core/market_stats.h"
#include "venues/okx/okx_routes.h"

namespace amanah::paper::okx {

namespace json = boost::json;
using base::Decimal;

namespace {

// OKX's bars: 1m … 30m, 1H … 12H (also lower-case hours), 1D, 1W, 1M (30 days), and their
// "utc" variants.
std::optional<int64_t> BarMillis(std::string_view bar) {
  if (bar.ends_with("utc")) bar.remove_suffix(3);
  static constexpr std::pair<std::string_view, int64_t> kBars[] = {
      {"1m", 1},     {"3m", 3},     {"5m", 5},     {"15m", 15},  {"30m", 30},  {"1H", 60},
      {"2H", 120},   {"4H", 240},   {"6H", 360},   {"12H", 720}, {"1h", 60},   {"2h", 120},
      {"4h", 240},   {"6h", 360},   {"12h", 720},  {"1D", 1440}, {"2D", 2880}, {"3D", 4320},
      {"1W", 10080}, {"1M", 43200}, {"3M", 129600}};
  for (const auto& [name, minutes] : kBars) {
    if (name == bar) return minutes * 60'000;
  }
  return std::nullopt;
}

json::object TickerJson(const Market& m, int64_t now) {
  const DayStats day = Stats24h(m, now);
  auto bid = m.Depth(Side::kBuy, 1);
  auto ask = m.Depth(Side::kSell, 1);
  auto price = [&](const auto& v) { return Text(v.empty() ? Decimal() : m.Price(v[0].price)); };
  auto qty = [&](const auto& v) { return Text(v.empty() ? Decimal() : m.Qty(v[0].qty)); };
  const Decimal last = m.Price(day.last);
  // For SPOT, vol24h is in the base currency and volCcy24h in the quote currency.
  Decimal volume = m.Qty(day.volume);
  if (day.last != 0) {
    auto crowd = m.spec().crowd_quote_volume_24h.Div(last, m.spec().step_size.scale(),
                                                     base::Rounding::kDown);
    auto total = crowd ? volume.Add(*crowd) : crowd;
    if (total) volume = *total;
  }
  return json::object{{"instType", "SPOT"},
                      {"instId", InstId(m)},
                      {"last", Text(last)},
                      {"lastSz", "0"},
                      {"askPx", price(ask)},
                      {"askSz", qty(ask)},
                      {"bidPx", price(bid)},
                      {"bidSz", qty(bid)},
                      {"open24h", Text(m.Price(day.open))},
                      {"high24h", Text(m.Price(day.high))},
                      {"low24h", Text(m.Price(day.low))},
                      {"volCcy24h", Text(day.quote_volume)},
                      {"vol24h", Text(volume)},
                      {"ts", Ms(now)},
                      {"sodUtc0", Text(m.Price(day.open))},
                      {"sodUtc8", Text(m.Price(day.open))}};
}

}  // namespace

OkxReply ServerTime(Exchange& ex, OkxRequest&) {
  return json::array{json::object{{"ts", Ms(ex.NowMillis())}}};
}

OkxReply SystemStatus(Exchange& ex, OkxRequest& c) {
  json::array list;
  if (ex.maintenance()) {
    list.push_back(json::object{{"begin", Ms(c.now)},
                                {"end", Ms(c.now + 3'600'000)},
                                {"href", ""},
                                {"preOpenBegin", ""},
                                {"scheDesc", ""},
                                {"serviceType", "5"},
                                {"state", "ongoing"},
                                {"maintType", "1"},
                                {"env", "1"},
                                {"system", "unified"},
                                {"title", "Paper exchange maintenance"}});
  }
  return list;
}

OkxReply Instruments(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, InstType(c, true));
  json::array list;
  if (type != "SPOT") return list;
  auto inst = c.Get("instId");
  for (const auto& [name, m] : ex.markets()) {
    if (inst && *inst != InstId(m)) continue;
    const SymbolSpec& s = m.spec();
    const Decimal max_qty = s.max_qty.IsPositive() ? s.max_qty : Decimal::FromInt(1'000'000'000);
    const Decimal max_market = s.market_max_qty.IsPositive() ? s.market_max_qty : max_qty;
    const Decimal max_amount =
        s.max_notional.IsPositive() ? s.max_notional : Decimal::FromInt(1'000'000);
    list.push_back(json::object{{"alias", ""},
                                {"auctionEndTime", ""},
                                {"baseCcy", s.base},
                                {"category", "1"},
                                {"ctMult", ""},
                                {"ctType", ""},
                                {"ctVal", ""},
                                {"ctValCcy", ""},
                                {"contTdSwTime", ""},
                                {"expTime", ""},
                                {"futureSettlement", false},
                                {"instFamily", ""},
                                {"instId", InstId(m)},
                                {"instType", "SPOT"},
                                {"lever", s.margin_allowed ? "10" : ""},
                                {"listTime", "1606468572000"},
                                {"lotSz", Text(s.step_size)},
                                {"maxIcebergSz", Text(max_qty)},
                                {"maxLmtAmt", Text(max_amount)},
                                {"maxLmtSz", Text(max_qty)},
                                {"maxMktAmt", Text(max_amount)},
                                {"maxMktSz", Text(max_market)},
                                {"maxStopSz", Text(max_market)},
                                {"maxTriggerSz", Text(max_qty)},
                                {"maxTwapSz", Text(max_qty)},
                                {"minSz", Text(s.min_qty)},
                                {"optType", ""},
                                {"openType", ""},
                                {"quoteCcy", s.quote},
                                {"tradeQuoteCcyList", json::array{json::string(s.quote)}},
                                {"settleCcy", ""},
                                {"state", s.status == "TRADING" ? "live" : "suspend"},
                                {"ruleType", "normal"},
                                {"stk", ""},
                                {"tickSz", Text(s.tick_size)},
                                {"uly", ""}});
  }
  return list;
}

OkxReply Ticker(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  return json::array{TickerJson(*m, c.now)};
}

OkxReply Tickers(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, InstType(c, true));
  json::array list;
  if (type != "SPOT") return list;
  for (const auto& [name, m] : ex.markets()) list.push_back(TickerJson(m, c.now));
  return list;
}

OkxReply Books(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t depth, IntParam(c, "sz", 1, 1, 400));
  auto side = [&](Side s) {
    json::array out;
    for (const auto& level : m->Depth(s, static_cast<size_t>(depth))) {
      out.push_back(json::array{Text(m->Price(level.price)), Text(m->Qty(level.qty)), "0", "1"});
    }
    return out;
  };
  return json::array{
      json::object{{"asks", side(Side::kSell)}, {"bids", side(Side::kBuy)}, {"ts", Ms(c.now)}}};
}

OkxReply Candles(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  auto interval = BarMillis(c.Get("bar").value_or("1m"));
  if (!interval) return ParamError("bar");
  const bool history = c.http.Path().ends_with("history-candles");
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 100, 1, history ? 100 : 300));
  // after: records older than this ts; before: newer than this ts.
  AMANAH_ASSIGN_OR_RETURN(int64_t after, IntParam(c, "after", INT64_MAX, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t before, IntParam(c, "before", -1, 0, INT64_MAX));
  const std::vector<Bucket> buckets =
      Buckets(*m, *interval, before < 0 ? 0 : before + 1, after == INT64_MAX ? after : after - 1);
  // Newest first: the `limit` newest of the range, or with `before` alone the oldest after it.
  json::array list;
  const size_t n = std::min(buckets.size(), static_cast<size_t>(limit));
  const bool from_before = before >= 0 && after == INT64_MAX;
  for (size_t k = 0; k < n; ++k) {
    const Bucket& b = from_before ? buckets[n - 1 - k] : buckets[buckets.size() - 1 - k];
    const bool confirmed = b.open_time + *interval <= c.now;
    const Decimal quote = QuoteOf(m->spec(), b.candle.quote_units);
    list.push_back(json::array{Ms(b.open_time), Text(m->Price(b.candle.open)),
                               Text(m->Price(b.candle.high)), Text(m->Price(b.candle.low)),
                               Text(m->Price(b.candle.close)), Text(m->Qty(b.candle.volume)),
                               Text(quote), Text(quote), confirmed ? "1" : "0"});
  }
  return list;
}

}  // namespace amanah::paper::okx
