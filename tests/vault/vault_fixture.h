// A vault on a fresh SQLite store in a temporary directory, with a file root key, the real CSPRNG
// and a fake clock; helpers to connect a credential as the connect flow will.
#pragma once

#include <gtest/gtest.h>

#include "crypto/csprng.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
#include "vault/file_root_key.h"
#include "vault/vault.h"

namespace amanah::vault {

class VaultFixture : public ::testing::Test {
 protected:
  void SetUp() override { OpenAll(VaultOptions{}); }

  void OpenAll(VaultOptions options) {
    vault_.reset();
    store_.reset();
    auto s = store::sqlite::SqliteStore::Open(dir_.File("amanah.db"));
    ASSERT_TRUE(s) << s.error();
    store_ = std::move(*s);
    root_ = std::make_unique<FileRootKey>(dir_.File("master.key"));
    auto v = Vault::Open(*store_, *root_, random_, clock_, options);
    if (!v) {
      ASSERT_TRUE(store_->CreateTenant({store::TenantId("t1"), "one", clock_.Now()}));
      ASSERT_TRUE(store_->CreateTenant({store::TenantId("t2"), "two", clock_.Now()}));
      v = Vault::Create(*store_, *root_, random_, clock_, options);
    }
    ASSERT_TRUE(v) << v.error();
    vault_ = std::move(*v);
  }

  /// Seals `secret` for a new connection and stores it; returns the stored row.
  store::Connection Connect(const std::string& id, const std::string& secret,
                            const std::string& tenant = "t1") {
    store::Connection c;
    c.id = store::ConnectionId(id);
    c.tenant = store::TenantId(tenant);
    c.exchange = "binance";
    c.label = "label-" + id;
    c.api_key_id = "APIKEY-" + id;
    c.key_fingerprint = "fp-" + id;
    c.key_type = "hmac";
    c.created_at = clock_.Now();
    crypto::SecretBytes value = crypto::SecretBytes::CopyFrom(secret);
    const SecretInput fields[] = {{"secret", &value}};
    auto sealed = vault_->Seal(CredentialContext::Of(c), fields);
    EXPECT_TRUE(sealed) << sealed.error();
    sealed->ApplyTo(c);
    EXPECT_TRUE(store_->InsertConnection(c));
    return *store_->GetConnection(c.id).value();
  }

  std::string Open(const store::Connection& c) {
    auto s = vault_->OpenField(c, "secret");
    return s ? std::string(s->view()) : "ERROR: " + s.error().ToString();
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  crypto::Csprng random_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<FileRootKey> root_;
  std::unique_ptr<Vault> vault_;
};

}  // namespace amanah::vault
