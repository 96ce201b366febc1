// The standard order policy: KeyStanding → SpotSymbol → Screen → ExchangeFilters → Funds → Limits
// → RateBudget, with the operator's shadow set. `screening` must outlive the chain.
#pragma once

#include "base/result.h"
#include "policy/chain.h"
#include "policy/policy_options.h"
#include "screen/screening.h"

namespace amanah::policy {

base::Result<Chain> BuildStandardChain(const PolicyOptions& options,
                                       const screen::Screening& screening);

}  // namespace amanah::policy
