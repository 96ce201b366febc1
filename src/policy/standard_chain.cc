#include "policy/standard_chain.h"

#include "policy/exchange_filters_check.h"
#include "policy/funds_check.h"
#include "policy/key_standing_check.h"
#include "policy/limits_check.h"
#include "policy/rate_budget_check.h"
#include "policy/screen_check.h"
#include "policy/spot_symbol_check.h"

namespace amanah::policy {

base::Result<Chain> BuildStandardChain(const PolicyOptions& options,
                                       const screen::Screening& screening) {
  Chain::Builder b;
  b.Add(std::make_unique<KeyStandingCheck>())
      .Add(std::make_unique<SpotSymbolCheck>(screening))
      .Add(std::make_unique<ScreenCheck>(screening, options.allow_doubtful))
      .Add(std::make_unique<ExchangeFiltersCheck>())
      .Add(std::make_unique<FundsCheck>(screening.ruleset(), options.fee_rate))
      .Add(std::make_unique<LimitsCheck>(options))
      .Add(std::make_unique<RateBudgetCheck>());
  AMANAH_TRY(b.SetShadow(options.shadow));
  return std::move(b).Build();
}

}  // namespace amanah::policy
