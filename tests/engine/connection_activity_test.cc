// ConnectionActivity: the counts the Limits check needs stay exact while only the rows changed
// since the last look are read — another writer's change of state is seen, a rejected order stops
// counting, the minute and the UTC day roll over — and the store's change numbers follow commit
// order.
#include "engine/connection_activity.h"

#include <gtest/gtest.h>

#include "testing/test_environment.h"

namespace amanah::engine {
namespace {

using base::Decimal;
using std::chrono::hours;
using std::chrono::minutes;

Decimal D(std::string_view s) { return Decimal::Parse(s).value(); }

class Activity : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.clock().Advance(hours(12));  // midday: the minute and the day do not overlap
    connection_.id = store::ConnectionId("c1");
    connection_.tenant = store::TenantId("t1");
    connection_.exchange = "binance";
    connection_.label = "main";
    connection_.api_key_id = "KEY1";
    connection_.key_fingerprint = "fp";
    connection_.key_type = "hmac";
    connection_.created_at = env_.clock().Now();
    connection_.kek_version = 1;
    connection_.wrapped_dek = {1};
    ASSERT_TRUE(Write([&](store::UnitOfWork& u) -> base::Result<void> {
      AMANAH_TRY(u.tenants().Create({connection_.tenant, "one", env_.clock().Now()}));
      return u.connections().Insert(connection_);
    }));
  }
  template <class F>
  base::Result<void> Write(F f) {
    return env_.store().Write(f);
  }
  // Another writer: the row goes straight into the store.
  void Put(std::string id, std::string state, base::SystemTime at, bool update = false) {
    store::OrderRow o;
    o.id = std::move(id);
    o.id.resize(32, '0');
    o.tenant = connection_.tenant;
    o.connection = connection_.id;
    o.exchange = "binance";
    o.symbol = "BTCUSDT";
    o.side = "buy";
    o.type = "limit";
    o.time_in_force = "gtc";
    o.quantity = D("0.001");
    o.limit_price = D("60000");
    o.source = "manual";
    o.state = std::move(state);
    o.created_at = o.updated_at = at;
    o.state_mac = {1};
    ASSERT_TRUE(Write([&](store::UnitOfWork& u) {
      return update ? u.orders().Update(o) : u.orders().Insert(o);
    }));
  }
  policy::OrderFacts Fill() {
    policy::OrderFacts f;
    f.intent.symbol = "BTCUSDT";
    auto filled = activity_.Fill(env_.store(), connection_, env_.clock().Now(), f);
    EXPECT_TRUE(filled) << filled.error();
    return f;
  }

  testing::TestEnvironment env_;
  store::Connection connection_;
  ConnectionActivity activity_;
};

TEST_F(Activity, CountsTheMinuteAndTheDayFromOnlyWhatChanged) {
  const base::SystemTime now = env_.clock().Now();
  Put("a", "pending", now);
  Put("b", "filled", now);
  Put("c", "rejected", now);
  Put("d", "filled", now - hours(13));  // yesterday
  policy::OrderFacts f = Fill();
  EXPECT_EQ(f.orders_last_minute, 2);
  EXPECT_EQ(f.notional_today, D("120"));
  EXPECT_EQ(f.open_orders_on_symbol, 1);

  // Another writer rejects "a": it no longer counts, and "e" arrives.
  Put("a", "rejected", now, /*update=*/true);
  Put("e", "placed", now);
  f = Fill();
  EXPECT_EQ(f.orders_last_minute, 2);  // b, e
  EXPECT_EQ(f.notional_today, D("120"));
  EXPECT_EQ(f.open_orders_on_symbol, 1);  // e

  env_.clock().Advance(minutes(2));
  f = Fill();
  EXPECT_EQ(f.orders_last_minute, 0);
  EXPECT_EQ(f.notional_today, D("120"));

  env_.clock().Advance(hours(12));  // the next UTC day
  Put("f", "filled", env_.clock().Now());
  f = Fill();
  EXPECT_EQ(f.orders_last_minute, 1);
  EXPECT_EQ(f.notional_today, D("60"));
  EXPECT_EQ(f.open_orders_on_symbol, 1);  // e is still open, whatever its day
}

TEST_F(Activity, ChangeNumbersFollowCommitOrder) {
  const base::SystemTime now = env_.clock().Now();
  Put("a", "pending", now);
  Put("b", "pending", now);
  Put("a", "placed", now, /*update=*/true);
  std::vector<store::OrderRow> rows;
  ASSERT_TRUE(env_.store().Read([&](store::UnitOfWork& u) -> base::Result<void> {
    store::OrderQuery q;
    q.connection = connection_.id;
    AMANAH_ASSIGN_OR_RETURN(rows, u.orders().List(connection_.tenant, q));
    return {};
  }));
  ASSERT_EQ(rows.size(), 2u);
  int64_t a = 0, b = 0;
  for (const auto& r : rows) (r.id[0] == 'a' ? a : b) = r.change_seq;
  EXPECT_GT(a, b);  // a's update committed after b's insert
  std::vector<store::OrderRow> after;
  ASSERT_TRUE(env_.store().Read([&](store::UnitOfWork& u) -> base::Result<void> {
    store::OrderQuery q;
    q.connection = connection_.id;
    q.changed_after = b;
    AMANAH_ASSIGN_OR_RETURN(after, u.orders().List(connection_.tenant, q));
    return {};
  }));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id[0], 'a');
}

}  // namespace
}  // namespace amanah::engine
