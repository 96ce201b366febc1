// Key files as users hand them over, including the wrong ones: a directory, a device, a FIFO, an
// oversized file, a file others can read; and the other inputs a connect is refused for before
// anything is sent — an endpoint with credentials in it, a label with terminal escape codes.
#include "cli/key_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli_runner.h"
#include "testing/files.h"
#include "testing/paper_server.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(KeyFileTest, AnHmacKeyFileIsReadIntoLockedMemory) {
  testing::TempDir dir;
  const std::string f = dir.File("k");
  testing::WriteFile(
      f, "# my key\napi_key=" + std::string(64, 'A') + "\r\nsecret=" + std::string(64, 'b') + "\n");
  ::chmod(f.c_str(), 0600);
  auto k = ReadKeyFile(f, std::nullopt);
  ASSERT_TRUE(k) << k.error();
  EXPECT_EQ(k->key.api_key, std::string(64, 'A'));
  EXPECT_EQ(k->key.key_type, "hmac");
  EXPECT_EQ(k->key.secret.view(), std::string(64, 'b'));
  EXPECT_TRUE(k->warnings.empty());
}

TEST(KeyFileTest, ADirectoryIsRefusedNotThrown) {
  testing::TempDir dir;
  auto r = ReadKeyFile(dir.path(), std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("is a directory, not a file"));
  testing::WriteFile(dir.File("k"), "api_key=A\nprivate_key_file=" + dir.path() + "\n");
  auto nested = ReadKeyFile(dir.File("k"), std::nullopt);
  ASSERT_FALSE(nested);
  EXPECT_THAT(nested.error().message(), HasSubstr("the private key file"));
  EXPECT_THAT(nested.error().message(), HasSubstr("is a directory"));
}

TEST(KeyFileTest, DevicesAndFifosAreRefusedNotReadForever) {
  auto zero = ReadKeyFile("/dev/zero", std::nullopt);
  ASSERT_FALSE(zero);
  EXPECT_THAT(zero.error().message(), HasSubstr("not a regular file"));
  testing::TempDir dir;
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto r = ReadKeyFile(fifo, std::nullopt);  // returns at once: nothing opened it for writing
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("not a regular file"));
}

TEST(KeyFileTest, AnOversizedFileIsRefused) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("big"), std::string(kMaxKeyFileBytes + 1, 'x'));
  auto r = ReadKeyFile(dir.File("big"), std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("larger than 64 KiB"));
}

TEST(KeyFileTest, AFileOthersCanReadEarnsAWarningAndTheAdviceToDeleteIt) {
  testing::TempDir dir;
  const std::string f = dir.File("k");
  testing::WriteFile(f, "api_key=A\nsecret=s\n");
  ::chmod(f.c_str(), 0644);
  auto k = ReadKeyFile(f, std::nullopt);
  ASSERT_TRUE(k);
  ASSERT_EQ(k->warnings.size(), 1u);
  EXPECT_THAT(k->warnings[0], HasSubstr("can be read by other users of this machine (mode 0644)"));
  EXPECT_THAT(k->warnings[0], HasSubstr("delete it once the key is connected"));
}

TEST(KeyFileTest, ErrorsNameTheLineNeverItsContent) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("k"), "api_key=A\nsecret=topsecretvalue\nnot a pair\n");
  auto r = ReadKeyFile(dir.File("k"), std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "key file line 3: expected name=value");
  testing::WriteFile(dir.File("k2"), "api_key=A\nsecrit=topsecretvalue\n");
  auto unknown = ReadKeyFile(dir.File("k2"), std::nullopt);
  EXPECT_THAT(unknown.error().message(), Not(HasSubstr("topsecret")));
}

class ConnectInputTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"vault", "init"}).code, 0); }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    return RunCli(std::move(args));
  }
  std::string KeyFile() {
    const std::string f = dir_.File("good.key");
    paper_.WriteKeyFile("good", f);
    ::chmod(f.c_str(), 0600);
    return f;
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{R"({"accounts": [{"name": "a", "balances": {"USDT": "1"}}],
    "keys": [{"name": "good", "account": "a", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}]})"};
};

TEST_F(ConnectInputTest, AnEndpointWithCredentialsIsRefusedAndNothingIsSent) {
  std::string url = paper_.url();
  url.insert(7, "user:password@");
  const int before = paper_.requests();
  Ran r =
      Cli({"connect", "binance", "--label", "main", "--key-file", KeyFile(), "--base-url", url});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("must not carry a user name or password"));
  EXPECT_EQ(paper_.requests(), before);
}

TEST_F(ConnectInputTest, ALabelWithTerminalEscapesIsRefusedAndStoredOnesArePrintedEscaped) {
  Ran r = Cli({"connect", "binance", "--label", "\x1b[2Jevil", "--key-file", KeyFile(),
               "--base-url", paper_.url()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("may hold only letters"));
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
  ASSERT_EQ(Cli({"connect", "binance", "--label", "main", "--key-file", KeyFile(), "--base-url",
                 paper_.url()})
                .code,
            0);
  // Written behind Amanah's back: printed escaped, and flagged, never raw.
  testing::RunSql(dir_.File("amanah.db"), "UPDATE connections SET label = char(27) || '[2Jevil'");
  Ran list = Cli({"connections"});
  EXPECT_EQ(list.out.find('\x1b'), std::string::npos);
  EXPECT_THAT(list.out, HasSubstr("\\x1b[2Jevil"));
  EXPECT_THAT(list.out, HasSubstr("INTEGRITY CHECK FAILED"));
}

TEST_F(ConnectInputTest, ExportAndCheckpointFilesArePrivateWhateverTheUmask) {
  const mode_t old = ::umask(022);
  ASSERT_EQ(Cli({"journal", "export", "--format", "json", "--out", dir_.File("r.json")}).code, 0);
  ASSERT_EQ(Cli({"journal", "checkpoint", "--out", dir_.File("c.json")}).code, 0);
  ::umask(old);
  for (const char* name : {"r.json", "c.json"}) {
    struct stat st {};
    ASSERT_EQ(::stat(dir_.File(name).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << name;
  }
}

}  // namespace
}  // namespace amanah::cli
