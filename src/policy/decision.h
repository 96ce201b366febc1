// Decision: what one check of the order policy says about an order — continue, or reject with a
// stable code, the reason in words, the rule it applies and where that rule comes from (a
// standard, an exchange's documented limit, the operator's configuration). Values.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace amanah::policy {

struct Reject {
  std::string code;      ///< stable, upper-case: "LEVERAGED_TOKEN", "INSUFFICIENT_FUNDS", …
  std::string reason;    ///< what is wrong and what to do, in one or two sentences
  std::string rule;      ///< the rule applied: a ruleset rule id ("EXE-4") or a policy key
  std::string citation;  ///< its source: "AAOIFI Shari'ah Standard No. 18 …", "config policy.…"
  boost::json::object ToJson() const;
};

/// nullopt: continue to the next check.
using Decision = std::optional<Reject>;

}  // namespace amanah::policy
