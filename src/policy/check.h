// Check: one link of the order policy's fail-closed chain. Small, with no side effects: it reads
// the gathered facts and decides (ExchangeFilters alone may round the intent in place, toward the
// safe side). A check that cannot decide — a fact it needs is missing — rejects.
#pragma once

#include <string_view>

#include "policy/decision.h"
#include "policy/order_facts.h"

namespace amanah::policy {

class Check {
 public:
  virtual ~Check() = default;
  /// Stable snake_case name: "key_standing", "spot_symbol", … (config and metrics use it).
  virtual std::string_view name() const = 0;
  virtual Decision Decide(OrderFacts& facts) const = 0;
};

}  // namespace amanah::policy
