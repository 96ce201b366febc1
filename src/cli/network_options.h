// The options of every command that reaches an exchange: --ca-file, --egress-ip,
// --require-ip-restriction (into the Context, which builds the Environment from them).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddNetworkOptions(CLI::App* command, Context& ctx);

}  // namespace amanah::cli
