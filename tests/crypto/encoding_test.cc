// Encodings: RFC 4648 §10 test vectors for base64 and hex, base64url, RFC 3986 percent-encoding.
#include "crypto/encoding.h"

#include <gtest/gtest.h>

namespace amanah::crypto {
namespace {

struct Rfc4648Case {
  const char* plain;
  const char* base64;
  const char* hex;
};

class Rfc4648Test : public ::testing::TestWithParam<Rfc4648Case> {};

TEST_P(Rfc4648Test, EncodesAndDecodes) {
  const auto& c = GetParam();
  EXPECT_EQ(Base64Encode(AsBytes(c.plain)), c.base64);
  EXPECT_EQ(AsText(*Base64Decode(c.base64)), c.plain);
  EXPECT_EQ(HexEncode(AsBytes(c.plain)), c.hex);
  EXPECT_EQ(AsText(*HexDecode(c.hex)), c.plain);
}

INSTANTIATE_TEST_SUITE_P(Rfc4648, Rfc4648Test,
                         ::testing::Values(Rfc4648Case{"", "", ""}, Rfc4648Case{"f", "Zg==", "66"},
                                           Rfc4648Case{"fo", "Zm8=", "666f"},
                                           Rfc4648Case{"foo", "Zm9v", "666f6f"},
                                           Rfc4648Case{"foob", "Zm9vYg==", "666f6f62"},
                                           Rfc4648Case{"fooba", "Zm9vYmE=", "666f6f6261"},
                                           Rfc4648Case{"foobar", "Zm9vYmFy", "666f6f626172"}));

TEST(Base64Test, RejectsMalformedInput) {
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zm9v!mFy", "Zg==Zg==", "Zm9 v", "=Zg="}) {
    EXPECT_FALSE(Base64Decode(bad)) << bad;
  }
}

TEST(Base64Test, DecodesIntoSecretBytes) {
  auto s = Base64DecodeSecret("Zm9vYmE=");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->view(), "fooba");
}

TEST(Base64UrlTest, UsesTheUrlAlphabetWithoutPadding) {
  const Bytes b = {0xfb, 0xff, 0xbf, 0x00};
  EXPECT_EQ(Base64Encode(b), "+/+/AA==");
  EXPECT_EQ(Base64UrlEncode(b), "-_-_AA");
  EXPECT_EQ(*Base64UrlDecode("-_-_AA"), b);
  EXPECT_FALSE(Base64UrlDecode("-_-_AA=="));
  EXPECT_FALSE(Base64UrlDecode("+/+/AA"));
}

TEST(HexTest, AcceptsUpperCaseAndRejectsJunk) {
  EXPECT_EQ(*HexDecode("DEADbeef"), (Bytes{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_FALSE(HexDecode("abc"));
  auto r = HexDecode("zz");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "invalid hex digit at position 0");
}

TEST(PercentTest, KeepsUnreservedAndEncodesTheRestUpperCase) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b&c=d/e+f"), "a%20b%26c%3Dd%2Fe%2Bf");
  EXPECT_EQ(PercentEncode("é"), "%C3%A9");
  EXPECT_EQ(*PercentDecode("a%20b%26c"), "a b&c");
  EXPECT_FALSE(PercentDecode("a%2"));
  EXPECT_FALSE(PercentDecode("a%zz"));
}

}  // namespace
}  // namespace amanah::crypto
