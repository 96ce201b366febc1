// The `amanah` command line: builds the CLI11 application and runs it. Subcommands register here
// as their modules land. Output goes to the given streams so tests can read it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.h"

namespace amanah::cli {

/// Runs `amanah` with `args` (args[0] is the program name); returns the exit code.
int Run(const std::vector<std::string>& args, const RunOptions& options);
/// The same with standard input and this process's environment.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace amanah::cli
