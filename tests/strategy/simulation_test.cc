// Simulation: a plan's runs over a price history — exact figures for a DCA (amounts, lots, fees,
// average cost), its ceiling and budget, a rebalance from given holdings, and the klines CSV.
#include <gtest/gtest.h>

#include "base/utc_time.h"
#include "strategy/simulation.h"
#include "testing/decimal.h"

namespace amanah::strategy {
namespace {

using base::Decimal;

using amanah::testing::D;
base::SystemTime T(std::string_view s) { return base::ParseUtcTime(s).value(); }

Plan DailyDca(std::string amount, std::optional<std::string> ceiling = std::nullopt,
              std::optional<std::string> budget = std::nullopt) {
  Plan p;
  p.name = "dca";
  p.period = ParsePeriod("daily@00:00", "UTC").value();
  DcaSpec s;
  s.symbol = "BTCUSDT";
  s.quote_amount = D(amount);
  if (ceiling) s.price_ceiling = D(*ceiling);
  if (budget) s.total_budget = D(*budget);
  p.spec = s;
  return p;
}

// Daily closes: 100, 200, 100, 50 … (one a day from 2026-01-01, known just before midnight).
SimulationInput Prices(std::vector<std::string> closes) {
  SimulationInput in;
  in.from = T("2026-01-01");
  in.to = T("2026-01-01") + std::chrono::hours(24 * static_cast<int>(closes.size()));
  PriceSeries s;
  for (size_t i = 0; i < closes.size(); ++i) {
    s.push_back(
        {base::UnixMillis(T("2026-01-01")) + static_cast<int64_t>(i) * 86400000 - 1, D(closes[i])});
  }
  in.prices["BTC"] = s;
  in.fee_rate = D("0.001");
  in.step["BTC"] = D("0.001");
  return in;
}

TEST(Simulation, ADcaBuysEachDayAtThatDaysPriceWithTheFeeTakenFromWhatIsBought) {
  auto r = Simulate(DailyDca("100"), Prices({"100", "200", "100", "50"}));
  ASSERT_TRUE(r) << r.error();
  // Runs at 01-01 … 01-05 00:00; the fifth is priced by the last close (50).
  ASSERT_EQ(r->runs, 5);
  ASSERT_EQ(r->trades.size(), 5u);
  // 1 + 0.5 + 1 + 2 + 2 = 6.5 BTC bought (lots of 0.001 exact), less 0.1 % each.
  EXPECT_EQ(r->trades[1].quantity, D("0.5"));
  EXPECT_EQ(r->spent, D("500"));
  EXPECT_EQ(r->holdings.at("BTC"), D("6.4935"));
  EXPECT_EQ(r->fees, D("0.5"));  // 0.1 % of each 100 spent
  // 500 spent for the 6.4935 BTC held after fees: 77.00007700…
  ASSERT_TRUE(r->average_cost);
  EXPECT_EQ(r->average_cost->Rescale(4, base::Rounding::kHalfEven).value(), D("77.0001"));
  EXPECT_EQ(r->final_value, D("324.675"));  // 6.4935 at 50
  ASSERT_EQ(r->curve.size(), 5u);
  EXPECT_EQ(r->curve[4].spent, D("500"));
  EXPECT_EQ(r->curve[4].value, D("324.675"));  // what was bought, at that run's price
}

TEST(Simulation, TheLotRoundsDownAndTheCeilingAndBudgetHold) {
  auto r = Simulate(DailyDca("100", "150", "250"), Prices({"300", "100", "120", "90", "80"}));
  ASSERT_TRUE(r) << r.error();
  // Day 1 at 300 is above the ceiling; then 100, 100, and the last 50 of the budget.
  EXPECT_EQ(r->skipped, 1);
  EXPECT_EQ(r->runs, 3);
  EXPECT_EQ(r->trades[1].quantity, D("0.833"));  // 100 / 120 = 0.8333… → the lot of 0.001
  EXPECT_EQ(r->trades[1].quote, D("99.96"));
  EXPECT_EQ(r->trades[2].quote, D("49.95"));  // 50 / 90 = 0.555… → 0.555 · 90
}

TEST(Simulation, ARebalanceTradesFromTheHoldingsItStartsWith) {
  Plan p;
  p.name = "rb";
  p.period = ParsePeriod("daily@00:00", "UTC").value();
  RebalanceSpec s;
  s.quote = "USDT";
  s.targets = {{"BTC", D("0.5")}, {"USDT", D("0.5")}};
  s.band = D("0.05");
  s.min_notional = D("10");
  p.spec = s;
  SimulationInput in = Prices({"100", "100", "200"});
  in.start = {{"BTC", D("5")}, {"USDT", D("500")}};
  auto r = Simulate(p, in);
  ASSERT_TRUE(r) << r.error();
  // 50/50 until BTC doubles on day 3: 1000 vs 500, then it sells back toward 750 each.
  ASSERT_EQ(r->trades.size(), 1u);
  EXPECT_EQ(r->trades[0].side, exchange::Side::kSell);
  EXPECT_EQ(r->trades[0].quantity, D("1.25"));
  EXPECT_EQ(r->skipped, 3);
}

TEST(Simulation, WebhookPlansAndEmptyRangesAreRefused) {
  Plan hook;
  hook.name = "tv";
  hook.spec = WebhookSpec{};
  EXPECT_FALSE(Simulate(hook, Prices({"1"})));
  SimulationInput in = Prices({"1"});
  in.to = in.from;
  EXPECT_FALSE(Simulate(DailyDca("10"), in));
}

TEST(Simulation, KlinesCsvInBinancesDownloadFormat) {
  auto s = ParseKlinesCsv(
      "open_time,open,high,low,close,volume\n"
      "1767225600000,100,110,90,105.5,12\n"
      "1767229200000000,105.5,106,100,101,3\r\n");
  ASSERT_TRUE(s) << s.error();
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[1].time_ms, 1767229200000);  // microseconds read as milliseconds
  EXPECT_EQ((*s)[0].price, D("105.5"));
  auto bad = ParseKlinesCsv("1767225600000,100,110,90\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseKlinesCsv("2,1,1,1,1\n1,1,1,1,1\n"));  // times must increase
}

}  // namespace
}  // namespace amanah::strategy
