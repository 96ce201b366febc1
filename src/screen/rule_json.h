// RuleJson: one screening rule as JSON — its dimension, scope, verdict, status, what it reads,
// summary, rationale and citations, and where scholars differ on it — for `amanah screen explain
// --json` and the API's GET /api/v1/screen/rules/{id} alike.
#pragma once

#include <boost/json/object.hpp>

#include "screen/ruleset.h"

namespace amanah::screen {

boost::json::object RuleJson(const Ruleset& ruleset, const Rule& rule);

}  // namespace amanah::screen
