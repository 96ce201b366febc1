#include "vault/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <thread>
#include <unordered_set>

#include "testing/files.h"
#include "vault/envelope.h"
#include "vault/file_root_key.h"
#include "vault_fixture.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;

TEST_F(VaultFixture, SealThenOpenGivesTheSecretBack) {
  auto c = Connect("c1", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
  EXPECT_EQ(Open(c), "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
  EXPECT_EQ(c.kek_version, 1u);
}

TEST_F(VaultFixture, ReopeningWithTheSameKeyFileReadsOldRecords) {
  auto c = Connect("c1", "secret-one");
  OpenAll(VaultOptions{});
  EXPECT_EQ(Open(c), "secret-one");
}

TEST_F(VaultFixture, EverySingleBitFlipOfTheSealedSecretIsRejected) {
  auto c = Connect("c1", "secret-for-bit-flips");
  const store::Blob original = c.sealed[0].sealed;
  for (size_t bit = 0; bit < original.size() * 8; ++bit) {
    c.sealed[0].sealed = original;
    c.sealed[0].sealed[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    auto r = vault_->OpenField(c, "secret");
    ASSERT_FALSE(r) << "bit " << bit;
    ASSERT_EQ(r.error().code(), ErrorCode::kDataLoss) << "bit " << bit;
  }
}

TEST_F(VaultFixture, EverySingleBitFlipOfTheWrappedDataKeyIsRejected) {
  auto c = Connect("c1", "secret-for-dek-flips");
  const store::Blob original = c.wrapped_dek;
  for (size_t bit = 0; bit < original.size() * 8; ++bit) {
    c.wrapped_dek = original;
    c.wrapped_dek[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    auto r = vault_->OpenField(c, "secret");
    ASSERT_FALSE(r) << "bit " << bit;  // format, version, nonce, ciphertext or tag
  }
}

TEST_F(VaultFixture, SwappingSealedSecretsBetweenRecordsIsRejected) {
  auto a = Connect("a", "secret-a");
  auto b = Connect("b", "secret-b");
  std::swap(a.sealed, b.sealed);
  EXPECT_EQ(vault_->OpenField(a, "secret").error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(vault_->OpenField(b, "secret").error().code(), ErrorCode::kDataLoss);
}

TEST_F(VaultFixture, SwappingDataKeysBetweenRecordsIsRejected) {
  auto a = Connect("a", "secret-a");
  auto b = Connect("b", "secret-b");
  std::swap(a.wrapped_dek, b.wrapped_dek);
  EXPECT_EQ(vault_->OpenField(a, "secret").error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(vault_->OpenField(b, "secret").error().code(), ErrorCode::kDataLoss);
}

TEST_F(VaultFixture, MovingBothBlobsTogetherToAnotherRecordIsRejected) {
  auto a = Connect("a", "secret-a");
  auto b = Connect("b", "secret-b", "t2");
  b.wrapped_dek = a.wrapped_dek;
  b.sealed = a.sealed;
  EXPECT_FALSE(vault_->OpenField(b, "secret"));
}

TEST_F(VaultFixture, EachBoundPartOfTheContextMatters) {
  auto c = Connect("c1", "bound-secret");
  auto other_exchange = c;
  other_exchange.exchange = "bybit";
  EXPECT_FALSE(vault_->OpenField(other_exchange, "secret"));
  auto other_key = c;
  other_key.api_key_id = "APIKEY-other";
  EXPECT_FALSE(vault_->OpenField(other_key, "secret"));
  auto other_field = c;
  other_field.sealed[0].field = "passphrase";
  EXPECT_FALSE(vault_->OpenField(other_field, "passphrase"));
  auto other_tenant = c;
  other_tenant.tenant = store::TenantId("t2");
  EXPECT_FALSE(vault_->OpenField(other_tenant, "secret"));
  EXPECT_EQ(Open(c), "bound-secret");
}

TEST_F(VaultFixture, AWrongMasterKeyIsRefusedClearly) {
  Connect("c1", "secret");
  vault_.reset();
  const std::string key_file = env_.data_dir() + "/master.key";
  ASSERT_EQ(::unlink(key_file.c_str()), 0);
  FileRootKey other(key_file);
  ASSERT_TRUE(other.Create(random_));  // a different key at the same path
  auto v = Vault::Open(store(), other, random_, clock());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(v.error().message().find("does not open this vault's keyring"), std::string::npos);
}

TEST_F(VaultFixture, RotationWhileReadsRunLosesNothing) {
  constexpr int kRecords = 120;
  std::vector<store::ConnectionId> ids;
  for (int i = 0; i < kRecords; ++i) {
    ids.push_back(Connect("c" + std::to_string(i), "secret-" + std::to_string(i)).id);
  }
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, failures{0};
  std::thread reader([&] {
    while (!stop) {
      for (int i = 0; i < kRecords; ++i) {
        auto row = store().Read([&](store::UnitOfWork& u) { return u.connections().Get(ids[i]); });
        if (!row || !*row) {
          ++failures;
          continue;
        }
        auto s = vault_->OpenField(**row, "secret");
        if (!s || s->view() != "secret-" + std::to_string(i)) ++failures;
        ++reads;
      }
    }
  });
  for (int round = 0; round < 3; ++round) {
    auto r = vault_->RotateMasterKey();
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->new_version, static_cast<uint32_t>(round + 2));
    EXPECT_EQ(r->rewrapped, static_cast<size_t>(kRecords) + 1);  // and the state key
  }
  stop = true;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto counts = Counts();
  ASSERT_EQ(counts.size(), 5u);
  EXPECT_EQ(counts[4], static_cast<uint64_t>(kRecords) + 1);
  EXPECT_EQ(counts[1] + counts[2] + counts[3], 0u);
}

TEST_F(VaultFixture, RaisedMinimumDecryptionVersionRefusesOldRecords) {
  auto old_record = Connect("old", "old-secret");
  ASSERT_TRUE(vault_->AddKeyVersion());  // version 2; "old" still under version 1
  auto new_record = Connect("new", "new-secret");
  EXPECT_EQ(new_record.kek_version, 2u);
  auto refused = vault_->SetMinDecryptionVersion(2, /*force=*/false);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("2 stored secret(s)"),
            std::string::npos);  // + state key
  // A forced retirement destroys exactly what was confirmed, or nothing.
  auto miscounted = vault_->SetMinDecryptionVersion(2, /*force=*/true, 1);
  ASSERT_FALSE(miscounted);
  EXPECT_EQ(miscounted.error().code(), ErrorCode::kAborted);
  EXPECT_EQ(Open(old_record), "old-secret");
  auto doomed = vault_->SecretsBelow(2);
  ASSERT_TRUE(doomed);
  ASSERT_EQ(doomed->size(), 2u);
  ASSERT_TRUE(vault_->SetMinDecryptionVersion(2, /*force=*/true, doomed->size()));
  auto r = vault_->OpenField(old_record, "secret");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("retired master key version 1"), std::string::npos);
  EXPECT_EQ(Open(new_record), "new-secret");
  // The setting is durable (the state key went with version 1: the vault is refused whole).
  vault_.reset();
  EXPECT_FALSE(Vault::Open(store(), env_.env().root_key(), random_, clock()));
}

TEST_F(VaultFixture, RotateThenRetireKeepsEveryRecordReadable) {
  auto a = Connect("a", "secret-a");
  ASSERT_TRUE(vault_->RotateMasterKey());
  ASSERT_TRUE(vault_->SetMinDecryptionVersion(2, /*force=*/false));
  EXPECT_EQ(Open(Row(a.id)), "secret-a");
}

TEST_F(VaultFixture, EncryptionLimitIsEnforcedAndDurable) {
  // SetUp made the vault with the default options: its state key reserved a block of 1024.
  OpenAll(VaultOptions{.encryption_limit = 1029, .reserve_block = 2});
  for (int i = 0; i < 5; ++i) Connect("c" + std::to_string(i), "s");
  crypto::SecretBytes v = crypto::SecretBytes::CopyFrom("s");
  const SecretInput fields[] = {{"secret", &v}};
  CredentialContext ctx{store::TenantId("t1"), store::ConnectionId("c5"), "binance", "K"};
  auto r = vault_->Seal(ctx, fields);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("encryption limit"), std::string::npos);
  OpenAll(VaultOptions{.encryption_limit = 1029, .reserve_block = 2});
  EXPECT_FALSE(vault_->Seal(ctx, fields));
  // Rotation gives a fresh version with a fresh count.
  OpenAll(VaultOptions{.encryption_limit = 1000, .reserve_block = 2});
  ASSERT_TRUE(vault_->RotateMasterKey());
  EXPECT_TRUE(vault_->Seal(ctx, fields));
}

TEST_F(VaultFixture, ShredMakesTheSecretUnrecoverable) {
  auto c = Connect("c1", "to-be-shredded");
  ASSERT_TRUE(store().Write([&](store::UnitOfWork& u) { return vault_->Shred(u, c); }));
  auto row = Row(c.id);
  EXPECT_EQ(row.status, store::ConnectionStatus::kRevoked);
  auto r = vault_->OpenField(row, "secret");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("revoked"), std::string::npos);
  // Even with the old blobs (say, from a backup), nothing opens once the data key row is gone
  // and a rotation has retired the version that wrapped it.
  store::Connection backup = Row(c.id);
  backup.wrapped_dek = c.wrapped_dek;
  backup.kek_version = c.kek_version;
  ASSERT_TRUE(vault_->RotateMasterKey());
  ASSERT_TRUE(vault_->SetMinDecryptionVersion(2, false));
  EXPECT_FALSE(vault_->OpenField(backup, "secret"));
}

TEST_F(VaultFixture, StatusReportsVersionsCountsAndProvider) {
  Connect("a", "x");
  Connect("b", "y");
  ASSERT_TRUE(vault_->AddKeyVersion());
  auto s = vault_->Status();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->root_provider, "file");
  EXPECT_EQ(s->current_version, 2u);
  EXPECT_EQ(s->min_decryption_version, 1u);
  ASSERT_EQ(s->versions.size(), 2u);
  EXPECT_EQ(s->versions[0].data_keys, 3u);  // two connections and the state key
  EXPECT_GE(s->versions[0].encryptions, 3u);
  EXPECT_EQ(s->versions[1].data_keys, 0u);
}

