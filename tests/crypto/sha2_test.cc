// SHA-2: FIPS 180-4 example vectors ("abc", the empty string, the 448-bit message).
#include "crypto/sha2.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"

namespace amanah::crypto {
namespace {

TEST(Sha256Test, FipsVectors) {
  EXPECT_EQ(HexEncode(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(Sha256(AsBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha512Test, FipsVectors) {
  EXPECT_EQ(
      HexEncode(Sha512(AsBytes("abc"))),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c2"
      "3a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Sha256HasherTest, IncrementalEqualsOneShotAndResets) {
  Sha256Hasher h;
  h.Update("ab").Update("c");
  EXPECT_EQ(h.Finish(), Sha256(AsBytes("abc")));
  h.Update("abc");
  EXPECT_EQ(h.Finish(), Sha256(AsBytes("abc")));
}

}  // namespace
}  // namespace amanah::crypto
