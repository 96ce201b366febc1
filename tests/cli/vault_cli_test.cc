// `amanah vault …` end to end, in-process, on a temporary data directory: the happy path and each
// bad condition the vault issue names, each with a clear message and a non-zero exit.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <boost/json.hpp>

#include "cli_runner.h"
#include "testing/files.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

class VaultCliTest : public ::testing::Test {
 protected:
  Ran Vault(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path(), "vault"});
    return RunCli(std::move(args));
  }
  void Sql(const std::string& sql) { testing::RunSql(dir_.File("amanah.db"), sql); }
  // Flips bit `bit` of the keyring version 1 sealed key.
  void FlipKeyringBit(size_t bit) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("amanah.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* read = nullptr;
    sqlite3_prepare_v2(db, "SELECT sealed_key FROM keyring WHERE version = 1", -1, &read, nullptr);
    ASSERT_EQ(sqlite3_step(read), SQLITE_ROW);
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(read, 0));
    std::vector<uint8_t> blob(p, p + sqlite3_column_bytes(read, 0));
    sqlite3_finalize(read);
    blob.at(bit / 8) ^= static_cast<uint8_t>(1 << (bit % 8));
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(db, "UPDATE keyring SET sealed_key = ? WHERE version = 1", -1, &write,
                       nullptr);
    sqlite3_bind_blob(write, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(write), SQLITE_DONE);
    sqlite3_finalize(write);
    sqlite3_close(db);
  }
  testing::TempDir dir_;
};

TEST_F(VaultCliTest, InitStatusRotateRetire) {
  Ran init = Vault({"init"});
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_NE(init.out.find("Back up the master key file"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(dir_.File("master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  Ran rotate = Vault({"rotate-master-key"});
  ASSERT_EQ(rotate.code, 0) << rotate.err;
  EXPECT_NE(rotate.out.find("rotated to version 2"), std::string::npos);
  ASSERT_EQ(Vault({"set-min-decryption-version", "2"}).code, 0);

  Ran status = Vault({"status", "--json"});
  ASSERT_EQ(status.code, 0) << status.err;
  auto json = boost::json::parse(status.out).as_object();
  EXPECT_EQ(json["current_version"].as_int64(), 2);
  EXPECT_EQ(json["min_decryption_version"].as_int64(), 2);
  EXPECT_EQ(json["master_key_source"].as_string(), "file");
  EXPECT_EQ(json["versions"].as_array().size(), 2u);

  Ran text = Vault({"status"});
  EXPECT_NE(text.out.find("(retired)"), std::string::npos);
}

TEST_F(VaultCliTest, InitTwiceIsRefused) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  Ran again = Vault({"init"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("already initialised"), std::string::npos);
}

TEST_F(VaultCliTest, UninitialisedVaultSaysToInit) {
  Ran r = Vault({"status"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("run `amanah vault init`"), std::string::npos);
}

TEST_F(VaultCliTest, TooOpenKeyFileIsRefused) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  ::chmod(dir_.File("master.key").c_str(), 0640);
  Ran r = Vault({"status"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("readable by others (mode 0640)"), std::string::npos);
}

TEST_F(VaultCliTest, MissingKeyFileIsRefused) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  ::unlink(dir_.File("master.key").c_str());
  Ran r = Vault({"rotate-master-key"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("does not exist; restore it from your backup"), std::string::npos);
}

TEST_F(VaultCliTest, WrongMasterKeyIsRefusedAndChangesNothing) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  ::unlink(dir_.File("master.key").c_str());
  testing::TempDir other;
  ASSERT_EQ(RunCli({"--data-dir", other.path(), "vault", "init"}).code, 0);
  ::rename(other.File("master.key").c_str(), dir_.File("master.key").c_str());
  Ran r = Vault({"rotate-master-key"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("does not open this vault's keyring"), std::string::npos);
}

TEST_F(VaultCliTest, NewerSchemaIsRefused) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  Sql("PRAGMA user_version = 42");
  Ran r = Vault({"status"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("newer than this amanah binary"), std::string::npos);
}

TEST_F(VaultCliTest, LockedDatabaseIsReportedAndNothingChanges) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("amanah.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  Ran r = Vault({"rotate-master-key"});
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("locked by another process"), std::string::npos);
  Ran status = Vault({"status", "--json"});
  EXPECT_EQ(boost::json::parse(status.out).at("current_version").as_int64(), 1);
}

TEST_F(VaultCliTest, CorruptedKeyringRecordIsDataLoss) {
  ASSERT_EQ(Vault({"init"}).code, 0);
  FlipKeyringBit(8 * 20 + 3);  // a ciphertext bit
  Ran r = Vault({"status"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("keyring"), std::string::npos);
}

TEST_F(VaultCliTest, BadArgumentsAreUsageErrors) {
  Ran r = Vault({"set-min-decryption-version", "zero"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("amanah --help"), std::string::npos);
  Ran m = RunCli({"--data-dir", dir_.path(), "--master-key", "plain:abc", "vault", "status"});
  EXPECT_EQ(m.code, 1);
  EXPECT_NE(m.err.find("file:PATH, env:VARIABLE or passphrase:PATH|-"), std::string::npos);
}

}  // namespace
}  // namespace amanah::cli
