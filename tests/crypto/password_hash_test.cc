// Password hashes: our PHC strings verify with the reference libargon2 (argon2id_verify) and its
// encoded strings verify with ours — the format is the one every library reads; a wrong password
// is false, a malformed or hostile string is an error naming the fault (never "verified", never a
// crash or a huge allocation); NeedsRehash sees weaker parameters.
#include "crypto/password_hash.h"

#include <argon2.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/random.h"

namespace amanah::crypto {
namespace {

// Small parameters: the format is under test here, not the cost (argon2id_test has RFC 9106).
constexpr Argon2idParams kFast{1, 64, 1};

TEST(PasswordHash, OurStringsAreTheReferenceLibrarysAndBack) {
  base::SeededRandom random(7);
  auto ours = HashPassword("correct horse", kFast, random);
  ASSERT_TRUE(ours) << ours.error();
  EXPECT_EQ(ours->rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << *ours;
  EXPECT_EQ(argon2id_verify(ours->c_str(), "correct horse", 13), ARGON2_OK);
  EXPECT_NE(argon2id_verify(ours->c_str(), "correct horsf", 13), ARGON2_OK);

  const uint8_t salt[] = "0123456789abcdef";
  char encoded[256];
  ASSERT_EQ(argon2id_hash_encoded(2, 128, 1, "s3cret", 6, salt, 16, 32, encoded, sizeof encoded),
            ARGON2_OK);
  EXPECT_EQ(VerifyPassword("s3cret", encoded), true);
  EXPECT_EQ(VerifyPassword("s3creT", encoded), false);
  EXPECT_EQ(NeedsRehash(encoded, kFast), true);
  EXPECT_EQ(NeedsRehash(*ours, kFast), false);
}

TEST(PasswordHash, SaltsDifferAndWrongPasswordsFail) {
  base::SeededRandom random(1);
  auto a = HashPassword("pw", kFast, random);
  auto b = HashPassword("pw", kFast, random);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(VerifyPassword("pw", *a), true);
  EXPECT_EQ(VerifyPassword("pw", *b), true);
  EXPECT_EQ(VerifyPassword("", *a), false);
}

TEST(PasswordHash, MalformedOrHostileStringsAreErrorsNotVerified) {
  base::SeededRandom random(3);
  const std::string good = HashPassword("pw", kFast, random).value();
  const std::string tail = good.substr(good.find("$", 28));  // "$salt$tag"
  for (const std::string& bad : std::vector<std::string>{
           std::string(""),
           std::string("plain-text-password"),
           "$argon2i$v=19$m=64,t=1,p=1" + tail,            // another algorithm
           "$argon2id$v=16$m=64,t=1,p=1" + tail,           // another version
           "$argon2id$v=19$t=1,m=64,p=1" + tail,           // parameters out of order
           "$argon2id$v=19$m=64,t=1" + tail,               // one missing
           "$argon2id$v=19$m=99999999999,t=1,p=1" + tail,  // memory beyond any sane bound
           "$argon2id$v=19$m=64,t=1000,p=1" + tail,        // iterations beyond the bound
           "$argon2id$v=19$m=64,t=1,p=1$!!$AAAA",          // salt not base64
           "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$",          // short salt, no tag
           good + "$extra",
       }) {
    auto r = VerifyPassword("pw", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code(), base::ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(r.error().message().find("password hash"), std::string::npos) << r.error();
  }
}

}  // namespace
}  // namespace amanah::crypto
