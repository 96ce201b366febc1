// `amanah vault init | status | rotate-master-key | set-min-decryption-version`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddVaultCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
