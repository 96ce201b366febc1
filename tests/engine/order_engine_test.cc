// The order engine against the paper exchange over real HTTP: what passes the chain is placed and
// recorded with its journal records; what a check refuses never reaches the exchange; the same
// intent twice places one order; a lost answer is settled by the client order id, never resent.
#include <gtest/gtest.h>

#include "engine_fixture.h"
#include "order/lifecycle.h"

namespace amanah::engine {
namespace {

using exchange::Side;
using Kind = SubmitOutcome::Kind;

bool Has(const std::vector<std::string>& kinds, std::string_view k) {
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

class OrderEngineTest : public EngineFixture {};

TEST_F(OrderEngineTest, ACompliantLimitOrderIsPlacedAndJournaled) {
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(out.kind, Kind::kPlaced) << (out.chain.rejected ? out.chain.rejected->reason : "");
  ASSERT_TRUE(out.order);
  EXPECT_EQ(out.order->state, "placed");
  EXPECT_FALSE(out.order->exchange_order_id.empty());
  EXPECT_EQ(paper_.order_posts(), 1);
  for (const auto& c : out.chain.outcomes) EXPECT_TRUE(c.ran && !c.decision) << c.check;
  auto kinds = Kinds();
  EXPECT_TRUE(Has(kinds, "order.intent"));
  EXPECT_TRUE(Has(kinds, "order.placed"));
  // On the exchange under our client order id.
  auto lock = paper_.exchange().Lock();
  bool found = false;
  for (const auto& [id, o] : paper_.exchange().orders())
    found = found || o.client_order_id == out.order->id;
  EXPECT_TRUE(found);
}

TEST_F(OrderEngineTest, AMarketBuyFillsAndIsRecordedFilled) {
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001"));
  ASSERT_EQ(out.kind, Kind::kPlaced);
  EXPECT_EQ(out.order->state, "filled");
  EXPECT_EQ(out.order->executed_qty, base::Decimal::Parse("0.001").value());
  EXPECT_TRUE(out.order->cumulative_quote.IsPositive());
  EXPECT_TRUE(Has(Kinds(), "order.filled"));
}

TEST_F(OrderEngineTest, QuantityAndPriceAreRoundedTowardTheSafeSide) {
  SubmitOutcome buy = Submit(Intent("BTCUSDT", Side::kBuy, "0.0012349", "60000.019"));
  ASSERT_EQ(buy.kind, Kind::kPlaced);
  EXPECT_EQ(*buy.order->quantity, base::Decimal::Parse("0.00123").value());      // down to the lot
  EXPECT_EQ(*buy.order->limit_price, base::Decimal::Parse("60000.01").value());  // a buy: down
  SubmitOutcome sell = Submit(Intent("BTCUSDT", Side::kSell, "0.0012349", "70000.011"));
  ASSERT_EQ(sell.kind, Kind::kPlaced);
  EXPECT_EQ(*sell.order->limit_price, base::Decimal::Parse("70000.02").value());  // a sell: up
}

TEST_F(OrderEngineTest, TheSameIntentTwicePlacesOneOrder) {
  order::Intent intent = Intent("BTCUSDT", Side::kBuy, "0.001", "60000");
  SubmitOutcome first = Submit(intent);
  SubmitOutcome second = Submit(intent);
  ASSERT_EQ(first.kind, Kind::kPlaced);
  EXPECT_EQ(second.kind, Kind::kExisting);
  EXPECT_EQ(second.order->id, first.order->id);
  EXPECT_EQ(paper_.order_posts(), 1);
}

TEST_F(OrderEngineTest, ADryRunChecksAndShowsTheRequestButSendsNothing) {
  order::Intent intent = Intent("BTCUSDT", Side::kBuy, "0.001", "60000");
  SubmitOutcome out = Submit(intent, /*dry_run=*/true);
  ASSERT_EQ(out.kind, Kind::kDryRun);
  ASSERT_TRUE(out.request);
  EXPECT_EQ(out.request->path, "/api/v3/order");
  const std::string sent = out.request->query + out.request->body;
  EXPECT_NE(sent.find("newClientOrderId=" + intent.id), std::string::npos) << sent;
  EXPECT_NE(sent.find("signature="), std::string::npos);
  EXPECT_EQ(paper_.order_posts(), 0);
  EXPECT_TRUE(out.exchange_validated);              // the exchange's test endpoint checked it
  EXPECT_FALSE(engine().Get(Tenant(), intent.id));  // nothing stored
}

TEST_F(OrderEngineTest, TheFillsOfOneOrderAreItsTrades) {
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.002"));
  ASSERT_EQ(out.kind, Kind::kPlaced);
  ASSERT_EQ(out.order->state, "filled");
  auto trades = Run(engine().Trades(Tenant(), out.order->id));
  ASSERT_TRUE(trades) << trades.error();
  ASSERT_FALSE(trades->empty());
  base::Decimal qty;
  for (const auto& t : *trades) {
    EXPECT_EQ(t.order_id, out.order->exchange_order_id);
    qty = qty.Add(t.qty).value();
  }
  EXPECT_EQ(qty, base::Decimal::Parse("0.002").value());
}

TEST_F(OrderEngineTest, ALostAnswerIsSettledByTheClientOrderIdNotResent) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().faults().drop_after_accept = 1;
  }
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  EXPECT_EQ(out.kind, Kind::kPlaced);
  EXPECT_EQ(out.order->state, "placed");
  EXPECT_EQ(paper_.order_posts(), 1);  // settled by a query, never sent again
  auto kinds = Kinds();
  EXPECT_TRUE(Has(kinds, "order.unknown"));
  EXPECT_TRUE(Has(kinds, "order.settled"));
}

TEST_F(OrderEngineTest, AnOrderTheExchangeNeverSawIsRejectedOnlyAfterItsWindow) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().faults().fail_before_accept = 1;
  }
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(out.kind, Kind::kUnknown);
  EXPECT_EQ(out.order->state, "unknown");
  // Inside the acceptance window a request could still be in flight: it stays unknown.
  SettleReport early = Run(engine().SettleAll(/*wait_for_windows=*/false));
  EXPECT_EQ(early.remaining.size(), 1u);
  env_.clock().Advance(std::chrono::seconds(7));
  SettleReport late = Run(engine().SettleAll(/*wait_for_windows=*/false));
  EXPECT_TRUE(late.remaining.empty()) << (late.problems.empty() ? "" : late.problems[0]);
  auto row = engine().Get(Tenant(), out.order->id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, "rejected");
  EXPECT_EQ(paper_.order_posts(), 1);
}

