// `amanah user add NAME (--owner | --role ROLE) [--tenant T] [--password-file F|-]`,
// `amanah user list [--tenant T] [--json]` and `amanah token create --user NAME --name N
// --scopes read,trade [--days D] [--json]`: the daemon's users and personal access tokens, managed
// on the store directly (the first owner of a new installation, scripts). Passwords come from a
// file or stdin, never argv; a token's secret is printed once.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddUserCommands(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
