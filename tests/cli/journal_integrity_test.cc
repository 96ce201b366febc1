// The journal against someone who can write the data directory: with checkpoints exported to a
// directory outside it (amanah.toml [journal] export_dir), `journal verify` — which reads the
// newest exported checkpoint by itself — catches the last 1, 10 or all records deleted, the whole
// chain rewritten, the stored checkpoints deleted, and the node key deleted or replaced. Each exits
// non-zero with the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cli_runner.h"
#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "journal/checkpoint.h"
#include "journal/record.h"
#include "testing/files.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;

class JournalIntegrity : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteFile(dir_.File("amanah.toml"),
                       "[journal]\nexport_dir = \"" + exports_.path() + "\"\n");
    ASSERT_EQ(Cli({"vault", "init"}).code, 0);
    for (int i = 0; i < 6; ++i) ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
    ASSERT_EQ(Cli({"journal", "checkpoint"}).code, 0);  // exported to exports_/latest.json
    Ran ok = Cli({"journal", "verify"});
    ASSERT_EQ(ok.code, 0) << ok.out << ok.err;
    ASSERT_THAT(ok.out, HasSubstr("13 records"));
    ASSERT_THAT(ok.out, HasSubstr("including the exported"));
  }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    return RunCli(std::move(args));
  }
  void Sql(const std::string& sql) {
    testing::RunSql(dir_.File("amanah.db"),
                    "DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS "
                    "journal_no_delete; DROP TRIGGER IF EXISTS checkpoints_no_delete; DROP TRIGGER "
                    "IF EXISTS checkpoints_no_update; " +
                        sql);
  }
  // Rewrites every record of the chain (a changed payload), recomputing every hash and head, as
  // someone who knows the grammar but not the node key can; signs new checkpoints with `key`.
  void RewriteChain(const crypto::Ed25519PrivateKey* key) {
    Ran rows = Cli({"journal", "show", "--json"});
    std::string sql = "DELETE FROM journal; DELETE FROM journal_heads; DELETE FROM checkpoints;";
    journal::Hash prev = journal::kGenesis;
    uint64_t seq = 0;
    std::istringstream lines(rows.out);
    for (std::string line; std::getline(lines, line);) {
      auto o = boost::json::parse(line).as_object();
      journal::Record r{"_system", ++seq, o.at("time_ms").as_int64(),
                        std::string(o.at("kind").as_string()), R"({"rewritten":true})"};
      const journal::Hash h = journal::ComputeHash(prev, r);
      sql += "INSERT INTO journal VALUES ('_system', " + std::to_string(seq) + ", " +
             std::to_string(r.time_ms) + ", '" + r.kind + "', '" + r.payload + "', x'" +
             crypto::HexEncode(prev) + "', x'" + crypto::HexEncode(h) + "');";
      prev = h;
    }
    sql += "INSERT INTO journal_heads VALUES ('_system', " + std::to_string(seq) + ", x'" +
           crypto::HexEncode(prev) + "');";
    if (key) {
      journal::Checkpoint c{1, {journal::ChainHead{"_system", seq, prev}}};
      const std::string body = c.Body();
      sql += "INSERT INTO checkpoints (time_ms, body, signature, key_id, records) VALUES (1, '" +
             body + "', x'" + crypto::HexEncode(key->Sign(crypto::AsBytes(body))) + "', '" +
             journal::KeyId(key->PublicKey().Raw()) + "', " + std::to_string(seq) + ");";
      sql += "UPDATE system_secrets SET public_info = '" +
             crypto::HexEncode(key->PublicKey().Raw()) + "' WHERE name = 'journal-node-key';";
    }
    Sql(sql);
  }
  Ran Verify() { return Cli({"journal", "verify"}); }

  testing::TempDir dir_;
  testing::TempDir exports_;
};

TEST_F(JournalIntegrity, DeletingTheLastRecordIsCaught) {
  Sql("DELETE FROM journal WHERE seq = 13; UPDATE journal_heads SET seq = 12");
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("records were truncated"));
}

TEST_F(JournalIntegrity, DeletingTheLastTenRecordsAndTheStoredCheckpointsIsCaught) {
  Sql("DELETE FROM journal WHERE seq > 3; DELETE FROM checkpoints");
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("had 13 records; the journal has 3 (records were truncated)"));
}

TEST_F(JournalIntegrity, DeletingEveryRecordIsCaught) {
  Sql("DELETE FROM journal; DELETE FROM journal_heads; DELETE FROM checkpoints");
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("the journal has 0"));
}

TEST_F(JournalIntegrity, RewritingTheWholeChainIsCaught) {
  RewriteChain(nullptr);
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("rewritten behind the checkpoint"));
}

TEST_F(JournalIntegrity, DeletingTheStoredCheckpointsIsCaught) {
  Sql("DELETE FROM checkpoints");
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("not among the stored checkpoints"));
}

TEST_F(JournalIntegrity, DeletingTheNodeKeyIsCaughtAndNoNewKeyIsMade) {
  Sql("DELETE FROM system_secrets WHERE name = 'journal-node-key'");
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("node key is missing"));
  Ran rotate = Cli({"vault", "rotate-master-key"});  // anything that appends
  EXPECT_EQ(rotate.code, 1);
  EXPECT_THAT(rotate.err, HasSubstr("node key is missing"));
}

TEST_F(JournalIntegrity, ReplacingTheNodeKeyAndTheJournalWithItIsCaught) {
  const auto attacker = crypto::Ed25519PrivateKey::Generate();
  RewriteChain(&attacker);
  // Without the exported anchor the forgery is self-consistent ...
  Ran alone = Cli({"journal", "verify", "--checkpoint", "/dev/null"});
  EXPECT_NE(alone.code, 0);  // (an unreadable anchor is an error, not a pass)
  // ... against it, it is not.
  Ran r = Verify();
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("signed by node key"));
  EXPECT_THAT(r.out, HasSubstr("the node key was replaced"));
}

}  // namespace
}  // namespace amanah::cli
