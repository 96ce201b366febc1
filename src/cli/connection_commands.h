// `amanah connect binance | connections | audit [LABEL] | balances LABEL | disconnect LABEL`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddConnectionCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
