// PlanHistoryJson: a plan's runs and webhook signals as JSON — each run's slot, state, intents and
// what came of each (decision, order, reason), each signal's state and order. The CLI's
// `plan history --json` and the API's /api/v1/plans/{id}/history answer with the same shape.
#pragma once

#include <boost/json/object.hpp>

#include "store/plan_repository.h"

namespace amanah::strategy {

boost::json::object RunJson(const store::PlanRunRow& run);
boost::json::object SignalRowJson(const store::SignalRow& signal);

}  // namespace amanah::strategy
