// RFC 8032 §7.1 tests 1–3, then round trips with keys generated at test time.
#include "crypto/ed25519.h"

#include <gtest/gtest.h>

#include "testing/param_name.h"

#include "crypto/encoding.h"

namespace amanah::crypto {
namespace {

struct Rfc8032Case {
  const char* name;
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};

class Rfc8032Test : public ::testing::TestWithParam<Rfc8032Case> {};

Bytes HexBytes(std::string_view s) { return *HexDecode(s); }

TEST_P(Rfc8032Test, SignsAndVerifies) {
  const auto& c = GetParam();
  auto key = Ed25519PrivateKey::FromSeed(HexBytes(c.secret));
  ASSERT_TRUE(key);
  EXPECT_EQ(HexEncode(key->PublicKey().Raw()), c.public_key);
  EXPECT_EQ(HexEncode(key->Sign(HexBytes(c.message))), c.signature);
  auto pub = Ed25519PublicKey::FromRaw(HexBytes(c.public_key));
  ASSERT_TRUE(pub);
  EXPECT_TRUE(pub->Verify(HexBytes(c.message), HexBytes(c.signature)));
  Bytes bad = HexBytes(c.signature);
  bad[10] ^= 1;
  EXPECT_FALSE(pub->Verify(HexBytes(c.message), bad));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc8032, Rfc8032Test,
    ::testing::Values(
        Rfc8032Case{"Test1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33b"
                    "acc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        Rfc8032Case{"Test2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e1599"
                    "6e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        Rfc8032Case{"Test3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f2"
                    "90ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"}),
    amanah::testing::ParamName());

TEST(Ed25519Test, GeneratedKeyRoundTripsThroughPkcs8Pem) {
  auto key = Ed25519PrivateKey::Generate();
  SecretBytes pem = key.ToPem();
  EXPECT_NE(pem.view().find("-----BEGIN PRIVATE KEY-----"), std::string_view::npos);
  auto reloaded = Ed25519PrivateKey::FromPem(pem.view());
  ASSERT_TRUE(reloaded);
  const std::string query = "symbol=BTCUSDT&side=SELL&type=LIMIT&timestamp=1668481559918";
  Bytes sig = reloaded->Sign(AsBytes(query));
  ASSERT_EQ(sig.size(), 64u);
  auto pub = Ed25519PublicKey::FromPem(key.PublicKey().ToPem());
  ASSERT_TRUE(pub);
  EXPECT_TRUE(pub->Verify(AsBytes(query), sig));
  EXPECT_FALSE(pub->Verify(AsBytes(query + "&x=1"), sig));
}

TEST(Ed25519Test, RefusesMalformedAndForeignKeys) {
  EXPECT_FALSE(Ed25519PrivateKey::FromPem("not a pem"));
  EXPECT_FALSE(Ed25519PrivateKey::FromSeed(Bytes(31)));
  EXPECT_FALSE(Ed25519PublicKey::FromRaw(Bytes(33)));
  // The sample public key from Binance's faqs/api_key_types.md parses.
  EXPECT_TRUE(Ed25519PublicKey::FromPem(
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAgmDRTtj2FA+wzJUIlAL9ly1eovjLBu7uXUFR+jFULmg=\n"
      "-----END PUBLIC KEY-----\n"));
}

}  // namespace
}  // namespace amanah::crypto
