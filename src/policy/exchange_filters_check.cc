#include "policy/exchange_filters_check.h"

namespace amanah::policy {
namespace {

using base::Decimal;
using base::Rounding;

constexpr char kCitation[] =
    "the exchange's symbol filters (Binance: PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL, "
    "MAX_NUM_ORDERS)";

Reject Refuse(std::string code, std::string reason, std::string rule) {
  return Reject{std::move(code), std::move(reason), std::move(rule), kCitation};
}

}  // namespace

Decision ExchangeFiltersCheck::Decide(OrderFacts& facts) const {
  if (!facts.symbol) {
    return Refuse("UNKNOWN_SYMBOL", "the exchange does not list the symbol", "symbol");
  }
  const exchange::SymbolInfo& f = *facts.symbol;
  order::Intent& in = facts.intent;
  const bool market = in.type == exchange::OrderType::kMarket;

  if (in.limit_price) {
    const Rounding safe = in.side == exchange::Side::kBuy ? Rounding::kFloor : Rounding::kCeiling;
    if (f.tick_size.IsPositive()) {
      auto p = in.limit_price->RoundToStep(f.tick_size, safe);
      if (!p) return Refuse("PRICE_INVALID", p.error().message(), "PRICE_FILTER.tickSize");
      in.limit_price = *p;
    }
    if (!in.limit_price->IsPositive() ||
        (f.min_price.IsPositive() && *in.limit_price < f.min_price) ||
        (f.max_price.IsPositive() && *in.limit_price > f.max_price)) {
      return Refuse("PRICE_OUT_OF_RANGE",
                    "the limit price " + in.limit_price->ToString() + " is outside " + f.symbol +
                        "'s range " + f.min_price.ToString() + " – " + f.max_price.ToString(),
                    "PRICE_FILTER");
    }
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
