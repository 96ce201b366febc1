// Tampering with a 10^4-record journal, as someone with write access to the database file would:
// each kind of change at the first, second, middle, second-to-last and last record and at 20
// seeded random positions, each on a fresh copy of the same pristine file. Verify must name the
// damage every time; truncation and wholesale rewrites are caught by checkpoints.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "base/random.h"
#include "crypto/ed25519.h"
#include "journal/checkpoint.h"
#include "journal/verify.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace amanah::journal {
namespace {

constexpr uint64_t kRecords = 10000;

struct Row {
  uint64_t seq;
  int64_t time_ms;
  std::string kind, payload;
  Hash prev, hash;
};

class TamperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    key_ = new crypto::Ed25519PrivateKey(crypto::Ed25519PrivateKey::Generate());
    auto store = *store::sqlite::SqliteStore::Open(Pristine());
    std::vector<store::JournalRow> rows;
    Hash prev = kGenesis;
    for (uint64_t seq = 1; seq <= kRecords; ++seq) {
      Record r{"t1", seq, 1767225600000 + static_cast<int64_t>(seq),
               seq % 3 ? "key.audited" : "key.refused", R"({"n":)" + std::to_string(seq) + "}"};
      const Hash h = ComputeHash(prev, r);
      rows.push_back({r.tenant, r.seq, r.time_ms, r.kind, r.payload,
                      store::Blob(prev.begin(), prev.end()), store::Blob(h.begin(), h.end())});
      prev = h;
    }
    ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) { return u.journal().Append(rows); }));
    Checkpoint c{1767225700000, {ChainHead{"t1", kRecords, prev}}};
    exported_ =
        new SignedCheckpoint{c.Body(), {}, key_->PublicKey().Raw(), KeyId(key_->PublicKey().Raw())};
    exported_->signature = key_->Sign(crypto::AsBytes(exported_->body));
    ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) {
      return u.journal().InsertCheckpoint(
          {0, c.time_ms, exported_->body, exported_->signature, exported_->key_id, kRecords});
    }));
  }
  static void TearDownTestSuite() {
    delete exported_;
    delete key_;
    delete dir_;
  }
  static std::string Pristine() { return dir_->File("pristine.db"); }

  void SetUp() override {
    if (db_) sqlite3_close(db_);
    // A fresh copy: the last case's WAL and shared-memory files must not be replayed onto it.
    std::filesystem::remove(Work() + "-wal");
    std::filesystem::remove(Work() + "-shm");
    std::filesystem::copy_file(Pristine(), Work(),
                               std::filesystem::copy_options::overwrite_existing);
    ASSERT_EQ(sqlite3_open(Work().c_str(), &db_), SQLITE_OK);
    Exec(
        "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; "  // as an attacker
        "DROP TRIGGER checkpoints_no_update; DROP TRIGGER checkpoints_no_delete;");
  }
  void TearDown() override {
    if (db_) sqlite3_close(db_);
  }

  std::string Work() const { return dir_->File("work.db"); }
  void Exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  Row Read(uint64_t seq) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT time_ms, kind, payload, prev_hash, hash FROM journal "
                       "WHERE tenant_id = 't1' AND seq = ?",
                       -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, static_cast<int64_t>(seq));
    EXPECT_EQ(sqlite3_step(s), SQLITE_ROW);
    Row r{seq,
          sqlite3_column_int64(s, 0),
          reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
          reinterpret_cast<const char*>(sqlite3_column_text(s, 2)),
          {},
          {}};
    std::memcpy(r.prev.data(), sqlite3_column_blob(s, 3), 32);
    std::memcpy(r.hash.data(), sqlite3_column_blob(s, 4), 32);
    sqlite3_finalize(s);
    return r;
  }
  void Write(const Row& r, bool insert = false) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_,
                       insert ? "INSERT INTO journal (time_ms, kind, payload, prev_hash, hash, "
                                "tenant_id, seq) VALUES (?, ?, ?, ?, ?, 't1', ?)"
                              : "UPDATE journal SET time_ms = ?, kind = ?, payload = ?, "
                                "prev_hash = ?, hash = ? WHERE tenant_id = 't1' AND seq = ?",
                       -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, r.time_ms);
    sqlite3_bind_text(s, 2, r.kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, r.payload.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 4, r.prev.data(), 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 5, r.hash.data(), 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 6, static_cast<int64_t>(r.seq));
    ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
  }
  static Hash Rehash(const Row& r) {
    return ComputeHash(r.prev, Record{"t1", r.seq, r.time_ms, r.kind, r.payload});
  }
  VerifyReport RunVerify(bool with_exported) {
    sqlite3_close(db_);
    db_ = nullptr;
    auto store = store::sqlite::SqliteStore::Open(Work());
    EXPECT_TRUE(store);
    auto r = Verify(**store, key_->PublicKey().Raw(),
                    with_exported ? std::optional(*exported_) : std::nullopt);
    EXPECT_TRUE(r);
    return *r;
  }

  static std::vector<uint64_t> Positions() {
    std::vector<uint64_t> p = {1, 2, kRecords / 2, kRecords - 1, kRecords};
    base::SeededRandom random(2026);
    for (int i = 0; i < 20; ++i) p.push_back(1 + random.Uniform(kRecords));
    return p;
  }

  static testing::TempDir* dir_;
  static crypto::Ed25519PrivateKey* key_;
  static SignedCheckpoint* exported_;
  sqlite3* db_ = nullptr;
};
testing::TempDir* TamperTest::dir_ = nullptr;
crypto::Ed25519PrivateKey* TamperTest::key_ = nullptr;
SignedCheckpoint* TamperTest::exported_ = nullptr;

