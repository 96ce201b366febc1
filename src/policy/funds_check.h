// Funds: the free spot balance covers the order and its fee — a buy spends only quote that is
// held (nothing borrowed: EXE-3), a sell sells only base that is held and free (EXE-4).
#pragma once

#include "base/decimal.h"
#include "policy/check.h"
#include "screen/ruleset.h"

namespace amanah::policy {

class FundsCheck final : public Check {
 public:
  FundsCheck(const screen::Ruleset& ruleset, base::Decimal fee_rate)
      : ruleset_(ruleset), fee_rate_(fee_rate) {}
  std::string_view name() const override { return "funds"; }
  Decision Decide(OrderFacts& facts) const override;

 private:
  const screen::Ruleset& ruleset_;
  const base::Decimal fee_rate_;
};

}  // namespace amanah::policy
