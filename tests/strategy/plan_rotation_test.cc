// Rotation under a running plan: an hourly DCA plan keeps its every run while the connection's
// key is replaced, and the old key — deleted on the exchange the moment the switch is made — is
// never used again (a request signed with it would fail the run).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan_fixture.h"

namespace amanah::strategy {
namespace {

using std::chrono::hours;

TEST_F(PlanFixture, APlanKeepsEveryRunWhileItsKeyIsRotatedAndTheOldKeyIsNeverUsedAgain) {
  CreatedPlan plan = Create(R"({"name": "btc-hourly", "kind": "dca", "connection": "main",
      "period": "hourly", "dca": {"pair": "BTCUSDT", "quote_amount": "25"}})");
  PlanScheduler scheduler = Scheduler();
  size_t runs = 0;
  for (int hour = 0; hour < 5; ++hour) {
    env_.clock().Advance(hours(1));
    runs += Tick(scheduler);
  }
  const auto& next = paper_.key("next");
  keys::RotateOutcome rotated = Run(env_.keys().Rotate(
      Tenant(), "main",
      exchange::KeyMaterial{next.api_key, "hmac", crypto::SecretBytes::CopyFrom(next.secret),
                            std::nullopt}));
  ASSERT_EQ(rotated.kind, keys::RotateOutcome::Kind::kRotated)
      << (rotated.failure ? rotated.failure->explanation : "");
  {
    auto lock = paper_.exchange().Lock();
    ASSERT_TRUE(paper_.exchange().DeleteKey(paper_.key("main").api_key));
  }
  for (int hour = 0; hour < 5; ++hour) {
    env_.clock().Advance(hours(1));
    runs += Tick(scheduler);
  }
  EXPECT_EQ(runs, 10u);
  auto history = plans().History(Tenant(), "btc-hourly", 100);
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 10u);
  for (const auto& r : *history) EXPECT_EQ(r.state, "done") << r.note;
  const auto orders = OrdersOf(plan.view.plan.id);
  ASSERT_EQ(orders.size(), 10u);
  for (const auto& o : orders) EXPECT_EQ(o.state, "filled") << o.reason;
  // The journal tells the whole sequence: five runs, the rotation, five runs.
  std::vector<std::string> sequence;
  for (const auto& k : env_.JournalKinds()) {
    if (k == "plan.run" || k.starts_with("key.rot")) sequence.push_back(k);
  }
  std::vector<std::string> expected(5, "plan.run");
  expected.push_back("key.rotation_started");
  expected.push_back("key.rotated");
  expected.insert(expected.end(), 5, "plan.run");
  EXPECT_EQ(sequence, expected);
}

}  // namespace
}  // namespace amanah::strategy
