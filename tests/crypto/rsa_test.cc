// RSA PKCS#1 v1.5 SHA-256: round trips with a key generated at test time (Binance publishes no
// usable RSA vector; see SUMMARY.md), determinism of the scheme, and refusal of bad inputs.
#include "crypto/rsa.h"

#include <gtest/gtest.h>

#include "crypto/ed25519.h"

namespace amanah::crypto {
namespace {

class RsaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { key_ = new RsaPrivateKey(RsaPrivateKey::Generate(2048)); }
  static void TearDownTestSuite() { delete key_; }
  static RsaPrivateKey* key_;
};
RsaPrivateKey* RsaTest::key_ = nullptr;

TEST_F(RsaTest, APemWhoseLineBreaksWereLostIsStillRead) {
  // Pasted into a one-line field (the dashboard's password input drops line breaks), or with
  // its lines joined by spaces: the same key.
  std::string pem(key_->ToPem().view());
  std::string joined, spaced;
  for (char c : pem) {
    if (c != '\n') joined += c;
    spaced += c == '\n' ? ' ' : c;
  }
  for (const std::string& text : {joined, spaced}) {
    auto reread = RsaPrivateKey::FromPem(text);
    ASSERT_TRUE(reread) << reread.error();
    const Bytes message = {1, 2, 3};
    EXPECT_EQ(reread->SignPkcs1Sha256(message), key_->SignPkcs1Sha256(message));
  }
  // A body that is not base64 is still refused.
  // (The PEM's header and footer lines taken from the key generated for this test.)
  const std::string header = pem.substr(0, pem.find('\n'));
  const std::string footer = pem.substr(pem.rfind("-----END"));
  EXPECT_FALSE(RsaPrivateKey::FromPem(header + "%%%%" + footer));
}

TEST_F(RsaTest, SignVerifyRoundTripThroughPem) {
  auto reloaded = RsaPrivateKey::FromPem(key_->ToPem().view());
  ASSERT_TRUE(reloaded);
  const std::string query = "symbol=BTCUSDT&side=SELL&type=LIMIT&timestamp=1668481559918";
  Bytes sig = reloaded->SignPkcs1Sha256(AsBytes(query));
  EXPECT_EQ(sig.size(), 256u);
  // PKCS#1 v1.5 is deterministic: the same key and message give the same signature.
  EXPECT_EQ(sig, key_->SignPkcs1Sha256(AsBytes(query)));
  auto pub = RsaPublicKey::FromPem(key_->PublicKey().ToPem());
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->bits(), 2048);
  EXPECT_TRUE(pub->VerifyPkcs1Sha256(AsBytes(query), sig));
  sig[100] ^= 0x80;
  EXPECT_FALSE(pub->VerifyPkcs1Sha256(AsBytes(query), sig));
}

TEST_F(RsaTest, RefusesAnEd25519PemAsRsa) {
  auto ed = Ed25519PrivateKey::Generate();
  auto r = RsaPrivateKey::FromPem(ed.ToPem().view());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("another type"), std::string::npos);
}

TEST_F(RsaTest, RefusesGarbage) {
  auto r = RsaPrivateKey::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace amanah::crypto