TEST(EnvelopeTest, AMillionSealsUnderOneKeyRepeatNoNonce) {
  crypto::Csprng random;
  const crypto::SecretBytes kek = crypto::RandomSecret(32);
  const crypto::Bytes dek(32, 0x5a);
  std::unordered_set<std::string> nonces;
  nonces.reserve(1'000'000);
  for (int i = 0; i < 1'000'000; ++i) {
    auto blob = SealBlob(kek.bytes(), random, DekHeader(1), kDekPurpose, {"t1", "c1"}, dek);
    ASSERT_TRUE(blob);
    nonces.emplace(reinterpret_cast<const char*>(blob->data() + 5), 12);  // after 0x02 ‖ version
  }
  EXPECT_EQ(nonces.size(), 1'000'000u);
}

TEST_F(VaultFixture, VaultSealsDrawFreshNoncesAndDataKeys) {
  std::unordered_set<std::string> nonces, wrapped;
  CredentialContext ctx{store::TenantId("t1"), store::ConnectionId("n"), "binance", "K"};
  for (int i = 0; i < 2000; ++i) {
    auto r = vault_->Seal(ctx, {});
    ASSERT_TRUE(r);
    nonces.emplace(reinterpret_cast<const char*>(r->wrapped_dek.data() + 5), 12);
    wrapped.emplace(r->wrapped_dek.begin(), r->wrapped_dek.end());
  }
  EXPECT_EQ(nonces.size(), 2000u);
  EXPECT_EQ(wrapped.size(), 2000u);
}

