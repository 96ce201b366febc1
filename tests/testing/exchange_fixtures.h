// The exchanges' official response examples, verbatim (tests/paper/fixtures/<exchange>/), for the
// dialects', the parsers' and the paper venues' shape tests.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace amanah::testing {

/// tests/paper/fixtures/`exchange`/`name`, as text ("" when missing).
inline std::string ExchangeFixture(const std::string& exchange, const std::string& name) {
  const char* dir = std::getenv("AMANAH_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/tests/paper/fixtures/" + exchange + "/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
inline std::string BybitFixture(const std::string& name) { return ExchangeFixture("bybit", name); }
inline std::string OkxFixture(const std::string& name) { return ExchangeFixture("okx", name); }
inline std::string KrakenFixture(const std::string& name) {
  return ExchangeFixture("kraken", name);
}

}  // namespace amanah::testing
