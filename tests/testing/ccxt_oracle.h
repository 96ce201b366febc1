// What the ccxt oracle tests share: running an oracle script (node, tests/exchange/oracle/) on an
// input and reading back the requests it printed, by name; and driving one adapter call whose
// request a RecordingSender keeps (it is answered "recorded, not sent").
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "testing/temp_dir.h"
#include "transport/run_blocking.h"

namespace amanah::testing {

inline std::string SourceDir() {
  const char* dir = std::getenv("AMANAH_SOURCE_DIR");
  return dir ? dir : ".";
}

/// Runs `node <source>/tests/exchange/oracle/<script>` with `input` on stdin; every JSON object
/// it prints, by its "name".
inline std::map<std::string, boost::json::object> RunOracle(const std::string& script,
                                                            const boost::json::object& input,
                                                            const TempDir& dir) {
  const std::string in = dir.File(script + ".in.json");
  std::ofstream(in) << boost::json::serialize(input);
  const std::string cmd =
      "node " + SourceDir() + "/tests/exchange/oracle/" + script + " < " + in + " 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string output;
  char buf[4096];
  while (pipe && std::fgets(buf, sizeof buf, pipe)) output += buf;
  const int status = pipe ? ::pclose(pipe) : -1;
  EXPECT_EQ(status, 0) << "node failed (is ccxt installed by ./dev setup?):\n" << output;
  std::map<std::string, boost::json::object> out;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    if (ec || !v.is_object() || !v.as_object().contains("name")) continue;
    const boost::json::value& name = v.as_object().at("name");
    if (name.is_string()) out[std::string(name.as_string())] = v.as_object();
  }
  return out;
}

/// Runs one adapter call to completion (its request is recorded, not sent).
template <class T>
void Drive(boost::asio::awaitable<T> call) {
  boost::asio::io_context io;
  (void)transport::RunBlocking(io, std::move(call));
}

}  // namespace amanah::testing