TEST_F(VaultFixture, SystemSecretsAreSealedAndRewrappedOnRotation) {
  auto key = crypto::SecretBytes::CopyFrom("node signing key bytes");
  ASSERT_TRUE(vault_->StoreSystemSecret("journal-node-key", "public-part", key));
  EXPECT_EQ(vault_->StoreSystemSecret("journal-node-key", "x", key).error().code(),
            ErrorCode::kAlreadyExists);
  Connect("c1", "a connection too");
  auto r = vault_->RotateMasterKey();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->rewrapped, 3u);  // the connection, the system secret and the state key
  ASSERT_TRUE(vault_->SetMinDecryptionVersion(2, false));
  auto opened = vault_->OpenSystemSecret("journal-node-key");
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_EQ(opened->view(), "node signing key bytes");
  auto row = *store().Read(
      [](store::UnitOfWork& u) { return u.keyring().GetSystemSecret("journal-node-key"); });
  EXPECT_EQ(row->public_info, "public-part");
  EXPECT_EQ(vault_->OpenSystemSecret("nope").error().code(), ErrorCode::kNotFound);
}

TEST_F(VaultFixture, AConnectionWhoseStateWasEditedOpensNoSecret) {
  auto c = Connect("c1", "guarded");
  EXPECT_EQ(Open(c), "guarded");
  auto edited = c;
  edited.status = store::ConnectionStatus::kSuspended;  // as `UPDATE connections SET status…`
  auto r = vault_->OpenField(edited, "secret");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kDataLoss);
  EXPECT_NE(r.error().message().find("failed its integrity check"), std::string::npos);
  auto unsigned_row = c;
  unsigned_row.state_mac.clear();
  EXPECT_NE(vault_->OpenField(unsigned_row, "secret").error().message().find("has no state MAC"),
            std::string::npos);
}

