#include "journal/journal.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include <sys/stat.h>
#include "crypto/encoding.h"
#include "journal/report.h"
#include "journal/verify.h"
#include "journal_fixture.h"
#include "testing/files.h"

namespace amanah::journal {
namespace {

using base::ErrorCode;

TEST_F(JournalFixture, AppendsChainPerTenantAndVerifies) {
  auto a1 = journal_->Append("t1", kind::kKeyConnected, {{"label", "main"}});
  auto b1 = journal_->Append("t2", kind::kKeyRefused, {{"findings", {"withdrawals enabled"}}});
  env_.clock().Advance(std::chrono::milliseconds(10));
  auto a2 = journal_->Append("t1", kind::kKeyAudited, {{"verdict", "compliant"}});
  ASSERT_TRUE(a1 && b1 && a2);
  EXPECT_EQ(a1->seq, 1u);
  EXPECT_EQ(b1->seq, 1u);
  EXPECT_EQ(a2->seq, 2u);
  auto report = Verify(store(), journal_->PublicKey());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->records, 3u);
  EXPECT_EQ(report->chains, 2u);
}

TEST_F(JournalFixture, ReopeningContinuesTheChains) {
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyConnected, {{"n", 1}}));
  Reopen(Policy{});
  auto next = journal_->Append("t1", kind::kKeyConnected, {{"n", 2}});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->seq, 2u);
  EXPECT_TRUE(Verify(store(), journal_->PublicKey())->ok);
}

TEST_F(JournalFixture, ConcurrentAppendsAreGroupCommittedAndGapless) {
  constexpr int kThreads = 4, kEach = 250;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!journal_->Append("t1", kind::kKeyAudited, {{"thread", t}, {"i", i}})) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = Verify(store(), journal_->PublicKey());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->records, static_cast<uint64_t>(kThreads * kEach));
}

TEST_F(JournalFixture, RefusesBadInputWithoutWriting) {
  EXPECT_EQ(journal_->Append("bad tenant", kind::kKeyConnected, {}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(journal_->Append("t1", kind::kKeyConnected, {{"price", 0.5}}).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Verify(store(), journal_->PublicKey())->records, 0u);
}

TEST_F(JournalFixture, UnwritableJournalFailsTheAppendAndKeepsTheChainIntact) {
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyConnected, {{"n", 1}}));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(env_.db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER jam BEFORE INSERT ON journal BEGIN SELECT "
                         "RAISE(ABORT, 'journal device unavailable'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto r = journal_->Append("t1", kind::kKeySuspended, {{"n", 2}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("the journal could not be written"), std::string::npos);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER jam", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  // The failed record took no sequence number: the chain continues at 2.
  auto next = journal_->Append("t1", kind::kKeySuspended, {{"n", 2}});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->seq, 2u);
  EXPECT_TRUE(Verify(store(), journal_->PublicKey())->ok);
}

TEST_F(JournalFixture, TheTableRefusesUpdatesAndDeletes) {
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyConnected, {{"n", 1}}));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(env_.db_path().c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE journal SET payload = '{}'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM journal", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(JournalFixture, CheckpointsEveryNRecordsAndOnDemand) {
  Reopen(Policy{.checkpoint_every_records = 10, .checkpoint_every = std::chrono::hours(1)});
  for (int i = 0; i < 9; ++i) ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {{"i", i}}));
  EXPECT_FALSE(LatestCheckpoint());
  ASSERT_TRUE(journal_->Append("t2", kind::kKeyAudited, {{"i", 9}}));
  auto stored = LatestCheckpoint();
  ASSERT_TRUE(stored);
  auto parsed = Checkpoint::ParseBody(stored->body);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->heads.size(), 2u);
  EXPECT_EQ(parsed->heads[0], (ChainHead{"t1", 9, parsed->heads[0].hash}));
  EXPECT_EQ(parsed->heads[1].seq, 1u);

  auto signed_now = journal_->WriteCheckpoint();
  ASSERT_TRUE(signed_now);
  auto again = SignedCheckpoint::FromFile(signed_now->ToFile());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->Verify());
  auto report = Verify(store(), journal_->PublicKey(), *again);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->checkpoints_checked, 2u);
}

