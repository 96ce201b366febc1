// Real-time detection of orders we did not place, end to end on loopback: the daemon's
// AccountStreams subscribes each connection to the paper exchange's Binance user data stream
// (WebSocket API, userDataStream.subscribe.signature), and a foreign order — placed as the paper's
// admin API places it, the thief's order — is journaled order.foreign and the connection suspended
// from the stream's event, within 10 s (the figures are printed). When the stream is cut, the
// event is lost and polling reconciliation finds the order within its period; the stream comes
// back and nothing is reported twice. A subscription with a wrong secret or a deleted key is
// refused in Binance's words.
#include <algorithm>
#include <chrono>
#include <iostream>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "daemon/account_streams.h"
#include "engine/reconciler.h"
#include "engine_fixture.h"

namespace amanah::engine {
namespace {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

net::awaitable<void> Sleep(std::chrono::milliseconds d) {
  net::steady_timer timer(co_await net::this_coro::executor, d);
  co_await timer.async_wait(net::use_awaitable);
}

class AccountStreamTest : public EngineFixture {
 protected:
  Reconciler& reconciler() { return *env_.env().reconciler().value(); }

  daemon::AccountStreams::Options FastOptions() {
    daemon::AccountStreams::Options o;
    o.sweep_every = std::chrono::milliseconds(50);
    o.first_retry = std::chrono::milliseconds(50);
    o.max_retry = std::chrono::milliseconds(200);
    return o;
  }

  /// Waits (at most `limit`) until `done` holds; whether it did.
  template <class Done>
  net::awaitable<bool> Until(Done done, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (!done()) {
      if (Clock::now() > deadline) co_return false;
      co_await Sleep(std::chrono::milliseconds(2));
    }
    co_return true;
  }

