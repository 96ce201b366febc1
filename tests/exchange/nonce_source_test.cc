// ProcessNonceSource: nonces above every one given and at least the floor; a turn held by one
// sender keeps the others waiting until it ends, and a turn not ended expires by itself.
#include "exchange/nonce_source.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "testing/fake_clock.h"
#include "transport/run_blocking.h"

namespace amanah::exchange {
namespace {

TEST(ProcessNonceSource, NoncesRiseAboveTheFloorAndTheLast) {
  testing::FakeClock clock;
  ProcessNonceSource source(clock);
  boost::asio::io_context io;
  auto turn = transport::RunBlocking(io, source.TakeTurn("kraken k"));
  ASSERT_TRUE(turn);
  EXPECT_EQ(turn->Next(1000).value(), 1000);
  EXPECT_EQ(turn->Next(1000).value(), 1001);  // the same millisecond: one more
  EXPECT_EQ(turn->Next(5000).value(), 5000);
  EXPECT_EQ(turn->Next(10).value(), 5001);  // a clock that went back changes nothing
}

TEST(ProcessNonceSource, KeysAreIndependent) {
  testing::FakeClock clock;
  ProcessNonceSource source(clock);
  boost::asio::io_context io;
  auto a = transport::RunBlocking(io, source.TakeTurn("kraken a"));
  auto b = transport::RunBlocking(io, source.TakeTurn("kraken b"));  // not blocked by a
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->Next(7).value(), 7);
  EXPECT_EQ(b->Next(7).value(), 7);
}

TEST(ProcessNonceSource, ASecondSenderWaitsForTheTurnAndGivesUp) {
  testing::FakeClock clock;
  ProcessNonceSource source(clock);
  boost::asio::io_context io;
  auto held = transport::RunBlocking(io, source.TakeTurn("kraken k"));
  ASSERT_TRUE(held);
  // The fake monotonic clock does not move: give_up 0 gives up after the first look.
  auto waiting =
      transport::RunBlocking(io, source.TakeTurn("kraken k", std::chrono::milliseconds(0)));
  ASSERT_FALSE(waiting);
  EXPECT_EQ(waiting.error().code(), base::ErrorCode::kUnavailable);
  {
    auto moved = std::move(*held);  // ends when it leaves this scope
  }
  auto next = transport::RunBlocking(io, source.TakeTurn("kraken k", std::chrono::milliseconds(0)));
  EXPECT_TRUE(next);
}

TEST(ProcessNonceSource, ATurnNotEndedExpires) {
  testing::FakeClock clock;
  ProcessNonceSource source(clock, std::chrono::seconds(30));
  boost::asio::io_context io;
  auto stuck = transport::RunBlocking(io, source.TakeTurn("kraken k"));
  ASSERT_TRUE(stuck);
  clock.Advance(std::chrono::seconds(31));
  auto next = transport::RunBlocking(io, source.TakeTurn("kraken k", std::chrono::milliseconds(0)));
  EXPECT_TRUE(next);
}

}  // namespace
}  // namespace amanah::exchange
