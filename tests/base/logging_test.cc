#include "base/logging.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <spdlog/sinks/null_sink.h>
#include <sys/stat.h>

#include "testing/files.h"
#include "testing/param_name.h"
#include "testing/temp_dir.h"

namespace amanah::base {
namespace {

struct RedactCase {
  const char* name;
  const char* in;
  const char* out;
};

class RedactTest : public ::testing::TestWithParam<RedactCase> {};

TEST_P(RedactTest, MasksCredentialValues) { EXPECT_EQ(Redact(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    Forms, RedactTest,
    ::testing::Values(
        RedactCase{"QueryString", "GET /api/v3/account?timestamp=1&signature=c8db5682ae&x=1",
                   "GET /api/v3/account?timestamp=1&signature=[REDACTED]&x=1"},
        RedactCase{"Header", "X-MBX-APIKEY: vmPUZE6mv9SD5VNH", "X-MBX-APIKEY: [REDACTED]"},
        RedactCase{"Json", R"({"apiKey":"abc","secret": "NhqPtmdS"})",
                   R"({"apiKey":"[REDACTED]","secret": "[REDACTED]"})"},
        RedactCase{"Bearer", "Authorization: Bearer eyJhbGci.x.y",
                   "Authorization: Bearer [REDACTED]"},
        RedactCase{"CaseInsensitive", "PASSPHRASE=hunter2hunter2", "PASSPHRASE=[REDACTED]"},
        RedactCase{"OkxHeaders", "OK-ACCESS-SIGN: abc= OK-ACCESS-PASSPHRASE: p",
                   "OK-ACCESS-SIGN: [REDACTED] OK-ACCESS-PASSPHRASE: [REDACTED]"},
        RedactCase{"NotAWholeWord", "mysecret=visible tokenizer=visible",
                   "mysecret=visible tokenizer=visible"},
        RedactCase{"NoValue", "secret rotation done; token=", "secret rotation done; token="},
        RedactCase{"Plain", "vault initialised: version 1", "vault initialised: version 1"}),
    amanah::testing::ParamName());

TEST(LoggingTest, FileSinkReceivesRedactedMessagesAndIsPrivate) {
  testing::TempDir dir;
  const std::string file = dir.File("amanah.log");
  InitLogging({.file = file, .stderr_level = spdlog::level::off});
  spdlog::info("signed request: symbol=BTCUSDT&signature=CANARY0123456789abcdef");
  spdlog::default_logger()->flush();
  const std::string text = testing::ReadFile(file);
  EXPECT_EQ(text.find("CANARY0123456789abcdef"), std::string::npos);
  EXPECT_NE(text.find("signature=[REDACTED]"), std::string::npos);
  EXPECT_NE(text.find("Z info signed request"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  spdlog::set_default_logger(spdlog::null_logger_mt("null"));
}

}  // namespace
}  // namespace amanah::base