std::string RecordNo(uint64_t seq) { return "record " + std::to_string(seq) + ":"; }

TEST_F(TamperTest, PristineJournalVerifies) {
  VerifyReport r = RunVerify(true);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.records, kRecords);
  EXPECT_EQ(r.checkpoints_checked, 2u);
}

TEST_F(TamperTest, EveryModificationIsCaught) {
  for (uint64_t k : Positions()) {
    SetUp();
    Exec("UPDATE journal SET payload = '{\"n\":0}' WHERE seq = " + std::to_string(k));
    VerifyReport r = RunVerify(false);
    ASSERT_FALSE(r.ok) << "modified record " << k;
    EXPECT_NE(r.problem.find(RecordNo(k) + " its content does not match its hash"),
              std::string::npos)
        << r.problem;
  }
}

TEST_F(TamperTest, EveryModificationWithARecomputedHashIsCaught) {
  for (uint64_t k : Positions()) {
    SetUp();
    Row row = Read(k);
    row.payload = R"({"n":0})";
    row.hash = Rehash(row);
    Write(row);
    VerifyReport r = RunVerify(false);
    ASSERT_FALSE(r.ok) << "rehashed record " << k;
    if (k < kRecords) {
      EXPECT_NE(r.problem.find(RecordNo(k + 1) + " does not link"), std::string::npos) << r.problem;
    } else {  // the head: only a checkpoint can tell
      EXPECT_NE(r.problem.find("rewritten behind the checkpoint"), std::string::npos) << r.problem;
    }
  }
}

TEST_F(TamperTest, EveryDeletionIsCaught) {
  for (uint64_t k : Positions()) {
    SetUp();
    Exec("DELETE FROM journal WHERE seq = " + std::to_string(k));
    VerifyReport r = RunVerify(false);
    ASSERT_FALSE(r.ok) << "deleted record " << k;
    if (k < kRecords) {
      EXPECT_NE(
          r.problem.find(RecordNo(k) + " missing; the next record is " + std::to_string(k + 1)),
          std::string::npos)
          << r.problem;
    } else {
      EXPECT_NE(r.problem.find("(records were truncated)"), std::string::npos) << r.problem;
    }
  }
}

TEST_F(TamperTest, EveryInsertionIsCaught) {
  for (uint64_t k : Positions()) {
    SetUp();
    // Make room at k, then forge a record there that links correctly to k-1.
    Exec("UPDATE journal SET seq = seq + 1000000 WHERE seq >= " + std::to_string(k));
    Exec("UPDATE journal SET seq = seq - 999999 WHERE seq >= 1000000");
    Row forged{k, 1767225600000, "key.connected", R"({"forged":true})", kGenesis, {}};
    if (k > 1) forged.prev = Read(k - 1).hash;
    forged.hash = Rehash(forged);
    Write(forged, /*insert=*/true);
    VerifyReport r = RunVerify(false);
    ASSERT_FALSE(r.ok) << "inserted at " << k;
    EXPECT_NE(r.problem.find(RecordNo(k + 1) + " does not link"), std::string::npos) << r.problem;
  }
}

TEST_F(TamperTest, EveryReorderingIsCaught) {
  for (uint64_t k : Positions()) {
    if (k == kRecords) k = kRecords - 1;
    SetUp();
    Row a = Read(k), b = Read(k + 1);
    std::swap(a.seq, b.seq);
    Write(b);  // b's content now at seq k
    Write(a);  // a's content now at seq k+1
    VerifyReport r = RunVerify(false);
    ASSERT_FALSE(r.ok) << "swapped " << k << " and " << k + 1;
    EXPECT_NE(r.problem.find(RecordNo(k) + " does not link"), std::string::npos) << r.problem;
  }
}

TEST_F(TamperTest, TruncationIsCaughtByTheExportedCheckpoint) {
  // The attacker also removes the stored checkpoints: the chain alone looks like a shorter,
  // honest history, and only the checkpoint kept off the host tells.
  Exec("DELETE FROM journal WHERE seq > " + std::to_string(kRecords - 10));
  Exec("DELETE FROM checkpoints");
  EXPECT_TRUE(RunVerify(false).ok);
  SetUp();
  Exec("DELETE FROM journal WHERE seq > " + std::to_string(kRecords - 10));
  Exec("DELETE FROM checkpoints");
  VerifyReport r = RunVerify(true);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.problem,
            "the exported checkpoint says tenant t1 had 10000 records; the journal has "
            "9990 (records were truncated)");
}

TEST_F(TamperTest, AConsistentRewriteIsCaughtByTheExportedCheckpoint) {
  // Change record 5000 and recompute every hash after it: every link checks out.
  Exec("DELETE FROM checkpoints");
  Hash prev = Read(4999).hash;
  for (uint64_t seq = 5000; seq <= kRecords; ++seq) {
    Row row = Read(seq);
    if (seq == 5000) row.payload = R"({"n":"rewritten"})";
    row.prev = prev;
    row.hash = Rehash(row);
    Write(row);
    prev = row.hash;
  }
  sqlite3_close(db_);
  ASSERT_EQ(sqlite3_open(Work().c_str(), &db_), SQLITE_OK);
  EXPECT_TRUE(RunVerify(false).ok);
  ASSERT_EQ(sqlite3_open(Work().c_str(), &db_), SQLITE_OK);
  VerifyReport r = RunVerify(true);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("rewritten behind the checkpoint"), std::string::npos) << r.problem;
}

}  // namespace
}  // namespace amanah::journal
