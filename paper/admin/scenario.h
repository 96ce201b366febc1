// Scenario: a TOML file that seeds the paper exchange at start — markets, accounts with balances,
// margin loans and futures positions, keys with permissions and IP lists, limits, faults,
// maintenance. It is read into the same JSON shape the admin API takes (core/state_json.h), so a
// scenario is exactly a list of admin calls. A market's `replay_csv` (one price per line, optional
// header, path relative to the scenario) becomes its `replay` list. Errors name file, line and
// column (TOML) or file and line (CSV).
#pragma once

#include <filesystem>

#include <boost/json/object.hpp>

#include "base/result.h"

namespace amanah::paper {

base::Result<boost::json::object> LoadScenario(const std::filesystem::path& path);

}  // namespace amanah::paper
