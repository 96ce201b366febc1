#include "policy/decision.h"

namespace amanah::policy {

boost::json::object Reject::ToJson() const {
  return {{"code", code}, {"reason", reason}, {"rule", rule}, {"citation", citation}};
}

}  // namespace amanah::policy
