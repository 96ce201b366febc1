// SubmitOutcomeJson: what placing (or dry-running) an order came to, as JSON — the outcome, every
// check's decision, the stored order, the exact request (dry run), the exchange's refusal. The
// CLI's `order --json` and the API's POST /api/v1/orders answer with the same shape.
#pragma once

#include <boost/json/object.hpp>

#include "engine/order_engine.h"

namespace amanah::engine {

boost::json::object SubmitOutcomeJson(const SubmitOutcome& outcome);

}  // namespace amanah::engine
