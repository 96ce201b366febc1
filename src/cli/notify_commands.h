// `amanah notify …`: the tenant's notification endpoints (add, list, remove, secret, test) and
// the notifications sent (`amanah notify sent`, `amanah notify retry ID`). Locally or, with
// --server, through a daemon's API.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddNotifyCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
