// KeyStanding: the connection is active, its stored state authentic, not suspended, revoked or
// blocked by a suspension mark, and audited within the policy's maximum age (the engine audits an
// older key again before it gathers the facts; one still due here is refused).
#pragma once

#include "policy/check.h"

namespace amanah::policy {

class KeyStandingCheck final : public Check {
 public:
  std::string_view name() const override { return "key_standing"; }
  Decision Decide(OrderFacts& facts) const override;
};

}  // namespace amanah::policy
