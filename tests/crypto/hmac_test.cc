// RFC 4231: every HMAC-SHA-256 and HMAC-SHA-512 test case, through both the one-shot functions and
// the keyed HmacSigner.
#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include "testing/param_name.h"

#include "crypto/encoding.h"

namespace amanah::crypto {
namespace {

struct Rfc4231Case {
  const char* name;
  std::string key;
  std::string data;
  const char* sha256;  // hex; case 5 is truncated to 128 bits
  const char* sha512;
};

std::string Repeat(char c, size_t n) { return std::string(n, c); }
std::string Bytes1To25() {
  std::string s;
  for (int i = 1; i <= 25; ++i) s.push_back(static_cast<char>(i));
  return s;
}

const Rfc4231Case kCases[] = {
    {"Case1", Repeat('\x0b', 20), "Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f"
     "4"
     "e4be9d914eeb61f1702e696c203a126854"},
    {"Case2", "Jefe", "what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0"
     "e6fdcaeab1a34d4a6b4b636e070a38bce737"},
    {"Case3", Repeat('\xaa', 20), Repeat('\xdd', 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67"
     "c807b946a337bee8942674278859e13292fb"},
    {"Case4", Bytes1To25(), Repeat('\xcd', 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc578"
     "8063a5f19741120c4f2de2adebeb10a298dd"},
    {"Case5Truncated", Repeat('\x0c', 20), "Test With Truncation",
     "a3b6167473100ee06e0c796c2955552b", "415fad6271580a531d4179bc891d87a6"},
    {"Case6", Repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a"
     "1e5295e64f73f63f0aec8b915a985d786598"},
    {"Case7", Repeat('\xaa', 131),
     "This is a test using a larger than block-size key and a larger than block-size data. The key "
     "needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4"
     "de15134676fb6de0446065c97440fa8c6a58"},
};

class Rfc4231Test : public ::testing::TestWithParam<Rfc4231Case> {};

TEST_P(Rfc4231Test, HmacSha256) {
  const auto& c = GetParam();
  const std::string expected = c.sha256;
  std::string got = HexEncode(HmacSha256(AsBytes(c.key), AsBytes(c.data)));
  EXPECT_EQ(got.substr(0, expected.size()), expected);
  auto signer = HmacSigner::Create(HashAlgorithm::kSha256, AsBytes(c.key));
  ASSERT_TRUE(signer);
  EXPECT_EQ(HexEncode(signer->Sign(AsBytes(c.data))).substr(0, expected.size()), expected);
}

TEST_P(Rfc4231Test, HmacSha512) {
  const auto& c = GetParam();
  const std::string expected = c.sha512;
  std::string got = HexEncode(HmacSha512(AsBytes(c.key), AsBytes(c.data)));
  EXPECT_EQ(got.substr(0, expected.size()), expected);
  auto signer = HmacSigner::Create(HashAlgorithm::kSha512, AsBytes(c.key));
  ASSERT_TRUE(signer);
  EXPECT_EQ(HexEncode(signer->Sign(AsBytes(c.data))).substr(0, expected.size()), expected);
}

INSTANTIATE_TEST_SUITE_P(Rfc4231, Rfc4231Test, ::testing::ValuesIn(kCases),
                         amanah::testing::ParamName());

TEST(HmacSignerTest, ReusableAcrossMessages) {
  auto signer = HmacSigner::Create(HashAlgorithm::kSha256, AsBytes("Jefe"));
  ASSERT_TRUE(signer);
  auto a = signer->Sign(AsBytes("what do ya want for nothing?"));
  auto b = signer->Sign(AsBytes("something else"));
  auto c = signer->Sign(AsBytes("what do ya want for nothing?"));
  EXPECT_EQ(a, c);
  EXPECT_NE(a, b);
}

TEST(HmacTest, EmptyKeyIsLegal) {
  // HMAC-SHA256("", "") — a well-known value.
  EXPECT_EQ(HmacSha256Hex({}, {}),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

}  // namespace
}  // namespace amanah::crypto