TEST_F(OrderEngineTest, AnOpenOrderIsCancelled) {
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(out.kind, Kind::kPlaced);
  auto cancelled = Run(engine().Cancel(Tenant(), out.order->id));
  ASSERT_TRUE(cancelled) << cancelled.error();
  EXPECT_EQ(cancelled->state, "cancelled");
  EXPECT_TRUE(Has(Kinds(), "order.cancelled"));
  auto again = Run(engine().Cancel(Tenant(), out.order->id));
  EXPECT_FALSE(again);
}

// Each of these is refused by a check before anything is signed: the exchange sees no order.
struct RefusalCase {
  std::string name;
  std::string symbol;
  Side side;
  std::string qty;
  std::optional<std::string> limit;
  std::string check;
  std::string code;
  std::string rule;
};

class RefusedBeforeSigning : public EngineFixture,
                             public ::testing::WithParamInterface<RefusalCase> {};

TEST_P(RefusedBeforeSigning, NothingReachesTheExchange) {
  const RefusalCase& c = GetParam();
  SubmitOutcome out = Submit(Intent(c.symbol, c.side, c.qty, c.limit));
  ASSERT_EQ(out.kind, Kind::kRejected);
  ASSERT_TRUE(out.chain.rejected);
  EXPECT_EQ(out.chain.rejected_by, c.check);
  EXPECT_EQ(out.chain.rejected->code, c.code) << out.chain.rejected->reason;
  EXPECT_EQ(out.chain.rejected->rule, c.rule);
  EXPECT_FALSE(out.chain.rejected->reason.empty());
  EXPECT_EQ(paper_.order_posts(), 0);
  ASSERT_TRUE(out.order);
  EXPECT_EQ(out.order->state, "rejected");
  EXPECT_NE(out.order->reason.find(c.code), std::string::npos);
  EXPECT_TRUE(Has(Kinds(), "order.rejected"));
}

