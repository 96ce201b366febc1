// `amanah doctor LABEL`: why a connection does not work and what to do — a check made now, step
// by step, with the problem classified and its fix, and what the daemon had recorded.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace amanah::cli {

void AddDoctorCommand(CLI::App& app, Context& ctx);

}  // namespace amanah::cli
