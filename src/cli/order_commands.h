// `amanah order LABEL buy|sell PAIR [QTY] [--quote-amount A] [--limit P] [--dry-run]`, `amanah
// orders [LABEL] [--open]`, `amanah cancel LABEL ORDER`: spot orders through the engine's
// fail-closed check chain, rendered as text or --json. Exit codes: 0 placed (or would be), 2
// refused by a check or the exchange, 1 error; 3 when the outcome is unknown (settled later).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddOrderCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
