// The SQLite backend: the store contract, and what only a file database can do wrong (permissions,
// locks, a full disk, corrupt files, schemas from other versions).
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/sqlite/migrations.h"
#include "store_contract.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace amanah::store {

struct SqliteFactory {
  static std::unique_ptr<Store> Make(const std::string& dir) {
    auto s = sqlite::SqliteStore::Open(dir + "/amanah.db");
    EXPECT_TRUE(s) << s.error();
    return s ? std::move(*s) : nullptr;
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreContract, SqliteFactory);

namespace sqlite {
namespace {

using base::ErrorCode;

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(raw);
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
  Exec(dir.File("a.db"), "PRAGMA user_version = 99");
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
  auto create = [&] {
    return (*store)->Write([](UnitOfWork& u) {
      return u.tenants().Create({TenantId("t1"), "x", {}});
    });
  };
  auto r = create();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message().find("locked by another process"), std::string::npos);
  EXPECT_TRUE(create());  // works once released
}

TEST(SqliteStoreOpenTest, AReadUnitCannotWrite) {
  testing::TempDir dir;
  auto store = *SqliteStore::Open(dir.File("a.db"));
  auto r = store->Read([](UnitOfWork& u) { return u.tenants().Create({TenantId("t1"), "x", {}}); });
  ASSERT_FALSE(r);
  EXPECT_TRUE(store->Write([](UnitOfWork& u) {
    return u.tenants().Create({TenantId("t1"), "x", {}});
  }));
}

TEST(SqliteStoreOpenTest, FullDiskFailsWholeAndLosesNothing) {
  testing::TempDir dir;
  auto opened = SqliteStore::Open(dir.File("a.db"), {.max_pages = 100});
  ASSERT_TRUE(opened);
  auto& store = **opened;
  ASSERT_TRUE(store.Write([](UnitOfWork& u) -> base::Result<void> {
    AMANAH_TRY(u.tenants().Create({TenantId("t1"), "x", {}}));
    return u.keyring().InitVault({"file", "", 1, 1, {}}, {1, {7}, {}, 0});
  }));
  int inserted = 0;
  base::Result<void> r;
  for (int i = 0; i < 10000; ++i) {
    Connection c = ContractConnection("c" + std::to_string(i), "l" + std::to_string(i),
                                      "K" + std::to_string(i));
    c.sealed = {{"secret", Blob(600, 1)}, {"private_key", Blob(600, 2)}};
    r = store.Write([&](UnitOfWork& u) -> base::Result<void> {
      AMANAH_TRY(u.connections().Insert(c));
      return u.journal().Append({JournalRow{"t1", static_cast<uint64_t>(i + 1), 0, "key.connected",
                                            std::string(300, 'x'), Blob(32), Blob(32)}});
    });
    if (!r) break;
    ++inserted;
  }
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("disk is full"), std::string::npos);
  // The failed connection left no row, no sealed field and no record; the earlier ones are intact.
  const std::string failed = "c" + std::to_string(inserted);
  EXPECT_FALSE(
      *store.Read([&](UnitOfWork& u) { return u.connections().Get(ConnectionId(failed)); }));
  auto all = *store.Read([](UnitOfWork& u) { return u.connections().List(TenantId("t1")); });
  EXPECT_EQ(all.size(), static_cast<size_t>(inserted));
  for (const auto& c : all) EXPECT_EQ(c.sealed.size(), 2u);
  EXPECT_EQ(*store.Read([](UnitOfWork& u) { return u.journal().RecordCount(); }),
            static_cast<uint64_t>(inserted));
}

TEST(SqliteMigrationTest, AVersion4DatabaseKeepsItsConnectionsAndFreesRevokedLabels) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  {
    auto db = *Database::Open(path, {});
    for (size_t v = 0; v < 4; ++v) ASSERT_TRUE(db->Exec(Migrations()[v]));
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 4"));
    ASSERT_TRUE(db->Exec(
        "INSERT INTO tenants VALUES ('t1', 'd', 0);"
        "INSERT INTO keyring VALUES (1, x'01', 0, 0);"
        "INSERT INTO connections (id, tenant_id, exchange, label, api_key_id, key_fingerprint, "
        "key_type, status, created_at_ms, kek_version, wrapped_dek, endpoint) VALUES "
        "('c1', 't1', 'binance', 'main', 'K', 'fp', 'hmac', 'revoked', 5, NULL, NULL, NULL),"
        "('c2', 't1', 'binance', 'other', 'K2', 'fp2', 'hmac', 'active', 6, 1, x'02', 'e');"
        "INSERT INTO sealed_fields VALUES ('c2', 'secret', x'0102');"
        "INSERT INTO journal VALUES ('t1', 1, 0, 'k', '{}', zeroblob(32), x'aa');"));
  }
  auto store = SqliteStore::Open(path);
  ASSERT_TRUE(store) << store.error();
  auto c2 = *(*store)->Read([](UnitOfWork& u) { return u.connections().Get(ConnectionId("c2")); });
  ASSERT_TRUE(c2);
  EXPECT_EQ(c2->endpoint, "e");
  ASSERT_EQ(c2->sealed.size(), 1u);
  auto head = *(*store)->Read([](UnitOfWork& u) { return u.journal().Head("t1"); });
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, 1u);
  Connection again = ContractConnection("c3", "main", "K");
  again.key_fingerprint = "fp";
  EXPECT_TRUE((*store)->Write([&](UnitOfWork& u) { return u.connections().Insert(again); }));
}

TEST(SqliteMigrationTest, ProcessesOpeningANewDatabaseTogetherMigrateItOnce) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  std::vector<pid_t> children;
  for (int i = 0; i < 8; ++i) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) _exit(SqliteStore::Open(path) ? 0 : 1);
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_TRUE(SqliteStore::Open(path));
}

}  // namespace
}  // namespace sqlite
}  // namespace amanah::store
