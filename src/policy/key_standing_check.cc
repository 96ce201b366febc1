#include "policy/key_standing_check.h"

namespace amanah::policy {

Decision KeyStandingCheck::Decide(OrderFacts& facts) const {
  const ConnectionStanding& s = facts.standing;
  if (s.may_trade) return std::nullopt;
  if (s.audit_due) {
    return Reject{"AUDIT_DUE", s.reason + "; run `amanah audit` and try again", "audit.max_age",
                  "Amanah charter: a key trades only under a fresh audit of its permissions"};
  }
  return Reject{"KEY_NOT_IN_STANDING",
                (s.reason.empty() ? std::string("the connection may not trade") : s.reason) +
                    "; nothing was sent",
                "key.status", "Amanah charter: only an active, audited, compliant key trades"};
}

}  // namespace amanah::policy
