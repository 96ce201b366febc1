// `amanah rotate LABEL --key-file F`: replace a connection's key with a new one of the same
// exchange account.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddRotationCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