TEST_F(JournalFixture, CheckpointsAfterTimePasses) {
  Reopen(Policy{.checkpoint_every_records = 1000, .checkpoint_every = std::chrono::seconds(60)});
  ASSERT_TRUE(journal_->WriteCheckpoint());  // as `vault init` does
  const auto first = LatestCheckpoint()->id;
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {}));
  EXPECT_EQ(LatestCheckpoint()->id, first);
  env_.clock().Advance(std::chrono::seconds(61));
  Reopen(Policy{.checkpoint_every_records = 1000, .checkpoint_every = std::chrono::seconds(60)});
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {}));  // another process, same rule
  EXPECT_GT(LatestCheckpoint()->id, first);
}

TEST_F(JournalFixture, AlteredCheckpointSignatureIsCaught) {
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {}));
  auto c = *journal_->WriteCheckpoint();
  c.body.replace(c.body.find("t1 1"), 4, "t1 0");
  auto r = c.Verify();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("signature does not verify"), std::string::npos);
}

TEST_F(JournalFixture, NodeKeyPersistsInTheVault) {
  const auto key = journal_->PublicKey();
  Reopen(Policy{});
  EXPECT_EQ(journal_->PublicKey(), key);
  auto row =
      *store().Read([](store::UnitOfWork& u) { return u.keyring().GetSystemSecret(kNodeKeyName); });
  EXPECT_EQ(row->public_info, crypto::HexEncode(key));
}

TEST_F(JournalFixture, ReportsCarryReasonsAndEscapeHtml) {
  ASSERT_TRUE(journal_->Append(
      "t1", kind::kKeyRefused,
      {{"label", "<script>alert(1)</script>"},
       {"findings", {"withdrawals enabled: custody risk — disable Enable Withdrawals"}},
       {"citations", {"AAOIFI Shari'ah Standard No. 21"}}}));
  VerifyReport v = *Verify(store(), journal_->PublicKey());
  std::ostringstream html, json;
  ASSERT_TRUE(WriteHtmlReport(store(), {}, v, html));
  EXPECT_EQ(html.str().find("<script>"), std::string::npos);
  EXPECT_NE(html.str().find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.str().find("disable Enable Withdrawals"), std::string::npos);
  EXPECT_NE(html.str().find("Verified"), std::string::npos);
  Filter keys;
  keys.kind = "key.";
  ASSERT_TRUE(WriteJsonReport(store(), keys, v, json));
  auto doc = boost::json::parse(json.str()).as_object();
  EXPECT_TRUE(doc["verification"].as_object()["ok"].as_bool());
  ASSERT_EQ(doc["records"].as_array().size(), 1u);
  EXPECT_EQ(doc["records"]
                .as_array()[0]
                .as_object()["payload"]
                .as_object()["citations"]
                .as_array()[0]
                .as_string(),
            "AAOIFI Shari'ah Standard No. 21");
}

TEST_F(JournalFixture, AppendInCommitsWithItsUnitOrNotAtAll) {
  {
    auto unit = store().Begin(store::Access::kWrite);
    ASSERT_TRUE(unit);
    ASSERT_TRUE(journal_->AppendIn(**unit, "t1", kind::kKeyConnected, {{"n", 1}}));
  }  // rolled back
  EXPECT_EQ(Verify(store(), journal_->PublicKey())->records, 0u);
  auto committed = store().Write([&](store::UnitOfWork& u) -> base::Result<void> {
    AMANAH_TRY(u.tenants().Ensure({store::TenantId("t1"), "t1", {}}));
    AMANAH_TRY(journal_->AppendIn(u, "t1", kind::kKeyConnected, {{"n", 1}}));
    AMANAH_TRY(journal_->AppendIn(u, "t1", kind::kKeyAudited, {{"n", 2}}));
    return {};
  });
  ASSERT_TRUE(committed);
  auto next = journal_->Append("t1", kind::kKeyAudited, {{"n", 3}});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->seq, 3u);
  EXPECT_TRUE(Verify(store(), journal_->PublicKey())->ok);
}

