#include "cli/app.h"

#include <gtest/gtest.h>

#include <sstream>

#include "amanah/version.h"
#include "cli_runner.h"

namespace amanah::cli {
namespace {

Ran RunWith(std::vector<std::string> args) { return RunCli(std::move(args)); }

TEST(CliTest, VersionPrintsTheProjectVersion) {
  Ran r = RunWith({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, std::string("amanah ") + kVersion + "\n");
}

TEST(CliTest, HelpDescribesTheProgram) {
  Ran r = RunWith({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("spot-only trading gateway"), std::string::npos);
  EXPECT_NE(r.out.find("--version"), std::string::npos);
}

TEST(CliTest, UnknownArgumentIsAnErrorWithAHint) {
  Ran r = RunWith({"--frobnicate"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("--frobnicate"), std::string::npos);
  EXPECT_NE(r.err.find("amanah --help"), std::string::npos);
}

}  // namespace
}  // namespace amanah::cli
