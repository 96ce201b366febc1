#include "base/random.h"

#include <gtest/gtest.h>

#include <algorithm>
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
  // 13 bytes are the first 13 of the 16 the same seed gives: every byte is filled, in order.
  SeededRandom a(7), b(7);
  uint8_t x[13], y[16];
  std::memset(x, 0xEE, sizeof x);
  std::memset(y, 0x11, sizeof y);
  a.Fill(x);
  b.Fill(y);
  EXPECT_EQ(0, std::memcmp(x, y, sizeof x));
  // Not left as it was, and not zero: at most a few of 13 random bytes match a fixed value.
  EXPECT_LT(std::count(std::begin(x), std::end(x), 0xEE), 3);
  EXPECT_LT(std::count(std::begin(x), std::end(x), 0x00), 3);
  // A one-byte fill changes its byte too.
  uint8_t one = 0xEE, other = 0xEE;
  SeededRandom c(7), d(8);
  c.Fill({&one, 1});
  d.Fill({&other, 1});
  EXPECT_EQ(one, y[0]);
  EXPECT_NE(one, other);
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
