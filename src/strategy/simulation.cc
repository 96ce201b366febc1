#include "strategy/simulation.h"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "strategy/rebalance.h"

#include "strategy/working_decimal.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::Decimal;
using base::ErrorCode;
using base::Fail;
using base::Result;
using base::Rounding;
using working::Add;
using working::Div;
using working::Mul;
using working::Of;
using working::Sub;

namespace {

Result<Decimal> PriceAt(const PriceSeries& s, int64_t t) {
  auto it = std::upper_bound(s.begin(), s.end(), t,
                             [](int64_t v, const PricePoint& p) { return v < p.time_ms; });
  if (it == s.begin()) return Fail(ErrorCode::kNotFound, "no price yet");
  return std::prev(it)->price;
}

Decimal StepOf(const SimulationInput& in, const std::string& asset) {
  auto it = in.step.find(asset);
  if (it != in.step.end() && it->second.IsPositive()) return it->second;
  return Decimal::FromUnits(1, 8).value();
}

struct Book {
  const SimulationInput& in;
  std::string quote;
  SimulationResult& out;
  bool counts_quote = true;  ///< a DCA's quote is paid from outside: its value is what it bought

  // Buys `amount` of quote's worth at `price`: the fee comes out of what is bought.
  void Buy(int64_t t, const std::string& asset, const Decimal& amount, const Decimal& price) {
    const Decimal qty = Div(amount, price).RoundToStep(StepOf(in, asset), Rounding::kDown).value();
    if (!qty.IsPositive()) return;
    const Decimal cost = Mul(qty, price), fee_qty = Mul(qty, in.fee_rate);
    out.holdings[asset] = Add(Of(out.holdings, asset), Sub(qty, fee_qty));
    out.holdings[quote] = Sub(Of(out.holdings, quote), cost);
    out.spent = Add(out.spent, cost);
    const Decimal fee = Mul(fee_qty, price);
    out.fees = Add(out.fees, fee);
    out.trades.push_back({t, asset, exchange::Side::kBuy, qty, price, cost, fee});
  }
  void Sell(int64_t t, const std::string& asset, const Decimal& qty, const Decimal& price) {
    const Decimal proceeds = Mul(qty, price), fee = Mul(proceeds, in.fee_rate);
    out.holdings[asset] = Sub(Of(out.holdings, asset), qty);
    out.holdings[quote] = Add(Of(out.holdings, quote), Sub(proceeds, fee));
    out.received = Add(out.received, Sub(proceeds, fee));
    out.fees = Add(out.fees, fee);
    out.trades.push_back({t, asset, exchange::Side::kSell, qty, price, proceeds, fee});
  }
  // The holdings' value at `t` (the quote at 1, each asset at its price then).
  Decimal Value(int64_t t) const {
    Decimal v;
    for (const auto& [asset, qty] : out.holdings) {
      if (asset == quote) {
        if (counts_quote) v = Add(v, qty);
        continue;
      }
      auto series = in.prices.find(asset);
      if (series == in.prices.end()) continue;
      auto p = PriceAt(series->second, t);
      if (p) v = Add(v, Mul(qty, *p));
    }
    return v;
  }
};

}  // namespace