TEST_F(VaultFixture, ADeletedStateKeyIsNotQuietlyReplaced) {
  Connect("c1", "guarded");
  vault_.reset();
  testing::RunSql(env_.db_path(), "DELETE FROM system_secrets WHERE name = 'state-mac-key'");
  auto v = Vault::Open(store(), env_.env().root_key(), random_, clock());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code(), ErrorCode::kDataLoss);
  EXPECT_NE(v.error().message().find("state key is missing"), std::string::npos);
}

TEST_F(VaultFixture, RotationWhileConnectsRunLeavesNoDataKeyBehind) {
  // Ten connects at once, each sealing and storing as the key service does, while the master key
  // is rotated: a seal made under the old version but stored after the rotation is caught inside
  // its storing transaction and sealed again.
  std::atomic<int> next{0};
  std::vector<std::thread> connects;
  for (int t = 0; t < 10; ++t) {
    connects.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) Connect("c" + std::to_string(t) + "-" + std::to_string(i), "s");
      ++next;
    });
  }
  uint32_t last = 0;
  while (next.load() < 10) {
    auto r = vault_->RotateMasterKey();
    ASSERT_TRUE(r) << r.error();
    last = r->new_version;
  }
  for (auto& t : connects) t.join();
  auto s = *vault_->Status();
  EXPECT_EQ(s.current_version, last);
  for (const auto& v : s.versions) {
    EXPECT_EQ(v.data_keys, v.version == s.current_version ? 151u : 0u) << "version " << v.version;
  }
  EXPECT_TRUE(vault_->SecretsBelow(s.current_version)->empty());
}

TEST(EnvelopeTest, AadFieldsAreLengthPrefixedSoBoundariesCannotShift) {
  const crypto::Bytes h{1};
  EXPECT_NE(BuildAad("p", h, {"ab", "c"}), BuildAad("p", h, {"a", "bc"}));
  EXPECT_NE(BuildAad("p", h, {"", "x"}), BuildAad("p", h, {"x", ""}));
}

}  // namespace
}  // namespace amanah::vault
