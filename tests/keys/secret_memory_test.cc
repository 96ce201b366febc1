// Secrets only in protected memory: after a connect and while a live adapter holds its signer,
// this process's memory — what a core image of it would show — holds the HMAC secret, the
// Ed25519 seed, an OKX key's secret and passphrase (which travels in a header of every request) and
// a Kraken private key (as given in Base64, and decoded as the HMAC is keyed)
// only inside locked, dump-excluded pages (SecretBytes and OpenSSL's secure heap),
// never in the ordinary heap or stack, not even in freed memory. The paper exchange runs as a
// separate process here, so that the other end's copies are not in this one.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cli/key_file.h"
#include "crypto/encoding.h"
#include "crypto/secure_heap.h"
#include "testing/memory_scan.h"
#include "testing/paper_process.h"
#include "testing/test_environment.h"
#include "transport/run_blocking.h"

namespace amanah::keys {
namespace {

class SecretMemory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(crypto::InitSecureHeap()); }

  void SetUp() override {
    paper_ = std::make_unique<testing::PaperProcess>(dir_);
    url_ = paper_->url();
    ASSERT_FALSE(url_.empty()) << paper_->Errors();
  }

  // Every copy of `secret` in this process must be in a dump-excluded (and, where the pool could
  // lock it, locked) mapping.
  void ExpectOnlyInProtectedMemory(std::span<const uint8_t> secret, const std::string& what) {
    auto hits = testing::FindInMemory(secret);
    EXPECT_FALSE(hits.empty()) << what << ": the search found not even the test's own copy";
    for (const auto& h : hits) {
      EXPECT_TRUE(h.region.dont_dump)
          << what << " at 0x" << std::hex << h.address << " in " << h.region.perms << " "
          << h.region.name << " (not excluded from core dumps)";
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PaperProcess> paper_;
  std::string url_;
};

TEST_F(SecretMemory, ALiveConnectionsSecretsAreOnlyInLockedDumpExcludedPages) {
  testing::TestEnvironment env(true, {{"AMANAH_EGRESS_IPS", "127.0.0.1"}});
  auto& keys = env.keys();
  std::vector<std::unique_ptr<exchange::SpotExchange>> live;
  std::vector<std::pair<crypto::SecretBytes, std::string>> canaries;
  for (const char* name : {"trader-hmac", "trader-ed25519", "okx-trader", "kraken-trader"}) {
    const bool okx = std::string_view(name).starts_with("okx");
    const bool kraken = std::string_view(name).starts_with("kraken");
    auto file = cli::ReadKeyFile(paper_->KeyFile(name), std::nullopt);
    ASSERT_TRUE(file) << file.error();
    if (okx) {
      ASSERT_TRUE(file->key.passphrase);
      canaries.emplace_back(crypto::SecretBytes::CopyFrom(file->key.passphrase->bytes()),
                            "the OKX passphrase");
    }
    if (kraken) {
      // Kraken's private key as given (Base64) and as the HMAC is keyed (decoded).
      auto raw = crypto::Base64DecodeSecret(file->key.secret.view());
      ASSERT_TRUE(raw);
      canaries.emplace_back(crypto::SecretBytes::CopyFrom(raw->bytes()),
                            "the decoded Kraken private key");
    }
    if (file->key.key_type == "hmac") {
      canaries.emplace_back(crypto::SecretBytes::CopyFrom(file->key.secret.bytes()),
                            "the HMAC secret");
    } else {
      // The seed: the last 32 bytes of the PKCS#8 DER inside the PEM (decoded into locked memory).
      std::string_view pem = file->key.secret.view();
      const size_t a = pem.find('\n') + 1, b = pem.find("-----END");
      crypto::SecretBytes body(b - a);
      size_t n = 0;
      for (char c : pem.substr(a, b - a)) {
        if (c != '\n') body.mutable_bytes()[n++] = static_cast<uint8_t>(c);
      }
      body.Truncate(n);
      auto der = crypto::Base64DecodeSecret(body.view());
      ASSERT_TRUE(der);
      canaries.emplace_back(crypto::SecretBytes::CopyFrom(der->bytes().last(32)),
                            "the Ed25519 seed");
    }
    KeyInput input{okx      ? "okx"
                   : kraken ? "kraken"
                            : "binance",
                   name, std::move(file->key),
                   okx      ? paper_->okx_url()
                   : kraken ? paper_->kraken_url()
                            : url_};
    ConnectOutcome outcome = transport::RunBlocking(
        env.env().io(), keys.Connect(store::TenantId("default"), std::move(input)));
    ASSERT_EQ(outcome.kind, ConnectOutcome::Kind::kAccepted)
        << (outcome.failure ? outcome.failure->explanation : "");
    // A live adapter: its signer holds the key (OpenSSL's copy) while we look.
    auto row = *env.store().Read([&](store::UnitOfWork& u) {
      return u.connections().FindByLabel(store::TenantId("default"), name);
    });
    auto adapter = keys.OpenAdapter(*row);
    ASSERT_TRUE(adapter) << adapter.error();
    auto balances = transport::RunBlocking(env.env().io(), (*adapter)->Balances());
    ASSERT_TRUE(balances) << balances.error();
    live.push_back(std::move(*adapter));
  }
  ASSERT_TRUE(crypto::SecureHeapActive());
  for (const auto& [secret, what] : canaries) ExpectOnlyInProtectedMemory(secret.bytes(), what);
}

}  // namespace
}  // namespace amanah::keys
