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

TEST(RealClockTest, SystemTimeIsAfter2026AndFollowsTheSystemClock) {
  RealClock clock;
  const int64_t ours = UnixMillis(clock.Now());
  EXPECT_GT(ours, 1767225600000);  // 2026-01-01T00:00:00Z
  const int64_t system = UnixMillis(std::chrono::system_clock::now());
  EXPECT_LE(ours, system);
  EXPECT_LT(system - ours, 60'000);
}

TEST(RealClockTest, MonotonicTimeNeverGoesBack) {
  RealClock clock;
  auto last = clock.Monotonic();
  for (int i = 0; i < 1000; ++i) {
    const auto now = clock.Monotonic();
    ASSERT_GE(now, last);
    last = now;
  }
}

}  // namespace
}  // namespace amanah::base