Result<SimulationResult> Simulate(const Plan& plan, const SimulationInput& in) {
  if (!plan.period) {
    return Fail(ErrorCode::kInvalidArgument,
                "plan " + plan.name + " runs on signals: there is no schedule to simulate");
  }
  if (in.to <= in.from) return Fail(ErrorCode::kInvalidArgument, "--to must be after --from");
  SimulationResult out;
  const auto* dca = std::get_if<DcaSpec>(&plan.spec);
  const auto* rebalance = std::get_if<RebalanceSpec>(&plan.spec);
  std::string dca_asset;
  if (dca) {
    // The pair's base asset is the series given (one series for a DCA).
    if (in.prices.size() != 1) {
      return Fail(ErrorCode::kInvalidArgument, "a DCA is simulated over one price series");
    }
    dca_asset = in.prices.begin()->first;
    out.quote = dca->symbol.size() > dca_asset.size() ? dca->symbol.substr(dca_asset.size()) : "";
  } else {
    out.quote = rebalance->quote;
    for (const auto& [asset, w] : rebalance->targets) {
      if (asset != rebalance->quote && in.prices.count(asset) == 0) {
        return Fail(ErrorCode::kInvalidArgument, "no price series for " + asset);
      }
    }
    out.holdings = in.start;
  }
  Book book{in, out.quote, out, dca == nullptr};
  Decimal spent_budget;
  const int64_t limit = 100000;  // runs at most (an hourly plan over eleven years)
  for (base::SystemTime slot = NextRun(*plan.period, in.from - std::chrono::milliseconds(1));
       slot <= in.to && out.runs + out.skipped < limit; slot = NextRun(*plan.period, slot)) {
    const int64_t t = base::UnixMillis(slot);
    if (dca) {
      if (dca->end_at && slot >= *dca->end_at) break;
      auto price = PriceAt(in.prices.at(dca_asset), t);
      if (!price) {
        ++out.skipped;
        continue;
      }
      if (dca->price_ceiling && *price > *dca->price_ceiling) {
        ++out.skipped;
        continue;
      }
      Decimal amount = dca->quote_amount;
      if (dca->total_budget) {
        const Decimal left = Sub(*dca->total_budget, spent_budget);
        if (!left.IsPositive()) break;
        amount = std::min(amount, left);
      }
      spent_budget = Add(spent_budget, amount);
      book.Buy(t, dca_asset, amount, *price);
      ++out.runs;
    } else {
      RebalanceInput ri;
      ri.fee_rate = in.fee_rate;
      ri.free = ri.total = out.holdings;
      bool priced = true;
      for (const auto& [asset, series] : in.prices) {
        auto p = PriceAt(series, t);
        if (!p) {
          priced = false;
          break;
        }
        ri.markets[asset] = AssetMarket{asset + out.quote, *p, StepOf(in, asset), Decimal()};
      }
      auto decision =
          priced ? DecideRebalance(*rebalance, ri) : Result<RebalanceDecision>(RebalanceDecision{});
      if (!decision) return decision.error();
      if (decision->trades.empty()) {
        ++out.skipped;
      } else {
        for (const auto& trade : decision->trades) {
          const Decimal price = ri.markets.at(trade.asset).price;
          if (trade.side == exchange::Side::kSell) {
            book.Sell(t, trade.asset, *trade.quantity, price);
          } else {
            book.Buy(t, trade.asset, *trade.quote_amount, price);
          }
        }
        ++out.runs;
      }
    }
    out.curve.push_back({t, book.Value(t), out.spent});
  }
  if (out.runs + out.skipped >= limit) out.notes.push_back("stopped after 100000 runs");
  if (dca) {
    const Decimal bought = Of(out.holdings, dca_asset);
    if (bought.IsPositive()) out.average_cost = Div(out.spent, bought);
    out.holdings.erase(out.quote);  // a DCA's quote is spent from outside the simulation
  }
  out.final_value = book.Value(base::UnixMillis(in.to));
  return out;
}

Result<PriceSeries> ParseKlinesCsv(std::string_view text) {
  PriceSeries out;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> cells;
    for (size_t start = 0;;) {
      const size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    auto bad = [&](std::string_view why) {
      return Fail(ErrorCode::kInvalidArgument,
                  "klines CSV line " + std::to_string(line_no) + ": " + std::string(why));
    };
    int64_t t = 0;
    auto [end, ec] = std::from_chars(cells[0].data(), cells[0].data() + cells[0].size(), t);
    if (ec != std::errc() || end != cells[0].data() + cells[0].size()) {
      if (line_no == 1) continue;  // a header
      return bad("the first column is the open time in ms");
    }
    if (cells.size() < 5)
      return bad("has fewer than 5 columns (open time, open, high, low, close)");
    if (t > 100'000'000'000'000) t /= 1000;  // microseconds (Binance's files since 2025)
    auto close = Decimal::Parse(cells[4]);
    if (!close || !close->IsPositive()) return bad("the close (column 5) is not a price");
    if (!out.empty() && t <= out.back().time_ms) return bad("times must increase");
    out.push_back({t, *close});
  }
  if (out.empty()) return Fail(ErrorCode::kInvalidArgument, "the klines CSV has no rows");
  return out;
}

json::object SimulationJson(const SimulationResult& r) {
  json::array trades, curve, notes;
  for (const auto& t : r.trades) {
    trades.push_back(json::object{{"time_ms", t.time_ms},
                                  {"asset", t.asset},
                                  {"side", exchange::SideName(t.side)},
                                  {"quantity", t.quantity.ToNormalizedString()},
                                  {"price", t.price.ToNormalizedString()},
                                  {"quote", t.quote.ToNormalizedString()},
                                  {"fee", t.fee.ToNormalizedString()}});
  }
  for (const auto& p : r.curve) {
    curve.push_back(json::object{{"time_ms", p.time_ms},
                                 {"value", p.value.ToNormalizedString()},
                                 {"spent", p.spent.ToNormalizedString()}});
  }
  for (const auto& n : r.notes) notes.emplace_back(n);
  json::object holdings;
  for (const auto& [asset, qty] : r.holdings) holdings[asset] = qty.ToNormalizedString();
  json::object o{{"quote", r.quote},
                 {"runs", r.runs},
                 {"skipped", r.skipped},
                 {"spent", r.spent.ToNormalizedString()},
                 {"received", r.received.ToNormalizedString()},
                 {"fees", r.fees.ToNormalizedString()},
                 {"holdings", std::move(holdings)},
                 {"final_value", r.final_value.ToNormalizedString()},
                 {"trades", std::move(trades)},
                 {"curve", std::move(curve)},
                 {"notes", std::move(notes)}};
  o["average_cost"] =
      r.average_cost
          ? json::value(r.average_cost->Rescale(8, Rounding::kHalfEven)->ToNormalizedString())
          : json::value(nullptr);
  return o;
}

}  // namespace amanah::strategy
