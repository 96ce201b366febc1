// VerdictsJson: a screening's answer as JSON — the verdicts, and what they were reached under (the
// ruleset, the facts file and any overrides, each by its SHA-256) — for `amanah screen --json` and
// the API's GET /api/v1/screen/… alike.
#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "screen/screening.h"

namespace amanah::screen {

boost::json::object VerdictsJson(const Screening& screening, const std::vector<Verdict>& verdicts);

}  // namespace amanah::screen
