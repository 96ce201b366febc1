// Screen: the pair's verdict under the tenant's ruleset (base as a holding, quote as a quote, the
// pair rules) is compliant; doubtful is blocked unless the tenant opted in. The reject names the
// rules that fired and keeps their citations.
#pragma once

#include "policy/check.h"
#include "screen/screening.h"

namespace amanah::policy {

class ScreenCheck final : public Check {
 public:
  ScreenCheck(const screen::Screening& screening, bool allow_doubtful)
      : screening_(screening), allow_doubtful_(allow_doubtful) {}
  std::string_view name() const override { return "screen"; }
  Decision Decide(OrderFacts& facts) const override;

 private:
  const screen::Screening& screening_;
  const bool allow_doubtful_;
};

}  // namespace amanah::policy
