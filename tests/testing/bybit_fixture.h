// Bybit's official response examples, verbatim (tests/paper/fixtures/bybit/), for the dialect's,
// the parser's and the paper venue's shape tests.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace amanah::testing {

inline std::string BybitFixture(const std::string& name) {
  const char* dir = std::getenv("AMANAH_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/tests/paper/fixtures/bybit/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace amanah::testing
