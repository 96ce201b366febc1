// `amanah revoke LABEL [--cancel-orders] [--reason R]` and `amanah incidents [ID] [--html]`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddIncidentCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