TEST_F(JournalFixture, TwoProcessesAppendingToOneDirectoryChainCorrectly) {
  // A second environment on the same data directory stands for a second process: each reads the
  // chain's head inside its writing transaction, so neither reuses a sequence number.
  environment::EnvironmentOptions o;
  o.data_dir = env_.data_dir();
  o.log_to_file = false;
  o.clock = &env_.clock();
  auto other = environment::Environment::Open(std::move(o));
  ASSERT_TRUE(other) << other.error();
  Journal* second = *(*other)->journal();
  std::atomic<int> failures{0};
  auto write = [&](Journal* j, int tag) {
    for (int i = 0; i < 100; ++i) {
      if (!j->Append("t1", kind::kKeyAudited, {{"writer", tag}, {"i", i}})) ++failures;
    }
  };
  std::thread a(write, journal_, 1), b(write, second, 2);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = Verify(store(), journal_->PublicKey());
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->records, 200u);
}

TEST_F(JournalFixture, CheckpointsAreCountedFromTheStoredOneNotPerProcess) {
  for (int process = 0; process < 5; ++process) {
    Reopen(Policy{.checkpoint_every_records = 10, .checkpoint_every = std::chrono::hours(1)});
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {{"i", i}}));
  }
  // 15 records over five short-lived processes: one checkpoint, at the tenth record.
  auto latest = LatestCheckpoint();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->records, 10u);
  EXPECT_EQ(*store().Read([](store::UnitOfWork& u) { return u.journal().CheckpointCount(); }), 1u);
}

TEST_F(JournalFixture, CheckpointsGoToTheExportDirectoryPrivately) {
  testing::TempDir outside;
  env_.Open(false, {{"AMANAH_CHECKPOINT_EXPORT_DIR", outside.path()}});
  journal_ = &env_.journal();
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {}));
  auto written = journal_->WriteCheckpoint();
  ASSERT_TRUE(written);
  const std::string latest = outside.File("latest.json");
  struct stat st {};
  ASSERT_EQ(::stat(latest.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto file = SignedCheckpoint::FromFile(testing::ReadFile(latest));
  ASSERT_TRUE(file);
  EXPECT_EQ(file->body, written->body);
  EXPECT_EQ(file->public_key, journal_->PublicKey());
}

TEST_F(JournalFixture, AnExportDirectoryInsideTheDataDirectoryIsRefused) {
  environment::EnvironmentOptions o;
  o.data_dir = env_.data_dir();
  o.log_to_file = false;
  o.env = {{"AMANAH_CHECKPOINT_EXPORT_DIR", env_.data_dir() + "/exports"}};
  auto r = environment::Environment::Open(std::move(o));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("inside the data directory"), std::string::npos);
}

TEST_F(JournalFixture, AMissingNodeKeyIsAnErrorNotANewKey) {
  ASSERT_TRUE(journal_->Append("t1", kind::kKeyAudited, {}));
  journal_ = nullptr;
  env_.Open(false);
  testing::RunSql(env_.db_path(), "DELETE FROM system_secrets WHERE name = 'journal-node-key'");
  auto j = env_.env().journal();
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().code(), ErrorCode::kDataLoss);
  EXPECT_NE(j.error().message().find("node key is missing"), std::string::npos);
}

TEST_F(JournalFixture, AReplacedPublicHalfOfTheNodeKeyIsAnError) {
  journal_ = nullptr;
  env_.Open(false);
  testing::RunSql(env_.db_path(), "UPDATE system_secrets SET public_info = '" +
                                      std::string(64, 'a') + "' WHERE name = 'journal-node-key'");
  auto j = env_.env().journal();
  ASSERT_FALSE(j);
  EXPECT_NE(j.error().message().find("was replaced outside Amanah"), std::string::npos);
}

}  // namespace
}  // namespace amanah::journal
