#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace amanah::store::sqlite {
namespace {

using base::ErrorCode;

Connection MakeConnection(const std::string& id, const std::string& label, const std::string& key) {
  Connection c;
  c.id = ConnectionId(id);
  c.tenant = TenantId("t1");
  c.exchange = "binance";
  c.label = label;
  c.api_key_id = key;
  c.key_fingerprint = "fp-" + key;
  c.key_type = "hmac";
  c.created_at = base::SystemTime(std::chrono::milliseconds(testing::FakeClock::kStartMillis));
  c.kek_version = 1;
  c.wrapped_dek = {2, 0, 0, 0, 1, 9, 9, 9};
  c.sealed = {{"secret", {1, 2, 3}}, {"passphrase", {4, 5}}};
  return c;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(dir_.File("amanah.db"));
    ASSERT_TRUE(s) << s.error();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->CreateTenant({TenantId("t1"), "default", clock_.Now()}));
    ASSERT_TRUE(store_->InitVault({"file", "", 1, 1, clock_.Now()}, {1, {7}, clock_.Now(), 0}));
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, ConnectionRoundTripsWithItsSealedFields) {
  Connection c = MakeConnection("c1", "main", "KEY1");
  c.account_id = "123456";
  ASSERT_TRUE(store_->InsertConnection(c));
  auto got = store_->GetConnection(ConnectionId("c1"));
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->label, "main");
  EXPECT_EQ((*got)->account_id, "123456");
  EXPECT_EQ((*got)->wrapped_dek, c.wrapped_dek);
  ASSERT_EQ((*got)->sealed.size(), 2u);
  EXPECT_EQ((*got)->sealed[0], (SealedField{"passphrase", {4, 5}}));  // ordered by field
  EXPECT_EQ((*got)->created_at, c.created_at);
  auto by_label = store_->FindConnectionByLabel(TenantId("t1"), "main");
  ASSERT_TRUE(by_label && *by_label);
  EXPECT_EQ((*by_label)->id, c.id);
}

