// Limits: the operator's limits on what one connection may do — the notional of one order and of
// a UTC day, orders per minute, the pairs it may trade (its plans' pairs and those the user
// approved), and a minimum 24 h quote volume, so that a hijacked login or webhook secret cannot
// buy an illiquid coin at a pumped price (the pattern of the 2022 stolen-key pumps).
#pragma once

#include "policy/check.h"
#include "policy/policy_options.h"

namespace amanah::policy {

class LimitsCheck final : public Check {
 public:
  explicit LimitsCheck(const PolicyOptions& options) : options_(options) {}
  std::string_view name() const override { return "limits"; }
  Decision Decide(OrderFacts& facts) const override;

 private:
  const PolicyOptions options_;
};

}  // namespace amanah::policy
