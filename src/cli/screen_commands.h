// `amanah screen SUBJECT... | --all | explain RULE_ID`: halal-screen verdicts for assets and pairs.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddScreenCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
