// `amanah pairs LABEL [allow|revoke PAIR…] [--json]`: the pairs a connection may trade.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddPairCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
