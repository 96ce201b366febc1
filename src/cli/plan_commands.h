// `amanah plan create dca|rebalance|webhook NAME …`, `amanah plan list|show|pause|resume|run-now|
// history|delete PLAN`, `amanah webhook show PLAN [--new-secret]`: automated trading plans through
// the plan service (or a daemon with --server), rendered as text or --json. Every plan only makes
// order intents, checked like a manual order.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddPlanCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
