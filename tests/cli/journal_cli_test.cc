// `amanah journal …` and the journal's fail-closed hold on vault operations, end to end.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "testing/files.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

class JournalCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"vault", "init"}).code, 0); }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    return RunCli(std::move(args));
  }
  void Sql(const std::string& sql) { testing::RunSql(dir_.File("amanah.db"), sql); }
  testing::TempDir dir_;
};

TEST_F(JournalCliTest, VaultOperationsAreJournaledAndVerify) {
  ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
  ASSERT_EQ(Cli({"vault", "set-min-decryption-version", "2"}).code, 0);
  Ran show = Cli({"journal", "show", "--json"});
  ASSERT_EQ(show.code, 0) << show.err;
  std::vector<std::string> kinds;
  std::istringstream lines(show.out);
  for (std::string line; std::getline(lines, line);) {
    kinds.push_back(std::string(boost::json::parse(line).at("kind").as_string()));
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{
                       "vault.initialised", "vault.master_key_rotation_requested",
                       "vault.master_key_rotated", "vault.min_decryption_version_set"}));
  Ran verify = Cli({"journal", "verify"});
  EXPECT_EQ(verify.code, 0);
  EXPECT_NE(verify.out.find("Journal verified: 4 records in 1 chain(s)"), std::string::npos);
}

TEST_F(JournalCliTest, UnwritableJournalRefusesRotationAndNothingElseChanges) {
  Sql("CREATE TRIGGER jam BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'journal device "
      "unavailable'); END");
  Ran r = Cli({"vault", "rotate-master-key"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("master key rotation refused: the journal could not be written"),
            std::string::npos)
      << r.err;
  Ran status = Cli({"vault", "status", "--json"});
  auto json = boost::json::parse(status.out).as_object();
  EXPECT_EQ(json["current_version"].as_int64(), 1);
  EXPECT_EQ(json["versions"].as_array().size(), 1u);
  Sql("DROP TRIGGER jam");
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

TEST_F(JournalCliTest, TamperingGivesExitCodeTwoAndNamesTheRecord) {
  ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
  Sql("DROP TRIGGER journal_no_update; UPDATE journal SET payload = '{\"new_version\":9}' "
      "WHERE seq = 3");
  Ran r = Cli({"journal", "verify"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("JOURNAL VERIFICATION FAILED: tenant _system, record 3: its content does "
                       "not match its hash"),
            std::string::npos)
      << r.out;
}

TEST_F(JournalCliTest, ExportedCheckpointCatchesTruncation) {
  ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
  const std::string cp = dir_.File("checkpoint.json");
  ASSERT_EQ(Cli({"journal", "checkpoint", "--out", cp}).code, 0);
  EXPECT_EQ(Cli({"journal", "verify", "--checkpoint", cp}).code, 0);
  // As an attacker would, who can also drop the guard on checkpoints.
  Sql("DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 3; "
      "DROP TRIGGER checkpoints_no_delete; DELETE FROM checkpoints");
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);  // alone, a shorter chain looks honest
  Ran r = Cli({"journal", "verify", "--checkpoint", cp, "--json"});
  EXPECT_EQ(r.code, 2);
  auto json = boost::json::parse(r.out).as_object();
  EXPECT_FALSE(json["ok"].as_bool());
  EXPECT_NE(std::string(json["problem"].as_string()).find("records were truncated"),
            std::string::npos);
}

TEST_F(JournalCliTest, ExportWritesJsonAndHtmlReports) {
  ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
  Ran j = Cli({"journal", "export", "--format", "json", "--out", dir_.File("r.json")});
  ASSERT_EQ(j.code, 0) << j.err;
  auto doc = boost::json::parse(testing::ReadFile(dir_.File("r.json"))).as_object();
  EXPECT_TRUE(doc["verification"].as_object()["ok"].as_bool());
  EXPECT_EQ(doc["records"].as_array().size(), 3u);
  Ran h = Cli({"journal", "export", "--format", "html", "--out", dir_.File("r.html"), "--kind",
               "vault.master_key_rotated"});
  ASSERT_EQ(h.code, 0) << h.err;
  const std::string html = testing::ReadFile(dir_.File("r.html"));
  EXPECT_NE(html.find("<strong>Verified</strong>"), std::string::npos);
  EXPECT_NE(html.find("vault.master_key_rotated"), std::string::npos);
  EXPECT_EQ(html.find("vault.initialised"), std::string::npos);
}

TEST_F(JournalCliTest, ShowFiltersByKindPrefixAndTime) {
  Ran all = Cli({"journal", "show", "--kind", "vault."});
  EXPECT_NE(all.out.find("vault.initialised"), std::string::npos);
  Ran none = Cli({"journal", "show", "--since", "2999-01-01"});
  EXPECT_EQ(none.code, 0);
  EXPECT_EQ(none.out, "");
  Ran bad = Cli({"journal", "show", "--since", "yesterday"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("is not YYYY-MM-DD"), std::string::npos);
}

TEST_F(JournalCliTest, VerifyNeedsNoMasterKey) {
  ::unlink(dir_.File("master.key").c_str());
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

}  // namespace
}  // namespace amanah::cli
