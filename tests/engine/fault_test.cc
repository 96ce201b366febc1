// Faults from the paper exchange over many orders — a 5xx before the order is accepted, a 5xx
// after, and a connection dropped after — and at the end our state equals the exchange's for
// every order: none lost (every order on the exchange is ours and known), none duplicated (no
// client order id placed twice), every one settled, each in the same state with the same fill.
#include <gtest/gtest.h>

#include <map>

#include "engine_fixture.h"
#include "order/lifecycle.h"

namespace amanah::engine {
namespace {

using exchange::Side;

constexpr int kOrders = 1000;

class FaultTest : public EngineFixture {
 protected:
  FaultTest()
      : EngineFixture({{"AMANAH_EGRESS_IPS", "127.0.0.1"},
                       {"AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", "1000000"},
                       // The paper's limits are raised; our budget check keeps Binance's 6000.
                       {"AMANAH_POLICY_SHADOW", "rate_budget"}}) {
    paper_.RaiseLimits();
    auto lock = paper_.exchange().Lock();
    auto* key = paper_.exchange().FindKey(paper_.key("main").api_key);
    auto* account = paper_.exchange().FindAccount(key->account);
    account->balances["USDT"].free = base::Decimal::FromInt(10'000'000);
  }
};

TEST_F(FaultTest, OurStateEqualsTheExchangesForEveryOrder) {
  int unknown = 0;
  for (int i = 0; i < kOrders; ++i) {
    {
      auto lock = paper_.exchange().Lock();
      auto& f = paper_.exchange().faults();
      f.fail_before_accept = i % 4 == 1 ? 1 : 0;
      f.fail_after_accept = i % 4 == 2 ? 1 : 0;
      f.drop_after_accept = i % 4 == 3 ? 1 : 0;
    }
    // Resting limit buys (fewer than the symbol's 200 open orders), limit buys that cross and
    // fill, and market buys.
    order::Intent intent = i % 8 == 0   ? Intent("BTCUSDT", Side::kBuy, "0.0001", "60000")
                           : i % 2 == 0 ? Intent("BTCUSDT", Side::kBuy, "0.0001", "70000")
                                        : Intent("BTCUSDT", Side::kBuy, "0.0001");
    auto out = Run(engine().Submit(intent));
    ASSERT_TRUE(out) << i << ": " << out.error();
    if (out->kind == SubmitOutcome::Kind::kUnknown) ++unknown;
  }
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().faults() = paper::Faults{};
  }
  SettleReport settled = Run(engine().SettleAll());
  EXPECT_TRUE(settled.remaining.empty());
  EXPECT_GT(unknown, 0);  // the faults did leave outcomes unknown

  auto ours = engine().List(Tenant(), std::nullopt, false, 100000);
  ASSERT_TRUE(ours);
  ASSERT_EQ(ours->size(), static_cast<size_t>(kOrders));
  std::map<std::string, paper::Order> theirs;
  size_t duplicates = 0;
  {
    auto lock = paper_.exchange().Lock();
    for (const auto& [id, o] : paper_.exchange().orders()) {
      if (!theirs.emplace(o.client_order_id, o).second) ++duplicates;
    }
  }
  EXPECT_EQ(duplicates, 0u);
  size_t lost = 0, mismatched = 0, placed = 0;
  std::set<std::string> our_ids;
  for (const auto& row : *ours) {
    our_ids.insert(row.id);
    auto state = order::ParseState(row.state);
    ASSERT_TRUE(state);
    EXPECT_FALSE(order::NeedsSettlement(*state)) << row.id << " " << row.state;
    auto it = theirs.find(row.id);
    if (*state == order::State::kRejected) {
      if (it != theirs.end()) ++mismatched;  // we say never placed, the exchange has it
      continue;
    }
    if (it == theirs.end()) {
      ++mismatched;
      continue;
    }
    ++placed;
    const paper::Order& o = it->second;
    const bool filled = o.status == paper::OrderStatus::kFilled;
    if (filled != (*state == order::State::kFilled)) ++mismatched;
    if (o.status == paper::OrderStatus::kNew && *state != order::State::kPlaced) ++mismatched;
  }
  for (const auto& [client, o] : theirs) {
    if (our_ids.count(client) == 0) ++lost;
  }
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(mismatched, 0u);
  // fail_before_accept orders were never placed; the other three kinds were.
  EXPECT_EQ(placed, static_cast<size_t>(kOrders - kOrders / 4));
  EXPECT_EQ(paper_.order_posts(), kOrders);  // each sent once, never resent
}

}  // namespace
}  // namespace amanah::engine
