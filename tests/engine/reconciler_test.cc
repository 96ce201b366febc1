// Reconciliation against the paper exchange: fills of our orders reach our state; an order placed
// with our key but not by Amanah (the paper's foreign order, as a thief holding the key would
// place it) is reported within one period of the fake clock, journaled once, and suspends the
// connection.
#include <gtest/gtest.h>

#include "engine/reconciler.h"
#include "engine_fixture.h"

namespace amanah::engine {
namespace {

using exchange::Side;

class ReconcilerTest : public EngineFixture {
 protected:
  Reconciler& reconciler() { return *env_.env().reconciler().value(); }
};

TEST_F(ReconcilerTest, AForeignOrderIsReportedWithinOnePeriodAndSuspendsTheKey) {
  SubmitOutcome ours = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(ours.kind, SubmitOutcome::Kind::kPlaced);
  // The first tick reconciles every connection: only our own order, nothing foreign.
  auto first = Run(reconciler().Tick());
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(first[0].foreign.empty());
  EXPECT_TRUE(first[0].problems.empty()) << first[0].problems[0];
  EXPECT_GE(first[0].orders_seen, 1u);

  PlaceForeign("BTCUSDT", paper::Side::kSell, "0.01", "70000");
  // Not due yet: nothing is read before the period has passed.
  env_.clock().Advance(std::chrono::seconds(10));
  EXPECT_TRUE(Run(reconciler().Tick()).empty());
  env_.clock().Advance(std::chrono::seconds(20));  // 30 s: the default period
  auto second = Run(reconciler().Tick());
  ASSERT_EQ(second.size(), 1u);
  ASSERT_EQ(second[0].foreign.size(), 1u);
  const ForeignOrder& f = second[0].foreign[0];
  EXPECT_EQ(f.symbol, "BTCUSDT");
  EXPECT_EQ(f.side, "sell");
  EXPECT_EQ(f.quantity, "0.01");
  EXPECT_EQ(f.price, "70000");
  EXPECT_EQ(f.client_order_id, "x-thief-0001");
  EXPECT_GT(f.time_ms, 0);
  EXPECT_TRUE(second[0].suspended);
  EXPECT_EQ(Count("order.foreign"), 1u);
  EXPECT_EQ(Count("key.suspended"), 1u);
  auto standing = env_.keys().StandingOf(Tenant(), "main");
  ASSERT_TRUE(standing);
  EXPECT_FALSE(standing->may_trade);
  // Suspended: the next order is refused before signing.
  SubmitOutcome refused = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  EXPECT_EQ(refused.kind, SubmitOutcome::Kind::kRejected);
  EXPECT_EQ(refused.chain.rejected_by, "key_standing");
  // Reported once: the next run does not report it again.
  env_.clock().Advance(std::chrono::seconds(30));
  auto third = Run(reconciler().Tick());
  ASSERT_EQ(third.size(), 1u);
  EXPECT_TRUE(third[0].foreign.empty());
  EXPECT_EQ(Count("order.foreign"), 1u);
}

TEST_F(ReconcilerTest, AFillOnTheExchangeReachesOurOrder) {
  SubmitOutcome ours = Submit(Intent("BTCUSDT", Side::kSell, "0.001", "65000.01"));
  ASSERT_EQ(ours.kind, SubmitOutcome::Kind::kPlaced);
  ASSERT_EQ(ours.order->state, "placed");
  // Someone buys into our resting sell: here the paper's foreign order, which also makes the
  // account's key suspect.
  PlaceForeign("BTCUSDT", paper::Side::kBuy, "0.001", "65000.01");
  auto r = Run(reconciler().Reconcile(Tenant(), "main"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->updated, 1u);
  auto row = engine().Get(Tenant(), ours.order->id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, "filled");
  EXPECT_EQ(row->executed_qty, base::Decimal::Parse("0.001").value());
  EXPECT_EQ(r->foreign.size(), 1u);
}

// Found by the demo: two keys of one exchange account are two connections; an order placed through
// one is Amanah's own when the other reconciles, not foreign.
TEST_F(ReconcilerTest, AnOrderOfAnotherConnectionToTheSameAccountIsNotForeign) {
  const auto& k = paper_.key("second");
  keys::KeyInput input{"binance", "second",
                       exchange::KeyMaterial{k.api_key, "hmac",
                                             crypto::SecretBytes::CopyFrom(k.secret), std::nullopt},
                       paper_.url()};
  ASSERT_EQ(Run(env_.keys().Connect(Tenant(), std::move(input))).kind,
            keys::ConnectOutcome::Kind::kAccepted);
  SubmitOutcome ours = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(ours.kind, SubmitOutcome::Kind::kPlaced);
  auto r = Run(reconciler().Reconcile(Tenant(), "second"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_GE(r->orders_seen, 1u);
  EXPECT_TRUE(r->foreign.empty());
  EXPECT_FALSE(r->suspended);
  EXPECT_EQ(Count("order.foreign"), 0u);
}

}  // namespace
}  // namespace amanah::engine
