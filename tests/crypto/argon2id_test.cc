// Argon2id: RFC 9106 §5.3 (with secret and associated data) and the reference implementation's own
// argon2id test vector.
#include "crypto/argon2id.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"

namespace amanah::crypto {
namespace {

TEST(Argon2idTest, Rfc9106Section5_3) {
  const Bytes password(32, 0x01), salt(16, 0x02), secret(8, 0x03), ad(12, 0x04);
  auto tag = Argon2id(password, salt, {.iterations = 3, .memory_kib = 32, .parallelism = 4}, 32,
                      secret, ad);
  ASSERT_TRUE(tag);
  EXPECT_EQ(HexEncode(tag->bytes()),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
}

TEST(Argon2idTest, ReferenceImplementationVector) {
  auto tag = Argon2id(AsBytes("password"), AsBytes("somesalt"),
                      {.iterations = 2, .memory_kib = 65536, .parallelism = 1}, 32);
  ASSERT_TRUE(tag);
  EXPECT_EQ(HexEncode(tag->bytes()),
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
}

TEST(Argon2idTest, BadParametersAreErrorsNotCrashes) {
  auto r = Argon2id(AsBytes("pw"), AsBytes("short"), {.iterations = 1, .memory_kib = 64}, 32);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("argon2id failed"), std::string::npos);
  EXPECT_FALSE(Argon2id(AsBytes("pw"), AsBytes("saltsalt"), {}, 2));
}

}  // namespace
}  // namespace amanah::crypto
