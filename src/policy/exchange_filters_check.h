// ExchangeFilters: the order fits the symbol's tick size, lot size (the market lot for MARKET
// orders), quantity range, price range, minimum and maximum notional, and (for a resting order) the
// cap on open orders per symbol. Quantities are rounded
// down to the lot and prices toward the safe side — a buy's limit down, a sell's up — so rounding
// never makes an order larger or worse than asked; what is left must still fit, or the order is
// refused before it is signed (the exchange would refuse it anyway, and count it).
#pragma once

#include "policy/check.h"

namespace amanah::policy {

class ExchangeFiltersCheck final : public Check {
 public:
  std::string_view name() const override { return "exchange_filters"; }
  Decision Decide(OrderFacts& facts) const override;
};

}  // namespace amanah::policy
