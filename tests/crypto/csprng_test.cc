#include "crypto/csprng.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace amanah::crypto {
namespace {

TEST(CsprngTest, DrawsAreDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    SecretBytes s = RandomSecret(16);
    ASSERT_EQ(s.size(), 16u);
    seen.insert(std::string(s.view()));
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(CsprngTest, IsABaseRandom) {
  Csprng rng;
  base::Random& r = rng;
  EXPECT_LT(r.Uniform(10), 10u);
}

}  // namespace
}  // namespace amanah::crypto
