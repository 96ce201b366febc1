// Canary test (security.md goal 1, for the vault): 50 random canary secrets — and 10 canary
// passphrases, the third secret of an OKX key — go through every vault path — seal and store, open,
// master-key rotation and rewrap, retirement of the old version, crypto-shred — with the CLI
// driving the master key, and a careless log line naming one. Then the database file, its WAL, the
// log and every byte the CLI printed are searched for each canary raw, hex (both cases), base64,
// base64url and percent-encoded: none may appear.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "crypto/csprng.h"
#include "crypto/encoding.h"
#include "environment/environment.h"
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
  // Every fifth connection is an OKX key: its passphrase is sealed with the secret.
  auto phrase_of = [&](int i) -> const std::string& { return canaries_[50 + i / 5]; };
  for (int i = 0; i < 10; ++i) {
    canaries_.push_back("phrs" + crypto::Base64Encode(crypto::RandomSecret(18).bytes()));
  }
  std::vector<store::ConnectionId> ids;
  auto open = [&] {
    environment::EnvironmentOptions o;
    o.data_dir = dir_.path();
    o.log_to_file = false;
    return std::move(*environment::Environment::Open(std::move(o)));
  };
  {
    auto env = open();
    store::Store* store = &env->store();
    vault::Vault* vault = *env->vault();
    ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) {
      return u.tenants().Create({store::TenantId("t1"), "tenant", clock.Now()});
    }));
    for (int i = 0; i < 50; ++i) {
      store::Connection c;
      c.id = store::ConnectionId("conn-" + std::to_string(i));
      c.tenant = store::TenantId("t1");
      c.exchange = i % 5 == 0 ? "okx" : "binance";
      c.label = "key" + std::to_string(i);
      c.api_key_id = "PUBLICKEY" + std::to_string(i);
      c.key_fingerprint = "fp" + std::to_string(i);
      c.key_type = "hmac";
      c.created_at = clock.Now();
      auto secret = crypto::SecretBytes::CopyFrom(canaries_[i]);
      auto phrase = crypto::SecretBytes::CopyFrom(phrase_of(i));
      auto sealed = vault->SealCredential(vault::CredentialContext::Of(c), "hmac", secret,
                                          i % 5 == 0 ? &phrase : nullptr);
      ASSERT_TRUE(sealed);
      sealed->ApplyTo(c);
      vault->SealState(c);
      ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) { return u.connections().Insert(c); }));
      ids.push_back(c.id);
    }
    auto row_of = [&](const store::ConnectionId& id) {
      return **store->Read([&](store::UnitOfWork& u) { return u.connections().Get(id); });
    };
    for (int i = 0; i < 50; ++i) {
      auto row = row_of(ids[i]);
      auto plain = vault->OpenField(row, "secret");
      ASSERT_TRUE(plain);
      ASSERT_EQ(plain->view(), canaries_[i]);
      if (i % 5 == 0) {
        auto phrase = vault->OpenField(row, "passphrase");
        ASSERT_TRUE(phrase) << phrase.error();
        ASSERT_EQ(phrase->view(), phrase_of(i));
      }
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
  // 50 connections, the journal's node key and the vault's state key.
  EXPECT_NE(printed_.find("52 stored secret(s) rewrapped"), std::string::npos);

  {
    auto env = open();
    store::Store* store = &env->store();
    vault::Vault* vault = *env->vault();
    auto row_of = [&](const store::ConnectionId& id) {
      return **store->Read([&](store::UnitOfWork& u) { return u.connections().Get(id); });
    };
    for (int i = 0; i < 50; ++i) {
      auto row = row_of(ids[i]);
      EXPECT_EQ(row.kek_version, 2u);
      auto plain = vault->OpenField(row, "secret");
      ASSERT_TRUE(plain) << plain.error();
      ASSERT_EQ(plain->view(), canaries_[i]);
      if (i % 5 == 0) {
        auto phrase = vault->OpenField(row, "passphrase");
        ASSERT_TRUE(phrase) << phrase.error();
        ASSERT_EQ(phrase->view(), phrase_of(i));
      }
    }
    for (int i = 0; i < 50; i += 2) {
      auto row = row_of(ids[i]);
      ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) { return vault->Shred(u, row); }));
    }
    ExpectNoCanaryAnywhere("after rotation and shredding, with the database open");
  }
  ASSERT_EQ(Cli({"vault", "status"}).code, 0);
  ExpectNoCanaryAnywhere("at the end, database closed");
}

}  // namespace
}  // namespace amanah::cli
