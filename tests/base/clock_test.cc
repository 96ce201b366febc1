#include "base/clock.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace amanah::base {
namespace {

TEST(FakeClockTest, StartsAtAFixedInstantAndMovesOnlyWhenAdvanced) {
  testing::FakeClock clock;
  EXPECT_EQ(UnixMillis(clock.Now()), 1767225600000);
  const auto m0 = clock.Monotonic();
  clock.Advance(std::chrono::milliseconds(1500));
  EXPECT_EQ(UnixMillis(clock.Now()), 1767225601500);
  EXPECT_EQ(clock.Monotonic() - m0, std::chrono::milliseconds(1500));
}

TEST(RealClockTest, SystemTimeIsAfter2026) {
  RealClock clock;
  EXPECT_GT(UnixMillis(clock.Now()), 1767225600000 - 86400000LL * 365);
}

}  // namespace
}  // namespace amanah::base
