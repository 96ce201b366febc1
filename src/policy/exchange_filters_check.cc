#include "policy/exchange_filters_check.h"

#include <algorithm>

namespace amanah::policy {
namespace {

using base::Decimal;
using base::Rounding;

constexpr char kCitation[] =
    "the exchange's symbol filters and order types (Binance: PRICE_FILTER, LOT_SIZE, "
    "MARKET_LOT_SIZE, NOTIONAL, MAX_NUM_ORDERS, TRAILING_DELTA, orderTypes; its trailing-stop "
    "FAQ)";

Reject Refuse(std::string code, std::string reason, std::string rule) {
  return Reject{std::move(code), std::move(reason), std::move(rule), kCitation};
}

// Rounds `price` to the tick by `rounding` and checks it against PRICE_FILTER's range; `what`
// names it ("limit", "trigger").
Decision OnTickInRange(std::optional<Decimal>& price, const exchange::SymbolInfo& f,
                       Rounding rounding, std::string_view what) {
  if (f.tick_size.IsPositive()) {
    auto p = price->RoundToStep(f.tick_size, rounding);
    if (!p) return Refuse("PRICE_INVALID", p.error().message(), "PRICE_FILTER.tickSize");
    price = *p;
  }
  if (!price->IsPositive() || (f.min_price.IsPositive() && *price < f.min_price) ||
      (f.max_price.IsPositive() && *price > f.max_price)) {
    return Refuse("PRICE_OUT_OF_RANGE",
                  "the " + std::string(what) + " price " + price->ToString() + " is outside " +
                      f.symbol + "'s range " + f.min_price.ToString() + " – " +
                      f.max_price.ToString(),
                  "PRICE_FILTER");
  }
  return std::nullopt;
}

}  // namespace

Decision ExchangeFiltersCheck::Decide(OrderFacts& facts) const {
  if (!facts.symbol) {
    return Refuse("UNKNOWN_SYMBOL", "the exchange does not list the symbol", "symbol");
  }
  const exchange::SymbolInfo& f = *facts.symbol;
  order::Intent& in = facts.intent;
  const bool market = in.type == exchange::OrderType::kMarket;
  const std::string_view type_name = exchange::OrderTypeName(in.type);

  if (!f.order_types.empty() &&
      std::find(f.order_types.begin(), f.order_types.end(), type_name) == f.order_types.end()) {
    return Refuse("ORDER_TYPE_NOT_ALLOWED",
                  f.symbol + " does not take " + std::string(type_name) + " orders", "orderTypes");
  }

  if (exchange::IsContingent(in.type)) {
    const bool rises = exchange::TriggersOnRise(in.type, in.side);
    if (in.trigger_price) {
      // Rounded toward the market: the order protects no later than asked.
      const Rounding toward = rises ? Rounding::kFloor : Rounding::kCeiling;
      if (Decision d = OnTickInRange(in.trigger_price, f, toward, "trigger")) return d;
      if (facts.last_price && (rises ? *facts.last_price >= *in.trigger_price
                                     : *facts.last_price <= *in.trigger_price)) {
        return Refuse("TRIGGER_ALREADY_REACHED",
                      "the last price " + facts.last_price->ToNormalizedString() +
                          " has already reached the trigger " +
                          in.trigger_price->ToNormalizedString() + " (the trigger of a " +
                          std::string(type_name) + " " + std::string(exchange::SideName(in.side)) +
                          " must be " + (rises ? "above" : "below") +
                          " the market); the exchange would refuse it",
                      "stopPrice");
      }
    }
    if (in.trailing_bips) {
      if (!f.trailing_allowed) {
        return Refuse("TRAILING_NOT_ALLOWED", f.symbol + " does not take trailing stop orders",
                      "allowTrailingStop");
      }
      const int64_t lo = rises ? f.min_trailing_above : f.min_trailing_below;
      const int64_t hi = rises ? f.max_trailing_above : f.max_trailing_below;
      if ((lo > 0 && *in.trailing_bips < lo) || (hi > 0 && *in.trailing_bips > hi)) {
        return Refuse(
            "TRAILING_DELTA_OUT_OF_RANGE",
            "the trailing delta of " + std::to_string(*in.trailing_bips) + " BIPS is outside " +
                f.symbol + "'s range of " + std::to_string(lo) + " – " + std::to_string(hi) +
                " for this order",
            std::string("TRAILING_DELTA.") + (rises ? "TrailingAboveDelta" : "TrailingBelowDelta"));
      }
    }
  }

  if (in.limit_price) {
    const Rounding safe = in.side == exchange::Side::kBuy ? Rounding::kFloor : Rounding::kCeiling;
    if (Decision d = OnTickInRange(in.limit_price, f, safe, "limit")) return d;
  }

  if (in.quantity) {
    const bool market_lot = market && f.market_step_size.IsPositive();
    const Decimal& step = market_lot ? f.market_step_size : f.step_size;
    const Decimal& min_qty = market && f.market_min_qty.IsPositive() ? f.market_min_qty : f.min_qty;
    const Decimal& max_qty = market && f.market_max_qty.IsPositive() ? f.market_max_qty : f.max_qty;
    const std::string lot = market_lot ? "MARKET_LOT_SIZE" : "LOT_SIZE";
    if (step.IsPositive()) {
      auto q = in.quantity->RoundToStep(step, Rounding::kDown);
      if (!q) return Refuse("QUANTITY_INVALID", q.error().message(), lot + ".stepSize");
      in.quantity = *q;
    }
    if (!in.quantity->IsPositive() || (min_qty.IsPositive() && *in.quantity < min_qty)) {
      return Refuse("QUANTITY_BELOW_MINIMUM",
                    "the quantity, rounded down to the lot of " + step.ToNormalizedString() +
                        ", is " + in.quantity->ToString() + ", below " + f.symbol +
                        "'s minimum of " + min_qty.ToNormalizedString(),
                    lot + ".minQty");
    }
    if (max_qty.IsPositive() && *in.quantity > max_qty) {
      return Refuse("QUANTITY_ABOVE_MAXIMUM",
                    "the quantity " + in.quantity->ToString() + " is above " + f.symbol +
                        "'s maximum of " + max_qty.ToNormalizedString(),
                    lot + ".maxQty");
    }
  }

  // A LIMIT order rests (a MARKET one does not): the symbol's cap on open orders applies.
  if (!market && f.max_open_orders > 0 && facts.open_orders_on_symbol >= f.max_open_orders) {
    return Refuse("TOO_MANY_OPEN_ORDERS",
                  "this account has " + std::to_string(facts.open_orders_on_symbol) +
                      " open orders on " + f.symbol + ", the exchange's limit is " +
                      std::to_string(f.max_open_orders) + "; cancel some first",
                  "MAX_NUM_ORDERS");
  }

  if (f.min_notional.IsPositive() || f.max_notional.IsPositive()) {
    auto notional = NotionalOf(facts);
    if (!notional) {
      return Refuse("PRICE_UNKNOWN",
                    "the order's notional cannot be checked: the exchange gave no last price",
                    "NOTIONAL");
    }
    if (f.min_notional.IsPositive() && *notional < f.min_notional) {
      return Refuse("NOTIONAL_BELOW_MINIMUM",
                    "the order is worth " + notional->ToNormalizedString() + " " + f.quote +
                        ", below " + f.symbol + "'s minimum of " +
                        f.min_notional.ToNormalizedString(),
                    "NOTIONAL.minNotional");
    }
    if (f.max_notional.IsPositive() && *notional > f.max_notional) {
      return Refuse("NOTIONAL_ABOVE_MAXIMUM",
                    "the order is worth " + notional->ToNormalizedString() + " " + f.quote +
                        ", above " + f.symbol + "'s maximum of " +
                        f.max_notional.ToNormalizedString(),
                    "NOTIONAL.maxNotional");
    }
  }
  return std::nullopt;
}

}  // namespace amanah::policy
