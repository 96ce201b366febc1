#include "base/random.h"

#include <gtest/gtest.h>

#include <cstring>

#include <set>

namespace amanah::base {
namespace {

TEST(SeededRandomTest, SameSeedSameSequence) {
  SeededRandom a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const uint64_t va = a.NextU64();
    EXPECT_EQ(va, b.NextU64());
    EXPECT_NE(va, c.NextU64());
  }
}

TEST(SeededRandomTest, FillsOddLengths) {
  SeededRandom a(7), b(7);
  uint8_t x[13] = {}, y[13] = {};
  a.Fill(x);
  b.Fill(y);
  EXPECT_EQ(0, std::memcmp(x, y, sizeof x));
}

TEST(RandomTest, UniformStaysBelowBoundAndCoversIt) {
  SeededRandom r(1);
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    uint64_t v = r.Uniform(6);
    ASSERT_LT(v, 6u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 6u);
}

TEST(OsRandomTest, TwoDrawsDiffer) {
  OsRandom r;
  uint8_t a[32], b[32];
  r.Fill(a);
  r.Fill(b);
  EXPECT_NE(0, std::memcmp(a, b, sizeof a));
}

TEST(RandomDeathTest, UniformOfZeroIsABug) {
  SeededRandom r(1);
  EXPECT_DEATH(r.Uniform(0), "check failed");
}

}  // namespace
}  // namespace amanah::base