  static bool Live(const daemon::AccountStreams& s, int64_t opened = 1) {
    auto all = s.Statuses();
    return all.size() == 1 && all[0].live && all[0].opened >= opened;
  }
};

net::awaitable<void> Stop(std::atomic<bool>& stop) {
  stop = true;
  co_await Sleep(std::chrono::milliseconds(300));  // the sweep sees it and closes the streams
}

TEST_F(AccountStreamTest, AForeignOrderIsAlertedFromTheStreamWithinTenSeconds) {
  daemon::AccountStreams streams({env_.env().store(), env_.keys(), reconciler()}, FastOptions());
  std::atomic<bool> stop{false};
  std::vector<double> latencies_ms;
  Run([&]() -> net::awaitable<bool> {
    net::co_spawn(co_await net::this_coro::executor, streams.Run(Sleep, stop), net::detached);
    auto live = [&] { return Live(streams); };
    const bool subscribed = co_await Until(live, std::chrono::seconds(10));
    EXPECT_TRUE(subscribed);
    for (int i = 0; i < 10; ++i) {
      const auto start = Clock::now();
      PlaceForeign("BTCUSDT", paper::Side::kSell, "0.01", "70000",
                   "x-thief-" + std::to_string(1000 + i));
      const size_t want = static_cast<size_t>(i + 1);
      auto alerted = [&] { return Count("order.foreign") >= want; };
      const bool seen = co_await Until(alerted, std::chrono::seconds(10));
      EXPECT_TRUE(seen) << "foreign order " << i << " not alerted within 10 s";
      latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    co_await Stop(stop);
    co_return true;
  }());
  ASSERT_EQ(latencies_ms.size(), 10u);
  // Each reported once, by the stream alone (no polling ran), and the key suspended at the first.
  EXPECT_EQ(Count("order.foreign"), 10u);
  EXPECT_EQ(Count("key.suspended"), 1u);
  std::vector<double> sorted = latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_LT(sorted.back(), 10'000.0);
  std::cout << "foreign order → order.foreign from the stream, n=10: p50 "
            << (sorted[4] + sorted[5]) / 2 << " ms, max " << sorted.back() << " ms\n";
}

TEST_F(AccountStreamTest, WhenTheStreamIsCutPollingFindsTheOrderAndNothingIsReportedTwice) {
  daemon::AccountStreams streams({env_.env().store(), env_.keys(), reconciler()}, FastOptions());
  std::atomic<bool> stop{false};
  Run([&]() -> net::awaitable<bool> {
    net::co_spawn(co_await net::this_coro::executor, streams.Run(Sleep, stop), net::detached);
    auto live = [&] { return Live(streams); };
    const bool subscribed = co_await Until(live, std::chrono::seconds(10));
    EXPECT_TRUE(subscribed);
    // The first polling run: nothing foreign yet, and the watermark starts.
    auto first = co_await reconciler().ReconcileAll(Tenant());
    EXPECT_TRUE(first && first->size() == 1 && (*first)[0].foreign.empty());
    {
      auto lock = paper_.exchange().Lock();
      paper_.exchange().faults().streams_down = true;
    }
    PlaceForeign();  // its event is lost with the stream
    auto down = [&] { return !Live(streams); };
    const bool cut = co_await Until(down, std::chrono::seconds(5));
    EXPECT_TRUE(cut);
    co_await Sleep(std::chrono::milliseconds(500));
    EXPECT_EQ(Count("order.foreign"), 0u) << "the cut stream must not have reported it";
    auto statuses = streams.Statuses();
    EXPECT_FALSE(statuses.empty() || statuses[0].detail.empty());

    // The polling period passes: the scheduler's reconciliation finds it.
    env_.clock().Advance(std::chrono::seconds(30));
    auto polled = co_await reconciler().Tick();
    EXPECT_EQ(polled.size(), 1u);
    EXPECT_EQ(Count("order.foreign"), 1u);

    // The stream comes back; its catch-up reconciliation reports nothing twice.
    {
      auto lock = paper_.exchange().Lock();
      paper_.exchange().faults().streams_down = false;
    }
    auto back = [&] { return Live(streams, 2); };
    const bool again = co_await Until(back, std::chrono::seconds(10));
    EXPECT_TRUE(again);
    co_await Sleep(std::chrono::milliseconds(300));
    EXPECT_EQ(Count("order.foreign"), 1u);
    // And it works again: the next foreign order comes from the stream.
    PlaceForeign("BTCUSDT", paper::Side::kSell, "0.01", "70000", "x-thief-0002");
    auto second = [&] { return Count("order.foreign") == 2; };
    const bool streamed = co_await Until(second, std::chrono::seconds(10));
    EXPECT_TRUE(streamed);
    co_await Stop(stop);
    co_return true;
  }());
}

TEST_F(AccountStreamTest, ASubscriptionIsRefusedInBinancesWords) {
  const auto& k = paper_.key("second");
  std::string wrong = k.secret;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  auto bad = env_.env().registry().Open(
      "binance", paper_.url(),
      exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(wrong), std::nullopt});
  ASSERT_TRUE(bad) << bad.error();
  ASSERT_TRUE(Run((*bad)->SyncTime()));  // our fake clock is not the paper's
  auto refused = Run((*bad)->OpenAccountStream());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().ToString().find("Signature for this request is not valid"),
            std::string::npos)
      << refused.error();

  auto good = env_.env().registry().Open(
      "binance", paper_.url(),
      exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                            std::nullopt});
  ASSERT_TRUE(good);
  ASSERT_TRUE(Run((*good)->SyncTime()));
  // One coroutine: an open WebSocket keeps its io_context busy (its ping timer) until closed.
  Run([&]() -> net::awaitable<bool> {
    auto stream = co_await (*good)->OpenAccountStream();
    EXPECT_TRUE(stream) << stream.error();
    if (!stream) co_return false;
    // The key deleted on the exchange: its stream ends at the account's next change.
    {
      auto lock = paper_.exchange().Lock();
      EXPECT_TRUE(paper_.exchange().DeleteKey(k.api_key));
    }
    PlaceForeign("BTCUSDT", paper::Side::kSell, "0.01", "70000", "x-thief-0003");
    auto ended = co_await (*stream)->Next();
    EXPECT_TRUE(ended && ended->kind == exchange::AccountEvent::Kind::kEnded);
    (*stream)->Close();
    auto deleted = co_await (*good)->OpenAccountStream();
    EXPECT_FALSE(deleted);
    if (!deleted) {
      EXPECT_NE(deleted.error().ToString().find("Invalid API-key, IP, or permissions"),
                std::string::npos)
          << deleted.error();
    }
    co_return true;
  }());
}

}  // namespace
}  // namespace amanah::engine
