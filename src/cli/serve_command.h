// `amanah serve [--listen HOST:PORT] [--port-file FILE]`: runs the daemon (daemon/daemon.h).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddServeCommand(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
