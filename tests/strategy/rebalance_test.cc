// Rebalancing: back inside the band with the fewest trades above the minimum, sells first, and no
// buy larger than what the free quote and the sells' proceeds pay for (with fees).
#include <gtest/gtest.h>

#include "strategy/rebalance.h"
#include "testing/decimal.h"

namespace amanah::strategy {
namespace {

using base::Decimal;

using amanah::testing::D;

RebalanceSpec Spec(std::map<std::string, std::string> targets, std::string band = "0.05",
                   std::string min = "10") {
  RebalanceSpec s;
  s.quote = "USDT";
  for (auto& [a, w] : targets) s.targets[a] = D(w);
  s.band = D(band);
  s.min_notional = D(min);
  return s;
}

RebalanceInput Holdings(std::map<std::string, std::string> totals) {
  RebalanceInput in;
  for (auto& [a, t] : totals) in.free[a] = in.total[a] = D(t);
  in.markets["BTC"] = AssetMarket{"BTCUSDT", D("50000"), D("0.00001"), D("5")};
  in.markets["ETH"] = AssetMarket{"ETHUSDT", D("2500"), D("0.0001"), D("5")};
  in.markets["SOL"] = AssetMarket{"SOLUSDT", D("100"), D("0.01"), D("5")};
  in.fee_rate = D("0.001");
  return in;
}

TEST(Rebalance, InsideTheBandTradesNothing) {
  // 0.1 BTC = 5000, 2 ETH = 5000: 50/50 exactly.
  auto d = DecideRebalance(Spec({{"BTC", "0.5"}, {"ETH", "0.5"}}),
                           Holdings({{"BTC", "0.1"}, {"ETH", "2"}}));
  ASSERT_TRUE(d) << d.error();
  EXPECT_TRUE(d->inside_band);
  EXPECT_TRUE(d->trades.empty());
  EXPECT_EQ(d->value, D("10000"));
}

TEST(Rebalance, OneDriftedAssetAgainstTheQuoteIsOneTrade) {
  // Targets BTC 0.4, ETH 0.3, USDT 0.3 of 10000. BTC grew to 6000 (60 %); ETH 3000 on target;
  // USDT 1000 (10 %). One sell of 2000 of BTC brings both back; ETH is not touched.
  auto d = DecideRebalance(Spec({{"BTC", "0.4"}, {"ETH", "0.3"}, {"USDT", "0.3"}}),
                           Holdings({{"BTC", "0.12"}, {"ETH", "1.2"}, {"USDT", "1000"}}));
  ASSERT_TRUE(d) << d.error();
  EXPECT_FALSE(d->inside_band);
  ASSERT_EQ(d->trades.size(), 1u);
  EXPECT_EQ(d->trades[0].symbol, "BTCUSDT");
  EXPECT_EQ(d->trades[0].side, exchange::Side::kSell);
  EXPECT_EQ(*d->trades[0].quantity, D("0.04"));
}

TEST(Rebalance, SellsComeFirstAndBuysSpendOnlyWhatIsThere) {
  // 100 % in SOL (10000), targets 50 BTC / 50 SOL, no USDT: sell 5000 of SOL, buy BTC with what
  // the sell brings less its fee and a 1 % margin, less the buy's own fee.
  RebalanceInput in = Holdings({{"SOL", "100"}});
  auto d = DecideRebalance(Spec({{"BTC", "0.5"}, {"SOL", "0.5"}}), in);
  ASSERT_TRUE(d) << d.error();
  ASSERT_EQ(d->trades.size(), 2u);
  EXPECT_EQ(d->trades[0].side, exchange::Side::kSell);
  EXPECT_EQ(d->trades[0].symbol, "SOLUSDT");
  EXPECT_EQ(*d->trades[0].quantity, D("50"));
  EXPECT_EQ(d->trades[1].side, exchange::Side::kBuy);
  ASSERT_TRUE(d->trades[1].quote_amount);
  // cash = 5000 · 0.999 · 0.99 = 4945.05; the buy with its fee must fit: q · 1.001 ≤ 4945.05.
  const Decimal spend = *d->trades[1].quote_amount;
  EXPECT_LE(spend.Mul(D("1.001"), base::Rounding::kHalfEven).value(), D("4945.05"));
  EXPECT_GT(spend, D("4900"));
}

TEST(Rebalance, TradesBelowTheMinimumAreNotMade) {
  // 2 % over on a 300 portfolio with a band of 1 %: 6 USDT of drift, below the minimum of 10.
  auto d = DecideRebalance(Spec({{"ETH", "0.5"}, {"USDT", "0.5"}}, "0.01", "10"),
                           Holdings({{"ETH", "0.0624"}, {"USDT", "144"}}));
  ASSERT_TRUE(d) << d.error();
  EXPECT_FALSE(d->inside_band);
  EXPECT_TRUE(d->trades.empty());
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].find("below the minimum"), std::string::npos);
}

TEST(Rebalance, SellsOnlyWhatIsFree) {
  RebalanceInput in = Holdings({{"BTC", "0.2"}, {"USDT", "0"}});
  in.free["BTC"] = D("0.01");  // the rest is locked in an open order
  auto d = DecideRebalance(Spec({{"BTC", "0.5"}, {"USDT", "0.5"}}), in);
  ASSERT_TRUE(d) << d.error();
  ASSERT_EQ(d->trades.size(), 1u);
  EXPECT_EQ(*d->trades[0].quantity, D("0.01"));
}

TEST(Rebalance, AnAssetWithoutAMarketIsAnError) {
  RebalanceInput in = Holdings({{"BTC", "1"}});
  auto d = DecideRebalance(Spec({{"BTC", "0.5"}, {"XYZ", "0.5"}}), in);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code(), base::ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace amanah::strategy
