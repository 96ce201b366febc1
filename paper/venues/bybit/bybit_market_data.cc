// Bybit's public market data on the paper exchange: server time, system status, spot instruments
// with their filters, tickers, the order book and klines (bybit.md §5, §7, §9), from the
// venue-neutral markets. Only spot is listed: another category answers an empty list, as Bybit
// does for a category with no instruments.
#include <algorithm>

#include <boost/json.hpp>

#include "core/market_stats.h"
#include "venues/bybit/bybit_routes.h"

namespace amanah::paper::bybit {

namespace json = boost::json;
using base::Decimal;

namespace {

json::value EmptyList(std::string_view category) {
  return json::object{{"category", category}, {"list", json::array{}}, {"nextPageCursor", ""}};
}

std::string Ms(int64_t ms) { return std::to_string(ms); }

// "1", "3", …, "720" minutes, "D", "W", "M" (a month is taken as 30 days).
std::optional<int64_t> IntervalMillis(std::string_view i) {
  static constexpr std::pair<std::string_view, int64_t> kIntervals[] = {
      {"1", 1},    {"3", 3},     {"5", 5},     {"15", 15},   {"30", 30},
      {"60", 60},  {"120", 120}, {"240", 240}, {"360", 360}, {"720", 720},
      {"D", 1440}, {"W", 10080}, {"M", 43200}};
  for (const auto& [name, minutes] : kIntervals) {
    if (name == i) return minutes * 60'000;
  }
  return std::nullopt;
}

}  // namespace

BybitReply ServerTime(Exchange& ex, BybitRequest&) {
  const int64_t now = ex.NowMillis();
  return json::object{{"timeSecond", std::to_string(now / 1000)},
                      {"timeNano", std::to_string(now) + "000000"}};
}

BybitReply SystemStatus(Exchange& ex, BybitRequest& c) {
  json::array list;
  if (ex.maintenance()) {
    list.push_back(json::object{{"id", "paper-maintenance"},
                                {"title", "Paper exchange maintenance"},
                                {"state", "ongoing"},
                                {"begin", Ms(c.now)},
                                {"end", Ms(c.now + 3'600'000)},
                                {"href", ""},
                                {"serviceTypes", json::array{1, 2, 3, 4, 5}},
                                {"product", json::array{1, 2, 3, 4}},
                                {"uidSuffix", json::array{}},
                                {"maintainType", 1},
                                {"env", 1}});
  }
  return json::object{{"list", std::move(list)}};
}

BybitReply Instruments(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return EmptyList(category);
  auto symbol = c.Get("symbol");
  json::array list;
  int id = 1;
  for (const auto& [name, m] : ex.markets()) {
    if (symbol && *symbol != name) continue;
    const SymbolSpec& s = m.spec();
    const Decimal max_qty = s.max_qty.IsPositive() ? s.max_qty : Decimal::FromInt(1'000'000'000);
    const Decimal max_market = s.market_max_qty.IsPositive() ? s.market_max_qty : max_qty;
    const Decimal max_amount =
        s.max_notional.IsPositive() ? s.max_notional : Decimal::FromInt(1'000'000'000);
    list.push_back(json::object{
        {"symbolId", id++},
        {"symbol", s.symbol},
        {"baseCoin", s.base},
        {"quoteCoin", s.quote},
        {"innovation", "0"},
        {"status", s.status == "TRADING" ? "Trading" : "Closed"},
        {"marginTrading", s.margin_allowed ? "utaOnly" : "none"},
        {"stTag", "0"},
        {"lotSizeFilter", json::object{{"basePrecision", Text(s.step_size)},
                                       {"quotePrecision", Text(s.tick_size)},
                                       {"minOrderQty", Text(s.min_qty)},
                                       {"maxOrderQty", Text(max_qty)},
                                       {"minOrderAmt", Text(s.min_notional)},
                                       {"maxOrderAmt", Text(max_amount)},
                                       {"maxLimitOrderQty", Text(max_qty)},
                                       {"maxMarketOrderQty", Text(max_market)},
                                       {"postOnlyMaxLimitOrderSize", Text(max_amount)}}},
        {"priceFilter", json::object{{"tickSize", Text(s.tick_size)}}},
        {"riskParameters", json::object{{"priceLimitRatioX", "0.05"}, {"priceLimitRatioY", "0.1"}}},
        {"symbolType", ""}});
  }
  return json::object{{"category", "spot"}, {"list", std::move(list)}, {"nextPageCursor", ""}};
}

BybitReply Tickers(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return EmptyList(category);
  auto symbol = c.Get("symbol");
  if (symbol && ex.FindMarket(*symbol) == nullptr)
    return BybitError{10001, "Not supported symbols"};
  json::array list;
  for (const auto& [name, m] : ex.markets()) {
    if (symbol && *symbol != name) continue;
    const DayStats day = Stats24h(m, c.now);
    auto bid = m.Depth(Side::kBuy, 1);
    auto ask = m.Depth(Side::kSell, 1);
    auto price = [&](const auto& v) { return Text(v.empty() ? Decimal() : m.Price(v[0].price)); };
    auto qty = [&](const auto& v) { return Text(v.empty() ? Decimal() : m.Qty(v[0].qty)); };
    const Decimal open = m.Price(day.open), last = m.Price(day.last);
    Decimal change;
    if (day.open != 0) {
      auto diff = last.Sub(open);
      auto ratio = diff ? diff->Div(open, 4, base::Rounding::kHalfEven) : diff;
      if (ratio) change = *ratio;
    }
    // Bybit's volume24h is in the base coin, turnover24h in the quote coin.
    Decimal volume = m.Qty(day.volume);
    if (day.last != 0) {
      auto crowd = m.spec().crowd_quote_volume_24h.Div(last, m.spec().step_size.scale(),
                                                       base::Rounding::kDown);
      auto total = crowd ? volume.Add(*crowd) : crowd;
      if (total) volume = *total;
    }
    list.push_back(json::object{{"symbol", name},
                                {"bid1Price", price(bid)},
                                {"bid1Size", qty(bid)},
                                {"ask1Price", price(ask)},
                                {"ask1Size", qty(ask)},
                                {"lastPrice", Text(last)},
                                {"prevPrice24h", Text(open)},
                                {"price24hPcnt", Text(change)},
                                {"highPrice24h", Text(m.Price(day.high))},
                                {"lowPrice24h", Text(m.Price(day.low))},
                                {"turnover24h", Text(day.quote_volume)},
                                {"volume24h", Text(volume)},
                                {"usdIndexPrice", Text(last)}});
  }
  return json::object{{"category", "spot"}, {"list", std::move(list)}};
}

BybitReply Orderbook(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return ParamError("the paper exchange lists spot only");
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 1, 1, 200));
  auto side = [&](Side s) {
    json::array out;
    for (const auto& level : m->Depth(s, static_cast<size_t>(limit))) {
      out.push_back(json::array{Text(m->Price(level.price)), Text(m->Qty(level.qty))});
    }
    return out;
  };
  return json::object{{"s", m->spec().symbol},
                      {"b", side(Side::kBuy)},
                      {"a", side(Side::kSell)},
                      {"ts", c.now},
                      {"u", static_cast<int64_t>(m->step())},
                      {"seq", static_cast<int64_t>(m->step())},
                      {"cts", c.now}};
}

BybitReply Kline(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return ParamError("the paper exchange lists spot only");
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(std::string_view interval_text, Required(c, "interval"));
  auto interval = IntervalMillis(interval_text);
  if (!interval) return ParamError("interval is invalid");
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 200, 1, 1000));
  AMANAH_ASSIGN_OR_RETURN(int64_t start, IntParam(c, "start", 0, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "end", INT64_MAX, 0, INT64_MAX));
  const std::vector<Bucket> buckets = Buckets(*m, *interval, start, end);
  // The most recent `limit` from the range, newest first.
  json::array list;
  const size_t n = std::min(buckets.size(), static_cast<size_t>(limit));
  const size_t first = c.Get("start") && !c.Get("end") ? n - 1 : buckets.size() - 1;
  for (size_t k = 0; k < n; ++k) {
    const Bucket& b = buckets[first - k];
    list.push_back(json::array{Ms(b.open_time), Text(m->Price(b.candle.open)),
                               Text(m->Price(b.candle.high)), Text(m->Price(b.candle.low)),
                               Text(m->Price(b.candle.close)), Text(m->Qty(b.candle.volume)),
                               Text(QuoteOf(m->spec(), b.candle.quote_units))});
  }
  return json::object{
      {"category", "spot"}, {"symbol", m->spec().symbol}, {"list", std::move(list)}};
}

}  // namespace amanah::paper::bybit
