#include "strategy/rebalance.h"

#include <algorithm>

#include "strategy/working_decimal.h"

namespace amanah::strategy {

using base::Decimal;
using base::ErrorCode;
using base::Rounding;
using working::Add;
using working::Div;
using working::Mul;
using working::Of;
using working::Sub;

base::Result<RebalanceDecision> DecideRebalance(const RebalanceSpec& spec,
                                                const RebalanceInput& in) {
  RebalanceDecision out;
  const Decimal one = Decimal::FromInt(1);
  std::map<std::string, Decimal> price, value;
  for (const auto& [asset, target] : spec.targets) {
    if (asset == spec.quote) {
      price[asset] = one;
    } else {
      auto m = in.markets.find(asset);
      if (m == in.markets.end() || !m->second.price.IsPositive()) {
        return base::Fail(ErrorCode::kFailedPrecondition,
                          "no price for " + asset + " in " + spec.quote + " on this exchange");
      }
      price[asset] = m->second.price;
    }
    value[asset] = Mul(Of(in.total, asset), price[asset]);
    out.value = Add(out.value, value[asset]);
  }
  if (!out.value.IsPositive()) {
    out.inside_band = true;
    out.notes.push_back("nothing to balance: the target assets are worth 0 " + spec.quote);
    return out;
  }
  auto inside = [&](const std::map<std::string, Decimal>& values) {
    for (const auto& [asset, target] : spec.targets) {
      if (Sub(Div(values.at(asset), out.value), target).Abs() > spec.band) return false;
    }
    return true;
  };
  for (const auto& [asset, v] : value) out.weight[asset] = Div(v, out.value);
  if (inside(value)) {
    out.inside_band = true;
    return out;
  }

  // The drifted assets, furthest first (the quote asset moves with every trade).
  std::vector<std::string> order;
  for (const auto& [asset, target] : spec.targets) {
    if (asset != spec.quote) order.push_back(asset);
  }
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    return Sub(out.weight[a], spec.targets.at(a)).Abs() >
           Sub(out.weight[b], spec.targets.at(b)).Abs();
  });
  std::map<std::string, Decimal> sim = value;
  std::vector<RebalanceTrade> sells, buys;
  const Decimal fee_in = Sub(one, in.fee_rate), fee_out = Add(one, in.fee_rate);
  for (const std::string& asset : order) {
    if (inside(sim)) break;
    const AssetMarket& m = in.markets.at(asset);
    const Decimal floor = std::max(spec.min_notional, m.min_notional);
    const Decimal delta = Sub(Mul(spec.targets.at(asset), out.value), sim[asset]);
    if (delta.Abs() < floor) {
      out.notes.push_back(asset + ": " + delta.Abs().Rescale(2, Rounding::kHalfEven)->ToString() +
                          " " + spec.quote + " from its target, below the minimum trade of " +
                          floor.ToNormalizedString());
      continue;
    }
    RebalanceTrade t{asset, m.symbol, exchange::Side::kSell, std::nullopt, std::nullopt, Decimal()};
    if (delta.IsNegative()) {
      Decimal qty = std::min(Div(delta.Abs(), m.price), Of(in.free, asset));
      if (m.step_size.IsPositive()) qty = qty.RoundToStep(m.step_size, Rounding::kDown).value();
      t.notional = Mul(qty, m.price);
      if (t.notional < floor) {
        out.notes.push_back(asset + ": the free balance sells for less than the minimum trade");
        continue;
      }
      t.quantity = qty.Normalized();
      sim[asset] = Sub(sim[asset], t.notional);
      if (sim.count(spec.quote)) sim[spec.quote] = Add(sim[spec.quote], Mul(t.notional, fee_in));
      sells.push_back(std::move(t));
    } else {
      t.side = exchange::Side::kBuy;
      t.notional = delta;
      sim[asset] = Add(sim[asset], delta);
      if (sim.count(spec.quote)) sim[spec.quote] = Sub(sim[spec.quote], Mul(delta, fee_out));
      buys.push_back(std::move(t));
    }
  }

  // What the buys may spend: the free quote and the sells' proceeds less fees and a 1 % margin.
  Decimal cash = Of(in.free, spec.quote);
  const Decimal margin = Decimal::FromUnits(99, 2).value();
  for (const auto& s : sells) cash = Add(cash, Mul(Mul(s.notional, fee_in), margin));
  Decimal wanted;
  for (const auto& b : buys) wanted = Add(wanted, Mul(b.notional, fee_out));
  const Decimal scale = wanted > cash ? Div(cash, wanted) : one;
  out.trades = std::move(sells);
  for (auto& b : buys) {
    const Decimal spend = Mul(b.notional, scale).Rescale(8, Rounding::kDown).value();
    const Decimal floor = std::max(spec.min_notional, in.markets.at(b.asset).min_notional);
    if (spend < floor) {
      out.notes.push_back(b.asset + ": not enough free " + spec.quote +
                          " for a buy above the minimum trade");
      continue;
    }
    if (scale < one) {
      out.notes.push_back(b.asset + ": the buy was scaled down to what the free " + spec.quote +
                          " covers");
    }
    b.notional = spend;
    b.quote_amount = spend.Normalized();
    out.trades.push_back(std::move(b));
  }
  return out;
}

}  // namespace amanah::strategy
