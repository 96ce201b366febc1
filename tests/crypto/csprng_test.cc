#include "crypto/csprng.h"

#include <gtest/gtest.h>
#include <algorithm>
#include <array>

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

TEST(CsprngTest, ServesRandomnessThroughTheBaseInterface) {
  Csprng rng;
  base::Random& r = rng;
  std::array<uint8_t, 64> a{}, b{};
  r.Fill(a);
  r.Fill(b);
  EXPECT_NE(a, b);
  EXPECT_LT(std::count(a.begin(), a.end(), 0), 8);  // 64 random bytes are not mostly zero
  std::set<uint64_t> seen;
  for (int i = 0; i < 400; ++i) {
    const uint64_t v = r.Uniform(10);
    ASSERT_LT(v, 10u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 10u);
}

}  // namespace
}  // namespace amanah::crypto
