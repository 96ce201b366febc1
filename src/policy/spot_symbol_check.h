// SpotSymbol: the exchange lists the symbol, it is trading, it is a spot market, and neither the
// exchange's metadata, the facts nor the name pattern make its base a leveraged token (EXE-1,
// EXE-2 of the ruleset).
#pragma once

#include "policy/check.h"
#include "screen/screening.h"

namespace amanah::policy {

class SpotSymbolCheck final : public Check {
 public:
  explicit SpotSymbolCheck(const screen::Screening& screening) : screening_(screening) {}
  std::string_view name() const override { return "spot_symbol"; }
  Decision Decide(OrderFacts& facts) const override;

 private:
  const screen::Screening& screening_;
};

}  // namespace amanah::policy
