#include "vault/root_key_provider.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "crypto/csprng.h"
#include "crypto/encoding.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
#include "vault/file_root_key.h"
#include "vault/passphrase_root_key.h"
#include "vault/vault.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;

void WriteFile(const std::string& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

TEST(FileRootKeyTest, CreatesAPrivateKeyFileAndLoadsIt) {
  testing::TempDir dir;
  crypto::Csprng random;
  FileRootKey provider(dir.File("master.key"));
  auto created = provider.Create(random);
  ASSERT_TRUE(created);
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = provider.Load("");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(crypto::HexEncode(loaded->bytes()), crypto::HexEncode(created->key.bytes()));
}

TEST(FileRootKeyTest, RefusesAFileOthersCanRead) {
  testing::TempDir dir;
  crypto::Csprng random;
  FileRootKey provider(dir.File("master.key"));
  ASSERT_TRUE(provider.Create(random));
  ::chmod(dir.File("master.key").c_str(), 0644);
  auto r = provider.Load("");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("readable by others (mode 0644); run `chmod 600"),
            std::string::npos);
}

TEST(FileRootKeyTest, MissingFileSaysWhatToDo) {
  testing::TempDir dir;
  auto r = FileRootKey(dir.File("nope.key")).Load("");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("does not exist; restore it from your backup"),
            std::string::npos);
}

TEST(FileRootKeyTest, MalformedFileIsRefused) {
  testing::TempDir dir;
  WriteFile(dir.File("master.key"), "c2hvcnQ=\n");
  auto r = FileRootKey(dir.File("master.key")).Load("");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("malformed"), std::string::npos);
}

TEST(EnvRootKeyTest, ReadsBase64Of32Bytes) {
  crypto::Csprng random;
  auto key = crypto::RandomSecret(32);
  ::setenv("AMANAH_TEST_ROOT_KEY", crypto::Base64Encode(key.bytes()).c_str(), 1);
  auto provider = MakeRootKeyProvider("env:AMANAH_TEST_ROOT_KEY");
  ASSERT_TRUE(provider);
  auto loaded = (*provider)->Load("");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(crypto::HexEncode(loaded->bytes()), crypto::HexEncode(key.bytes()));
  ::setenv("AMANAH_TEST_ROOT_KEY", "c2hvcnQ=", 1);
  EXPECT_FALSE((*provider)->Load(""));
  ::unsetenv("AMANAH_TEST_ROOT_KEY");
  auto missing = (*provider)->Load("");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("is not set"), std::string::npos);
}

TEST(RootKeySpecTest, UnknownSpecsAreRefused) {
  for (const char* spec : {"", "file:", "vault:x", "plain-key-material", "env"}) {
    auto r = MakeRootKeyProvider(spec);
    ASSERT_FALSE(r) << spec;
    EXPECT_NE(r.error().message().find("file:PATH, env:VARIABLE or passphrase:PATH|-"),
              std::string::npos);
  }
}

class PassphraseVaultTest : public ::testing::Test {
 protected:
  static constexpr crypto::Argon2idParams kFast{
      .iterations = 1, .memory_kib = 1024, .parallelism = 1};
  testing::TempDir dir_;
  testing::FakeClock clock_;
  crypto::Csprng random_;
};

TEST_F(PassphraseVaultTest, SamePassphraseOpensAndAnotherDoesNot) {
  WriteFile(dir_.File("pass"), "correct horse battery staple\n");
  auto store = *store::sqlite::SqliteStore::Open(dir_.File("a.db"));
  PassphraseRootKey provider(dir_.File("pass"), kFast);
  ASSERT_TRUE(Vault::Create(*store, provider, random_, clock_));
  auto meta = *store->Read([](store::UnitOfWork& u) { return u.keyring().GetVaultMeta(); });
  EXPECT_EQ(meta->root_provider, "passphrase");
  EXPECT_TRUE(meta->root_kdf.starts_with("argon2id$v=19$m=1024,t=1,p=1$")) << meta->root_kdf;
  EXPECT_TRUE(Vault::Open(*store, provider, random_, clock_));
  WriteFile(dir_.File("pass"), "incorrect horse battery staple\n");
  auto wrong = Vault::Open(*store, provider, random_, clock_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(PassphraseVaultTest, ShortPassphraseIsRefused) {
  WriteFile(dir_.File("pass"), "short\n");
  PassphraseRootKey provider(dir_.File("pass"), kFast);
  auto r = provider.Create(random_);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("at least 12 characters"), std::string::npos);
}

TEST_F(PassphraseVaultTest, VaultOpenedWithAnotherProviderKindIsRefused) {
  auto store = *store::sqlite::SqliteStore::Open(dir_.File("a.db"));
  FileRootKey file(dir_.File("master.key"));
  ASSERT_TRUE(Vault::Create(*store, file, random_, clock_));
  WriteFile(dir_.File("pass"), "correct horse battery staple\n");
  PassphraseRootKey pass(dir_.File("pass"), kFast);
  auto r = Vault::Open(*store, pass, random_, clock_);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("comes from \"file:\""), std::string::npos);
}

}  // namespace
}  // namespace amanah::vault
