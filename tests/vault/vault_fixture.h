// A vault over the store of a test environment (fresh directory, fake clock, real CSPRNG), created
// with the options a test chooses; helpers to connect a credential as the key service does.
#pragma once

#include <gtest/gtest.h>

#include "testing/test_environment.h"
#include "vault/vault.h"

namespace amanah::vault {

class VaultFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store().Write([&](store::UnitOfWork& u) -> base::Result<void> {
      AMANAH_TRY(u.tenants().Create({store::TenantId("t1"), "one", clock().Now()}));
      return u.tenants().Create({store::TenantId("t2"), "two", clock().Now()});
    }));
    OpenAll(VaultOptions{});
  }

  void OpenAll(VaultOptions options) {
    vault_.reset();
    auto v = Vault::Open(store(), env_.env().root_key(), random_, clock(), options);
    if (!v) v = Vault::Create(store(), env_.env().root_key(), random_, clock(), options);
    ASSERT_TRUE(v) << v.error();
    vault_ = std::move(*v);
  }

  store::Store& store() { return env_.store(); }
  testing::FakeClock& clock() { return env_.clock(); }

  /// Seals `secret` for a new connection and stores it as the key service does; returns the row.
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
    c.created_at = clock().Now();
    crypto::SecretBytes value = crypto::SecretBytes::CopyFrom(secret);
    for (;;) {
      auto sealed = vault_->SealCredential(CredentialContext::Of(c), "hmac", value, nullptr);
      EXPECT_TRUE(sealed) << sealed.error();
      sealed->ApplyTo(c);
      vault_->SealState(c);
      auto stored = store().Write([&](store::UnitOfWork& u) -> base::Result<void> {
        AMANAH_TRY(vault_->CheckCurrent(u, c.kek_version));
        return u.connections().Insert(c);
      });
      if (stored) break;
      EXPECT_EQ(stored.error().code(), base::ErrorCode::kAborted) << stored.error();
      if (stored.error().code() != base::ErrorCode::kAborted) break;
    }
    return Row(c.id);
  }

  store::Connection Row(const store::ConnectionId& id) {
    auto row = store().Read([&](store::UnitOfWork& u) { return u.connections().Get(id); });
    EXPECT_TRUE(row && *row);
    return **row;
  }

  std::vector<uint64_t> Counts() {
    return *store().Read([](store::UnitOfWork& u) { return u.keyring().CountDeksByVersion(); });
  }

  std::string Open(const store::Connection& c) {
    auto s = vault_->OpenField(c, "secret");
    return s ? std::string(s->view()) : "ERROR: " + s.error().ToString();
  }

  testing::TestEnvironment env_{/*create_vault=*/false};
  crypto::Csprng random_;
  std::unique_ptr<Vault> vault_;
};

}  // namespace amanah::vault
