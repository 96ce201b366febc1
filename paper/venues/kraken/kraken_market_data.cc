// Kraken's public endpoints on the paper exchange (kraken.md §5, §7, §9): server time, system
// status, assets, asset pairs with their limits (ordermin, costmin, tick_size, lot and pair
// decimals), ticker, depth and OHLC candles, from the venue-neutral markets.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include <boost/json.hpp>

#include "core/market_stats.h"
#include "venues/kraken/kraken_routes.h"

namespace amanah::paper::kraken {

namespace json = boost::json;
using base::Decimal;

namespace {

std::string Rfc3339(int64_t ms) {
  const std::time_t s = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&s, &tm);
  char out[64];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

std::string Rfc1123(int64_t ms) {
  const std::time_t s = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&s, &tm);
  // Kraken writes a two-digit year here ("Thu, 06 Jul 23 18:50:48 +0000").
  char day[32];
  std::strftime(day, sizeof day, "%a, %d %b ", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s%02d %02d:%02d:%02d +0000", day, tm.tm_year % 100, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return out;
}

int Places(const Decimal& step) { return step.Normalized().scale(); }

// The markets `pair` names (a comma list), or every one.
Got<std::vector<const Market*>> Named(Exchange& ex, const KrakenRequest& c) {
  std::vector<const Market*> out;
  auto pairs = c.Get("pair");
  if (!pairs || pairs->empty()) {
    for (const auto& [name, m] : ex.markets()) out.push_back(&m);
    return out;
  }
  std::string_view rest = *pairs;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    KrakenRequest single{c.http, {{"pair", std::string(one)}}};
    AMANAH_ASSIGN_OR_RETURN(Market * m, PairParam(ex, single));
    out.push_back(m);
  }
  return out;
}

}  // namespace

KrakenReply ServerTime(Exchange& ex, KrakenRequest&) {
  const int64_t now = ex.NowMillis();
  return json::object{{"unixtime", now / 1000}, {"rfc1123", Rfc1123(now)}};
}

KrakenReply SystemStatus(Exchange& ex, KrakenRequest& c) {
  return json::object{{"status", ex.maintenance() ? "maintenance" : "online"},
                      {"timestamp", Rfc3339(c.now)},
                      {"upcoming_maintenance", json::array{}},
                      {"emergency", json::array{}}};
}

KrakenReply Assets(Exchange& ex, KrakenRequest&) {
  std::set<std::string> names;
  for (const auto& [name, m] : ex.markets()) {
    names.insert(m.spec().base);
    names.insert(m.spec().quote);
  }
  json::object out;
  for (const std::string& a : names) {
    out[AssetId(a)] =
        json::object{{"aclass", "currency"},  {"altname", AssetAltname(a)}, {"decimals", 10},
                     {"display_decimals", 5}, {"collateral_value", 1.0},    {"status", "enabled"}};
  }
  return out;
}

KrakenReply AssetPairs(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(auto markets, Named(ex, c));
  json::object out;
  for (const Market* m : markets) {
    const SymbolSpec& s = m->spec();
    const std::string base = AssetAltname(s.base), quote = AssetAltname(s.quote);
    out[PairName(*m)] = json::object{
        {"altname", PairName(*m)},
        {"wsname", base + "/" + quote},
        {"aclass_base", "currency"},
        {"base", AssetId(s.base)},
        {"aclass_quote", "currency"},
        {"quote", AssetId(s.quote)},
        {"lot", "unit"},
        {"cost_decimals", 5},
        {"pair_decimals", Places(s.tick_size)},
        {"lot_decimals", Places(s.step_size)},
        {"lot_multiplier", 1},
        {"leverage_buy", json::array{}},
        {"leverage_sell", json::array{}},
        {"fees", json::array{json::array{0, 0.4}}},
        {"fees_maker", json::array{json::array{0, 0.25}}},
        {"fee_volume_currency", "ZUSD"},
        {"margin_call", 80},
        {"margin_stop", 40},
        {"ordermin", Text(s.min_qty.Normalized())},
        {"costmin", Text(s.min_notional.Normalized())},
        {"tick_size", Text(s.tick_size.Normalized())},
        {"status", s.status == "TRADING" ? "online" : "cancel_only"},
        {"long_position_limit", 0},
        {"short_position_limit", 0},
    };
  }
  return out;
}

