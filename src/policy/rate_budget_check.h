// RateBudget: the exchange's request weight and order count budget for our egress IP has room for
// this order (as the adapter last saw it), so that one tenant's burst cannot earn every tenant's
// ban. An unknown budget (never reported) passes: the adapter's own back-off still holds.
#pragma once

#include "policy/check.h"

namespace amanah::policy {

class RateBudgetCheck final : public Check {
 public:
  std::string_view name() const override { return "rate_budget"; }
  Decision Decide(OrderFacts& facts) const override;
};

}  // namespace amanah::policy
