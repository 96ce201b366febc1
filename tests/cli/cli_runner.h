// Runs the `amanah` CLI in-process and captures its exit code and output.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace amanah::cli {

struct Ran {
  int code;
  std::string out, err;
};

inline Ran RunCli(std::vector<std::string> args) {
  args.insert(args.begin(), "amanah");
  std::ostringstream out, err;
  const int code = Run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace amanah::cli