KrakenReply Ticker(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(auto markets, Named(ex, c));
  json::object out;
  for (const Market* m : markets) {
    const DayStats day = Stats24h(*m, c.now);
    auto bid = m->Depth(Side::kBuy, 1);
    auto ask = m->Depth(Side::kSell, 1);
    auto level = [&](const auto& v) {
      return json::array{Text(v.empty() ? Decimal() : m->Price(v[0].price)), "1", "1.000"};
    };
    const Decimal last = m->Price(day.last);
    // v: volume today and over 24 h (base); p: the volume-weighted average over them.
    Decimal volume = m->Qty(day.volume);
    Decimal vwap = last;
    if (day.last != 0 && day.quote_volume.IsPositive()) {
      auto crowd = m->spec().crowd_quote_volume_24h.Div(last, m->spec().step_size.scale(),
                                                        base::Rounding::kDown);
      if (crowd) {
        auto total = volume.Add(*crowd);
        if (total) volume = *total;
      }
    }
    out[PairName(*m)] = json::object{
        {"a", level(ask)},
        {"b", level(bid)},
        {"c", json::array{Text(last), "0.00000000"}},
        {"v", json::array{Text(volume), Text(volume)}},
        {"p", json::array{Text(vwap), Text(vwap)}},
        {"t", json::array{day.trades, day.trades}},
        {"l", json::array{Text(m->Price(day.low)), Text(m->Price(day.low))}},
        {"h", json::array{Text(m->Price(day.high)), Text(m->Price(day.high))}},
        {"o", Text(m->Price(day.open))},
    };
  }
  return out;
}

KrakenReply Depth(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, PairParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t count, IntParam(c, "count", 100));
  if (count < 1 || count > 500) return InvalidArguments("count");
  auto side = [&](Side s) {
    json::array levels;
    for (const auto& level : m->Depth(s, static_cast<size_t>(count))) {
      levels.push_back(
          json::array{Text(m->Price(level.price)), Text(m->Qty(level.qty)), c.now / 1000});
    }
    return levels;
  };
  return json::object{
      {PairName(*m), json::object{{"asks", side(Side::kSell)}, {"bids", side(Side::kBuy)}}}};
}

KrakenReply Ohlc(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, PairParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t minutes, IntParam(c, "interval", 1));
  static constexpr int64_t kIntervals[] = {1, 5, 15, 30, 60, 240, 1440, 10080, 21600};
  if (std::find(std::begin(kIntervals), std::end(kIntervals), minutes) == std::end(kIntervals)) {
    return InvalidArguments("interval");
  }
  AMANAH_ASSIGN_OR_RETURN(int64_t since_s, IntParam(c, "since", 0));
  const int64_t interval = minutes * 60'000;
  // Kraken answers at most the 720 newest candles after `since`.
  std::vector<Bucket> buckets = Buckets(*m, interval, std::max<int64_t>(0, since_s) * 1000, c.now);
  if (buckets.size() > 720) buckets.erase(buckets.begin(), buckets.end() - 720);
  json::array rows;
  for (const Bucket& b : buckets) {
    const Decimal quote = QuoteOf(m->spec(), b.candle.quote_units);
    const Decimal volume = m->Qty(b.candle.volume);
    Decimal vwap = m->Price(b.candle.close);
    if (volume.IsPositive()) {
      auto v = quote.Div(volume, m->spec().tick_size.scale(), base::Rounding::kHalfEven);
      if (v) vwap = *v;
    }
    rows.push_back(json::array{b.open_time / 1000, Text(m->Price(b.candle.open)),
                               Text(m->Price(b.candle.high)), Text(m->Price(b.candle.low)),
                               Text(m->Price(b.candle.close)), Text(vwap), Text(volume), 1});
  }
  const int64_t last = buckets.empty() ? since_s : buckets.back().open_time / 1000;
  return json::object{{PairName(*m), std::move(rows)}, {"last", last}};
}

}  // namespace amanah::paper::kraken
