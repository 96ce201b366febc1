// PolicyOptions: the operator's order policy — config [policy], validated there (config/config.h
// documents each key) — immutable once the chain is built. Notional limits are in the order's
// quote asset.
#pragma once

#include "config/config.h"

namespace amanah::policy {

using PolicyOptions = config::PolicyConfig;

}  // namespace amanah::policy
