// `amanah journal verify | show | export | checkpoint`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddJournalCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