TEST_F(SqliteStoreTest, DuplicateLabelIsRefusedAndNothingIsWritten) {
  ASSERT_TRUE(store_->InsertConnection(MakeConnection("c1", "main", "KEY1")));
  auto r = store_->InsertConnection(MakeConnection("c2", "main", "KEY2"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(r.error().message(), "a connection labelled \"main\" already exists");
  EXPECT_FALSE(*store_->GetConnection(ConnectionId("c2")));
}

TEST_F(SqliteStoreTest, SameKeyCannotBeConnectedTwice) {
  ASSERT_TRUE(store_->InsertConnection(MakeConnection("c1", "main", "KEY1")));
  auto r = store_->InsertConnection(MakeConnection("c2", "other", "KEY1"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(r.error().message().find("already connected"), std::string::npos);
}

TEST_F(SqliteStoreTest, UsersBelongToATenantAndHaveUniqueNames) {
  ASSERT_TRUE(
      store_->CreateUser({UserId("u1"), TenantId("t1"), "amina", UserRole::kOwner, clock_.Now()}));
  ASSERT_TRUE(
      store_->CreateUser({UserId("u2"), TenantId("t1"), "bilal", UserRole::kViewer, clock_.Now()}));
  auto dup = store_->CreateUser({UserId("u3"), TenantId("t1"), "amina", UserRole::kViewer, {}});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message(), "a user named \"amina\" exists");
  auto orphan = store_->CreateUser({UserId("u4"), TenantId("nope"), "c", UserRole::kViewer, {}});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code(), ErrorCode::kNotFound);
  auto users = *store_->ListUsers(TenantId("t1"));
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "amina");
  EXPECT_EQ(users[0].role, UserRole::kOwner);
  EXPECT_EQ(users[1].role, UserRole::kViewer);
}

TEST_F(SqliteStoreTest, ShredRemovesDataKeyAndSealedFieldsTogether) {
  ASSERT_TRUE(store_->InsertConnection(MakeConnection("c1", "main", "KEY1")));
  ASSERT_TRUE(store_->ShredCredential(ConnectionId("c1")));
  auto got = *store_->GetConnection(ConnectionId("c1"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, ConnectionStatus::kRevoked);
  EXPECT_TRUE(got->wrapped_dek.empty());
  EXPECT_TRUE(got->sealed.empty());
  EXPECT_EQ(store_->ShredCredential(ConnectionId("nope")).error().code(), ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, ReplaceWrappedDeksSkipsRowsThatChanged) {
  ASSERT_TRUE(store_->InsertConnection(MakeConnection("c1", "a", "K1")));
  ASSERT_TRUE(store_->InsertConnection(MakeConnection("c2", "b", "K2")));
  ASSERT_TRUE(store_->AddKeyringVersion({2, {8}, clock_.Now(), 0}));
  auto listed = *store_->ListDeksNotUnder(2, 10);
  ASSERT_EQ(listed.size(), 2u);
  ASSERT_TRUE(store_->ShredCredential(ConnectionId("c2")));  // changes under the rewrap
  auto written = store_->ReplaceWrappedDeks(
      {{DekOwner::kConnection, ConnectionId("c1"), listed[0].wrapped_dek, 2, {2, 0, 0, 0, 2, 1}},
       {DekOwner::kConnection, ConnectionId("c2"), listed[1].wrapped_dek, 2, {2, 0, 0, 0, 2, 2}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 1u);
  EXPECT_TRUE(store_->ListDeksNotUnder(2, 10)->empty());
  auto counts = *store_->CountDeksByVersion();
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[2], 1u);
}

TEST_F(SqliteStoreTest, EncryptionCounterRefusesPastItsLimit) {
  ASSERT_TRUE(store_->ReserveEncryptions(1, 3, 5));
  auto r = store_->ReserveEncryptions(1, 3, 5);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("rotate-master-key"), std::string::npos);
  ASSERT_TRUE(store_->ReserveEncryptions(1, 2, 5));
  EXPECT_EQ(store_->ListKeyring()->front().encryptions, 5u);
}

TEST_F(SqliteStoreTest, VaultInitialisesOnlyOnce) {
  auto r = store_->InitVault({"file", "", 1, 1, clock_.Now()}, {1, {7}, clock_.Now(), 0});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kAlreadyExists);
}

TEST(SqliteStoreOpenTest, DatabaseFileIsPrivate) {
  testing::TempDir dir;
  ASSERT_TRUE(SqliteStore::Open(dir.File("a.db")));
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("a.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(SqliteStoreOpenTest, NewerSchemaThanTheBinaryIsRefused) {
  testing::TempDir dir;
  ASSERT_TRUE(SqliteStore::Open(dir.File("a.db")));
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("a.db").c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto r = SqliteStore::Open(dir.File("a.db"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("schema is version 99, newer than this amanah binary"),
            std::string::npos);
}

TEST(SqliteStoreOpenTest, AFileThatIsNotADatabaseIsDataLoss) {
  testing::TempDir dir;
  FILE* f = std::fopen(dir.File("a.db").c_str(), "w");
  std::fputs(
      "this is not an sqlite database, just some text that is long enough to matter....\n"
      "................................................................................",
      f);
  std::fclose(f);
  auto r = SqliteStore::Open(dir.File("a.db"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kDataLoss);
  EXPECT_NE(r.error().message().find("restore it from a backup"), std::string::npos);
}

TEST(SqliteStoreOpenTest, LockedDatabaseIsUnavailableWithAClearMessage) {
  testing::TempDir dir;
  auto store = SqliteStore::Open(dir.File("a.db"), {.busy_timeout_ms = 50});
  ASSERT_TRUE(store);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("a.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = (*store)->CreateTenant({TenantId("t1"), "x", {}});
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message().find("locked by another process"), std::string::npos);
  EXPECT_TRUE((*store)->CreateTenant({TenantId("t1"), "x", {}}));  // works once released
}

TEST(SqliteStoreOpenTest, FullDiskFailsWholeAndLosesNothing) {
  testing::TempDir dir;
  auto opened = SqliteStore::Open(dir.File("a.db"), {.max_pages = 24});
  ASSERT_TRUE(opened);
  auto& store = **opened;
  ASSERT_TRUE(store.CreateTenant({TenantId("t1"), "x", {}}));
  ASSERT_TRUE(store.InitVault({"file", "", 1, 1, {}}, {1, {7}, {}, 0}));
  int inserted = 0;
  base::Result<void> r;
  for (int i = 0; i < 10000; ++i) {
    Connection c =
        MakeConnection("c" + std::to_string(i), "l" + std::to_string(i), "K" + std::to_string(i));
    c.sealed = {{"secret", store::Blob(600, 1)}, {"private_key", store::Blob(600, 2)}};
    r = store.InsertConnection(c);
    if (!r) break;
    ++inserted;
  }
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("disk is full"), std::string::npos);
  // The failed connection left no row and no sealed field; the earlier ones are intact.
  const std::string failed = "c" + std::to_string(inserted);
  EXPECT_FALSE(*store.GetConnection(ConnectionId(failed)));
  auto all = *store.ListConnections(TenantId("t1"));
  EXPECT_EQ(all.size(), static_cast<size_t>(inserted));
  for (const auto& c : all) EXPECT_EQ(c.sealed.size(), 2u);
}

}  // namespace
}  // namespace amanah::store::sqlite