INSTANTIATE_TEST_SUITE_P(
    Checks, RefusedBeforeSigning,
    ::testing::Values(RefusalCase{"LeveragedToken", "BTCUPUSDT", Side::kBuy, "1", "10",
                                  "spot_symbol", "LEVERAGED_TOKEN", "EXE-2"},
                      RefusalCase{"NonCompliantAsset", "AAVEUSDT", Side::kBuy, "0.1", "100",
                                  "screen", "NON_COMPLIANT", "RIBA-2"},
                      RefusalCase{"DoubtfulWithoutOptIn", "DOGEUSDT", Side::kBuy, "100", "0.1",
                                  "screen", "DOUBTFUL", "MAY-2"},
                      RefusalCase{"UnlistedSymbol", "ETHUSDT", Side::kBuy, "1", "100",
                                  "spot_symbol", "UNKNOWN_SYMBOL", "EXE-1"},
                      RefusalCase{"LargerThanTheFreeBalance", "BTCUSDT", Side::kBuy, "1", "60000",
                                  "funds", "INSUFFICIENT_FUNDS", "EXE-3"},
                      RefusalCase{"SellMoreThanHeld", "BTCUSDT", Side::kSell, "0.5", "70000",
                                  "funds", "INSUFFICIENT_HOLDING", "EXE-4"},
                      RefusalCase{"OffFilterQuantity", "BTCUSDT", Side::kBuy, "0.000004", "60000",
                                  "exchange_filters", "QUANTITY_BELOW_MINIMUM", "LOT_SIZE.minQty"},
                      RefusalCase{"BelowMinNotional", "BTCUSDT", Side::kBuy, "0.00005", "60000",
                                  "exchange_filters", "NOTIONAL_BELOW_MINIMUM",
                                  "NOTIONAL.minNotional"},
                      RefusalCase{"IlliquidPair", "XRPUSDT", Side::kBuy, "20", "0.5", "limits",
                                  "ILLIQUID_PAIR", "policy.min_quote_volume_24h"}),
    [](const auto& test) { return test.param.name; });

TEST_F(OrderEngineTest, AnOrderOnASuspendedConnectionIsRefusedBeforeSigning) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("main").api_key)->permissions.withdraw = true;
  }
  auto audit = Run(env_.keys().Audit(Tenant(), "main"));
  EXPECT_TRUE(audit.suspended);
  const int before = paper_.requests();
  SubmitOutcome out = Submit(Intent("BTCUSDT", Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(out.kind, Kind::kRejected);
  EXPECT_EQ(out.chain.rejected_by, "key_standing");
  EXPECT_EQ(out.chain.rejected->code, "KEY_NOT_IN_STANDING");
  EXPECT_EQ(paper_.order_posts(), 0);
  EXPECT_EQ(paper_.requests(), before);  // not even a read for a suspended key
}

class ShadowLimits : public EngineFixture {
 protected:
  ShadowLimits()
      : EngineFixture({{"AMANAH_EGRESS_IPS", "127.0.0.1"}, {"AMANAH_POLICY_SHADOW", "limits"}}) {}
};

TEST_F(ShadowLimits, AShadowCheckCountsAndJournalsButNeverBlocks) {
  SubmitOutcome out = Submit(Intent("XRPUSDT", Side::kBuy, "20", "0.5"));
  EXPECT_EQ(out.kind, Kind::kPlaced);
  auto shadows = out.chain.ShadowRejects();
  ASSERT_EQ(shadows.size(), 1u);
  EXPECT_EQ(shadows[0]->check, "limits");
  EXPECT_EQ(shadows[0]->decision->code, "ILLIQUID_PAIR");
  EXPECT_TRUE(Has(Kinds(), "policy.shadow_reject"));
  for (const auto& [name, counts] : engine().chain().Counts()) {
    if (name == "limits") {
      EXPECT_EQ(counts.shadow_rejected, 1u);
      EXPECT_EQ(counts.rejected, 0u);
    }
  }
  EXPECT_EQ(paper_.order_posts(), 1);
}

}  // namespace
}  // namespace amanah::engine
