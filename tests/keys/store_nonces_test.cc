// StoreNonceSource: the counter survives a restart (a new store on the same file continues above
// the last nonce), two stores on one file (two processes) never hand out the same nonce, and the
// turn is shared through the file: while one holds it, the other waits; each sender's nonces, in
// the order the turns were held, rise strictly — what Kraken requires of requests as they arrive.
#include "keys/store_nonces.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"
#include "transport/run_blocking.h"

namespace amanah::keys {
namespace {

TEST(StoreNonceSource, TheCounterSurvivesARestart) {
  testing::TempDir dir;
  base::RealClock clock;
  base::SeededRandom random(1);
  boost::asio::io_context io;
  int64_t last = 0;
  {
    auto store = store::sqlite::SqliteStore::Open(dir.File("a.db")).value();
    StoreNonceSource source(*store, clock, random);
    auto turn = transport::RunBlocking(io, source.TakeTurn("kraken k"));
    ASSERT_TRUE(turn) << turn.error();
    EXPECT_EQ(turn->Next(100).value(), 100);
    last = turn->Next(100).value();
    EXPECT_EQ(last, 101);
  }
  auto store = store::sqlite::SqliteStore::Open(dir.File("a.db")).value();
  StoreNonceSource source(*store, clock, random);
  auto turn = transport::RunBlocking(io, source.TakeTurn("kraken k"));
  ASSERT_TRUE(turn) << turn.error();
  EXPECT_EQ(turn->Next(50).value(), last + 1);  // the floor is below: the counter wins
}

TEST(StoreNonceSource, TwoStoresOnOneFileShareTheTurnAndTheCounter) {
  testing::TempDir dir;
  base::RealClock clock;
  auto first = store::sqlite::SqliteStore::Open(dir.File("a.db")).value();
  auto second = store::sqlite::SqliteStore::Open(dir.File("a.db")).value();
  base::SeededRandom r1(1), r2(2);
  StoreNonceSource a(*first, clock, r1), b(*second, clock, r2);

  std::mutex mu;
  std::vector<int64_t> sent;  // in the order the turns were held, as an exchange receives them
  int inside = 0, overlaps = 0;
  auto sender = [&](StoreNonceSource& source) {
    boost::asio::io_context io;
    for (int i = 0; i < 40; ++i) {
      auto turn = transport::RunBlocking(io, source.TakeTurn("kraken shared"));
      ASSERT_TRUE(turn) << turn.error();
      {
        std::lock_guard lock(mu);
        if (++inside > 1) ++overlaps;
      }
      auto nonce = turn->Next(1);
      ASSERT_TRUE(nonce) << nonce.error();
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // the request in flight
      std::lock_guard lock(mu);
      sent.push_back(*nonce);
      --inside;
    }
  };
  std::thread t1(sender, std::ref(a)), t2(sender, std::ref(b)), t3(sender, std::ref(a)),
      t4(sender, std::ref(b));
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  EXPECT_EQ(overlaps, 0);
  ASSERT_EQ(sent.size(), 160u);
  EXPECT_TRUE(std::is_sorted(sent.begin(), sent.end()));
  EXPECT_EQ(std::set<int64_t>(sent.begin(), sent.end()).size(), sent.size());
}

TEST(StoreNonceSource, ATurnOfACrashedSenderExpires) {
  testing::TempDir dir;
  base::RealClock clock;
  auto store = store::sqlite::SqliteStore::Open(dir.File("a.db")).value();
  // A sender that took the turn and died: the row says so, nothing will end it.
  ASSERT_TRUE(store->Write([&](store::UnitOfWork& u) {
    const int64_t now = base::UnixMillis(clock.Now());
    return u.nonces().TakeTurn("kraken k", "dead", now, now + 300);
  }));
  base::SeededRandom random(3);
  StoreNonceSource source(*store, clock, random);
  boost::asio::io_context io;
  const auto start = std::chrono::steady_clock::now();
  auto turn = transport::RunBlocking(io, source.TakeTurn("kraken k", std::chrono::seconds(5)));
  ASSERT_TRUE(turn) << turn.error();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(250));
}

}  // namespace
}  // namespace amanah::keys
