// Canary test (security.md goal 1, for the vault): 50 random canary secrets go through every vault
// path — seal and store, open, master-key rotation and rewrap, retirement of the old version,
// crypto-shred — with the CLI driving the master key, and a careless log line naming one. Then
// the database file, its WAL, the log and every byte the CLI printed are searched for each canary
// raw, hex (both cases), base64, base64url and percent-encoded: none may appear.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "crypto/csprng.h"
#include "crypto/encoding.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/files.h"
#include "testing/temp_dir.h"
#include "vault/file_root_key.h"
#include "vault/vault.h"

namespace amanah::cli {
namespace {

std::vector<std::string> Forms(const std::string& canary) {
  std::string upper_hex = crypto::HexEncode(crypto::AsBytes(canary));
  std::transform(upper_hex.begin(), upper_hex.end(), upper_hex.begin(), ::toupper);
  return {canary,
          crypto::HexEncode(crypto::AsBytes(canary)),
          upper_hex,
          crypto::Base64Encode(crypto::AsBytes(canary)),
          crypto::Base64UrlEncode(crypto::AsBytes(canary)),
          crypto::PercentEncode(canary)};
}

class CanaryTest : public ::testing::Test {
 protected:
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    Ran r = RunCli(std::move(args));
    printed_ += r.out + r.err;
    return r;
  }

  // Every place a secret must never reach.
  void ExpectNoCanaryAnywhere(const std::string& when) {
    std::vector<std::pair<std::string, std::string>> haystacks = {
        {"database", testing::ReadFile(dir_.File("amanah.db"))},
        {"WAL", testing::ReadFile(dir_.File("amanah.db-wal"))},
        {"log", testing::ReadFile(dir_.File("amanah.log"))},
        {"CLI output", printed_}};
    ASSERT_FALSE(haystacks[0].second.empty());
    ASSERT_FALSE(haystacks[2].second.empty());
    for (const auto& canary : canaries_) {
      for (const auto& form : Forms(canary)) {
        for (const auto& [name, text] : haystacks) {
          ASSERT_EQ(text.find(form), std::string::npos)
              << when << ": a canary form appears in the " << name;
        }
      }
    }
  }

  testing::TempDir dir_;
  std::string printed_;
  std::vector<std::string> canaries_;
};

TEST_F(CanaryTest, FiftySecretsThroughEveryVaultPathLeaveNoTrace) {
  ASSERT_EQ(Cli({"vault", "init"}).code, 0);
  crypto::Csprng random;
  base::RealClock clock;
  for (int i = 0; i < 50; ++i) {
    // Random bytes as base64: '+' and '/' make the percent-encoded form differ from the raw one.
    canaries_.push_back("cnry" + crypto::Base64Encode(crypto::RandomSecret(30).bytes()));
  }
  std::vector<store::ConnectionId> ids;
  {
    auto store = *store::sqlite::SqliteStore::Open(dir_.File("amanah.db"));
    vault::FileRootKey root(dir_.File("master.key"));
    auto vault = *vault::Vault::Open(*store, root, random, clock);
    ASSERT_TRUE(store->CreateTenant({store::TenantId("t1"), "tenant", clock.Now()}));
    for (int i = 0; i < 50; ++i) {
      store::Connection c;
      c.id = store::ConnectionId("conn-" + std::to_string(i));
      c.tenant = store::TenantId("t1");
      c.exchange = "binance";
      c.label = "key" + std::to_string(i);
      c.api_key_id = "PUBLICKEY" + std::to_string(i);
      c.key_fingerprint = "fp" + std::to_string(i);
      c.key_type = "hmac";
      c.created_at = clock.Now();
      auto secret = crypto::SecretBytes::CopyFrom(canaries_[i]);
      const vault::SecretInput fields[] = {{"secret", &secret}};
      auto sealed = vault->Seal(vault::CredentialContext::Of(c), fields);
      ASSERT_TRUE(sealed);
      sealed->ApplyTo(c);
      ASSERT_TRUE(store->InsertConnection(c));
      ids.push_back(c.id);
    }
    for (int i = 0; i < 50; ++i) {
      auto row = *store->GetConnection(ids[i]).value();
      auto plain = vault->OpenField(row, "secret");
      ASSERT_TRUE(plain);
      ASSERT_EQ(plain->view(), canaries_[i]);
    }
    // A careless log line; the redacting sink must catch it.
    spdlog::info("connected key {} with secret={}", ids[0].value(), canaries_[0]);
    spdlog::default_logger()->flush();
    ExpectNoCanaryAnywhere("after sealing, with the database open");
  }

  ASSERT_EQ(Cli({"vault", "rotate-master-key"}).code, 0);
  ASSERT_EQ(Cli({"vault", "set-min-decryption-version", "2"}).code, 0);
  ASSERT_EQ(Cli({"vault", "status"}).code, 0);
  ASSERT_EQ(Cli({"vault", "status", "--json"}).code, 0);
  // 50 connections and the journal's node key.
  EXPECT_NE(printed_.find("51 stored secret(s) rewrapped"), std::string::npos);

  {
    auto store = *store::sqlite::SqliteStore::Open(dir_.File("amanah.db"));
    vault::FileRootKey root(dir_.File("master.key"));
    auto vault = *vault::Vault::Open(*store, root, random, clock);
    for (int i = 0; i < 50; ++i) {
      auto row = *store->GetConnection(ids[i]).value();
      EXPECT_EQ(row.kek_version, 2u);
      auto plain = vault->OpenField(row, "secret");
      ASSERT_TRUE(plain) << plain.error();
      ASSERT_EQ(plain->view(), canaries_[i]);
    }
    for (int i = 0; i < 50; i += 2) ASSERT_TRUE(vault->Shred(ids[i]));
    ExpectNoCanaryAnywhere("after rotation and shredding, with the database open");
  }
  ASSERT_EQ(Cli({"vault", "status"}).code, 0);
  ExpectNoCanaryAnywhere("at the end, database closed");
}

}  // namespace
}  // namespace amanah::cli
