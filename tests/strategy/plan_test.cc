// Plans end to end against the paper exchange: a week of hourly DCA, limits rounded by the pair's
// filters, budgets and ceilings, a rebalance, what a restart finds (a run left started, runs missed
// while no daemon ran), a suspended key, a plan changed outside Amanah.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "journal/record.h"
#include "plan_fixture.h"
#include "strategy/plan_mac.h"
#include "strategy/plan_simulator.h"
#include "testing/decimal.h"

namespace amanah::strategy {
namespace {

using base::Decimal;
using std::chrono::hours;
using std::chrono::minutes;

using amanah::testing::D;

constexpr std::string_view kHourlyDca = R"({"name": "btc-hourly", "kind": "dca",
  "connection": "main", "period": "hourly", "dca": {"pair": "BTCUSDT", "quote_amount": "25"}})";

class PlanTest : public PlanFixture {};

TEST_F(PlanTest, AWeekOfHourlyDcaPlacesExactlyOneOrderAnHour) {
  CreatedPlan plan = Create(kHourlyDca);
  ASSERT_TRUE(plan.view.plan.next_run);
  // The fake clock starts at 2026-01-01T00:00:00Z: the first run is at 01:00.
  EXPECT_EQ(base::UnixMillis(*plan.view.plan.next_run),
            testing::FakeClock::kStartMillis + 3600 * 1000);
  PlanScheduler scheduler = Scheduler();
  size_t runs = 0;
  for (int hour = 0; hour < 7 * 24; ++hour) {
    env_.clock().Advance(hours(1));
    runs += Tick(scheduler);
    runs += Tick(scheduler);  // a second look in the same hour makes nothing
  }
  EXPECT_EQ(runs, 168u);
  const auto orders = OrdersOf(plan.view.plan.id);
  ASSERT_EQ(orders.size(), 168u);
  std::set<std::string> ids;
  for (const auto& o : orders) {
    ids.insert(o.id);
    EXPECT_EQ(o.state, "filled") << o.reason;
    EXPECT_EQ(o.source, "plan");
    ASSERT_TRUE(o.quote_amount);
    EXPECT_EQ(*o.quote_amount, D("25"));
    // 25 USDT at 65000.01 is 0.000384615… BTC: the lot of 0.00001 makes it 0.00038.
    EXPECT_EQ(o.executed_qty, D("0.00038")) << o.id;
  }
  EXPECT_EQ(ids.size(), 168u);
  const PlanView after = Find("btc-hourly");
  EXPECT_EQ(after.plan.runs, 168);
  EXPECT_EQ(after.plan.spent, D("4200"));
  auto history = plans().History(Tenant(), "btc-hourly", 1000);
  ASSERT_TRUE(history) << history.error();
  EXPECT_EQ(history->size(), 168u);
  for (const auto& r : *history) EXPECT_EQ(r.state, "done");
  // One slot an hour, each exactly an hour after the one before.
  for (size_t i = 1; i < history->size(); ++i) {
    EXPECT_EQ((*history)[i - 1].slot_ms - (*history)[i].slot_ms, 3600 * 1000);
  }
}

TEST_F(PlanTest, ALimitDcaBuysBelowTheLastPriceRoundedToTheTickAndLot) {
  CreatedPlan plan = Create(R"({"name": "btc-limit", "kind": "dca", "connection": "main",
    "period": "daily@09:00", "dca": {"pair": "BTCUSDT", "quote_amount": "25", "order": "limit",
    "limit_offset_bips": 137}})");
  auto run = Run(runner().Run({Tenant(), plan.view.plan.id, env_.clock().Now(), std::nullopt}));
  ASSERT_TRUE(run) << run.error();
  EXPECT_EQ(run->state, "done");
  const auto orders = OrdersOf(plan.view.plan.id);
  ASSERT_EQ(orders.size(), 1u);
  // The last trade is 65000.00: 1.37 % below is 64109.50; 25 / 64109.50 = 0.00038996… → 0.00038.
  ASSERT_TRUE(orders[0].limit_price);
  EXPECT_EQ(*orders[0].limit_price, D("64109.50"));
  ASSERT_TRUE(orders[0].quantity);
  EXPECT_EQ(*orders[0].quantity, D("0.00038"));
  EXPECT_EQ(orders[0].state, "placed");
}

TEST_F(PlanTest, ACeilingSkipsARunAndABudgetFinishesThePlan) {
  CreatedPlan capped = Create(R"({"name": "capped", "kind": "dca", "connection": "main",
    "period": "hourly", "dca": {"pair": "BTCUSDT", "quote_amount": "25",
    "price_ceiling": "60000"}})");
  CreatedPlan budget = Create(R"({"name": "budget", "kind": "dca", "connection": "main",
    "period": "hourly", "dca": {"pair": "ETHUSDT", "quote_amount": "25", "total_budget": "60"}})");
  PlanScheduler scheduler = Scheduler();
  for (int hour = 0; hour < 5; ++hour) {
    env_.clock().Advance(hours(1));
    Tick(scheduler);
  }
  EXPECT_TRUE(OrdersOf(capped.view.plan.id).empty());
  auto skipped = plans().History(Tenant(), "capped");
  ASSERT_TRUE(skipped) << skipped.error();
  ASSERT_EQ(skipped->size(), 5u);
  EXPECT_EQ((*skipped)[0].state, "skipped");
  EXPECT_NE((*skipped)[0].note.find("above the ceiling of 60000"), std::string::npos);

  // 25 + 25 + the last 10, then finished.
  const auto orders = OrdersOf(budget.view.plan.id);
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(*orders[0].quote_amount, D("10"));
  const PlanView done = Find("budget");
  EXPECT_EQ(done.plan.status, PlanStatus::kFinished);
  EXPECT_EQ(done.plan.spent, D("60"));
  EXPECT_FALSE(done.plan.next_run);
  EXPECT_NE(done.plan.status_reason.find("budget"), std::string::npos);
}

TEST_F(PlanTest, ARebalanceSellsOrBuysBackIntoTheBandThenRests) {
  // BTC 1 = 65000, ETH 10 = 25000, USDT 100000: 190000 in all. Targets 50/10/40: BTC is 34 %
  // (16 points under), ETH 13 % (on target within 5 points), USDT 53 %.
  CreatedPlan plan = Create(R"({"name": "balanced", "kind": "rebalance", "connection": "main",
    "period": "daily@00:00", "rebalance": {"quote": "USDT",
    "targets": {"BTC": "0.5", "ETH": "0.1", "USDT": "0.4"}, "band": "0.05",
    "min_notional": "50"}})");
  auto run = Run(runner().Run({Tenant(), plan.view.plan.id, env_.clock().Now(), std::nullopt}));
  ASSERT_TRUE(run) << run.error();
  ASSERT_EQ(run->state, "done") << run->note;
  auto orders = OrdersOf(plan.view.plan.id);
  // ETH (13.2 % vs 10 %) is inside the band after BTC's buy: one trade, the furthest first.
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].symbol, "BTCUSDT");
  EXPECT_EQ(orders[0].side, "buy");
  EXPECT_EQ(orders[0].state, "filled") << orders[0].reason;
  // A second run finds every weight inside the band and trades nothing.
  env_.clock().Advance(minutes(1));
  auto again = Run(runner().Run({Tenant(), plan.view.plan.id, env_.clock().Now(), std::nullopt}));
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->state, "skipped");
  EXPECT_NE(again->note.find("inside the band"), std::string::npos);
  EXPECT_EQ(OrdersOf(plan.view.plan.id).size(), 1u);
}

TEST_F(PlanTest, ARunLeftStartedIsFinishedWithItsOwnIntentsAndNothingDoubled) {
  CreatedPlan plan = Create(kHourlyDca);
  const std::string id = plan.view.plan.id;
  const base::SystemTime slot = *plan.view.plan.next_run;
  env_.clock().Advance(hours(1));
  // What a process that died mid-run leaves: the run started with its intent, the order placed
  // on the exchange, the run never finished and the plan never moved on.
  order::Intent intent = engine().NewIntent(Tenant());
  intent.id = PlanIntentId(id, base::UnixMillis(slot), 0);
  intent.connection_label = "main";
  intent.symbol = "BTCUSDT";
  intent.side = exchange::Side::kBuy;
  intent.type = exchange::OrderType::kMarket;
  intent.quote_amount = D("25");
  intent.source = order::Source::kPlan;
  intent.source_ref = id;
  auto placed = Run(engine().Submit(intent));
  ASSERT_TRUE(placed) << placed.error();
  ASSERT_EQ(placed->kind, engine::SubmitOutcome::Kind::kPlaced);
  store::PlanRunRow started{
      Tenant(),
      id,
      base::UnixMillis(slot),
      "started",
      env_.clock().Now(),
      std::nullopt,
      R"([{"id":")" + intent.id +
          R"(","pair":"BTCUSDT","quote_amount":"25","side":"buy","type":"market"}])",
      "[]",
      "",
      {}};
  Seal(env_.vault().state_mac(), started);
  ASSERT_TRUE(
      env_.store().Write([&](store::UnitOfWork& u) { return u.plans().InsertRun(started); }));

  PlanScheduler scheduler = Scheduler();
  EXPECT_EQ(Tick(scheduler), 1u);
  EXPECT_EQ(paper_.order_posts(), 1);  // recognised by its intent id, not sent again
  auto history = plans().History(Tenant(), id);
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].state, "done");
  EXPECT_NE((*history)[0].outcome.find("existing"), std::string::npos);
  const PlanView after = Find("btc-hourly");
  EXPECT_EQ(after.plan.runs, 1);
  EXPECT_EQ(base::UnixMillis(*after.plan.next_run), base::UnixMillis(slot) + 3600 * 1000);
  // The next hour is a run of its own.
  env_.clock().Advance(hours(1));
  EXPECT_EQ(Tick(scheduler), 1u);
  EXPECT_EQ(OrdersOf(id).size(), 2u);
}

TEST_F(PlanTest, AnOrderNeverPlacedIsSentAgainUnderItsResendIdAndTheRunIsMadeOnce) {
  CreatedPlan plan = Create(kHourlyDca);
  const std::string id = plan.view.plan.id;
  const base::SystemTime slot = *plan.view.plan.next_run;
  env_.clock().Advance(hours(1));
  // The order's request fails before the exchange accepts it: its answer is lost, and until its
  // acceptance window has passed nobody can say it was never placed.
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().faults().fail_before_accept = 1;
  }
  PlanScheduler scheduler = Scheduler();
  EXPECT_EQ(Tick(scheduler), 0u);
  auto history = plans().History(Tenant(), id);
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].state, "started");  // not done while its order may yet appear
  EXPECT_EQ(Find("btc-hourly").plan.runs, 0);

  // The next look (after the lease) settles it as never placed and sends the intent again.
  env_.clock().Advance(minutes(3));
  EXPECT_EQ(Tick(scheduler), 1u);
  const std::string first = PlanIntentId(id, base::UnixMillis(slot), 0);
  const std::string resend = order::ResendIntentId(first, 1);
  const auto orders = OrdersOf(id);
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].id, resend);
  EXPECT_EQ(orders[0].state, "filled") << orders[0].reason;
  EXPECT_EQ(orders[1].id, first);
  EXPECT_TRUE(engine::NeverPlaced(orders[1])) << orders[1].state << " " << orders[1].reason;
  {
    auto lock = paper_.exchange().Lock();
    ASSERT_EQ(paper_.exchange().orders().size(), 1u);
    EXPECT_EQ(paper_.exchange().orders().begin()->second.client_order_id, resend);
  }
  EXPECT_EQ(paper_.order_posts(), 2);
  history = plans().History(Tenant(), id);
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].state, "done");
  EXPECT_NE((*history)[0].outcome.find(resend), std::string::npos) << (*history)[0].outcome;
  const PlanView after = Find("btc-hourly");
  EXPECT_EQ(after.plan.runs, 1);
  EXPECT_EQ(after.plan.spent, D("25"));  // the order that never was spends nothing

  // A third look changes nothing.
  env_.clock().Advance(minutes(3));
  EXPECT_EQ(Tick(scheduler), 0u);
  EXPECT_EQ(paper_.order_posts(), 2);
}

TEST_F(PlanTest, RunsMissedWhileNoDaemonRanAreMadeOnceOrSkippedByCatchUp) {
  CreatedPlan once = Create(kHourlyDca);
  CreatedPlan skip = Create(R"({"name": "skipper", "kind": "dca", "connection": "main",
    "period": "hourly", "catch_up": "skip", "dca": {"pair": "ETHUSDT", "quote_amount": "25"}})");
  env_.clock().Advance(hours(10) + minutes(20));  // ten runs missed
  PlanScheduler scheduler = Scheduler();
  Tick(scheduler);
  Tick(scheduler);
  ASSERT_EQ(OrdersOf(once.view.plan.id).size(), 1u);
  EXPECT_TRUE(OrdersOf(skip.view.plan.id).empty());
  auto history = plans().History(Tenant(), "btc-hourly");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  // The one made stands for the latest missed slot, 10:00.
  EXPECT_EQ((*history)[0].slot_ms, testing::FakeClock::kStartMillis + 10 * 3600 * 1000);
  // Both go on at 11:00.
  for (const std::string name : {"btc-hourly", "skipper"}) {
    EXPECT_EQ(base::UnixMillis(*Find(name).plan.next_run),
              testing::FakeClock::kStartMillis + 11 * 3600 * 1000)
        << name;
  }
  const auto kinds = env_.JournalKinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), journal::kind::kPlanRunSkipped), 2);
}

TEST_F(PlanTest, APlanPausesItselfWhenItsConnectionIsSuspendedAndSaysWhy) {
  CreatedPlan plan = Create(kHourlyDca);
  ASSERT_TRUE(env_.keys().Suspend(Tenant(), "main", "an order we did not place"));
  env_.clock().Advance(hours(1));
  PlanScheduler scheduler = Scheduler();
  Tick(scheduler);
  EXPECT_TRUE(OrdersOf(plan.view.plan.id).empty());
  const PlanView paused = Find("btc-hourly");
  EXPECT_EQ(paused.plan.status, PlanStatus::kPaused);
  EXPECT_NE(paused.plan.status_reason.find("suspended"), std::string::npos);
  // It cannot be resumed while the connection cannot trade.
  auto resumed = plans().Resume(Tenant(), "btc-hourly");
  ASSERT_FALSE(resumed);
  EXPECT_EQ(resumed.error().code(), base::ErrorCode::kFailedPrecondition);
}

TEST_F(PlanTest, APlanChangedInTheDatabaseIsNeverRun) {
  CreatedPlan plan = Create(kHourlyDca);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(env_.db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE plans SET spec = replace(spec, '\"25\"', '\"2500\"')", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  env_.clock().Advance(hours(1));
  PlanScheduler scheduler = Scheduler();
  EXPECT_EQ(Tick(scheduler), 0u);
  EXPECT_EQ(paper_.order_posts(), 0);
  auto listed = plans().List(Tenant());
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code(), base::ErrorCode::kDataLoss);
}

TEST_F(PlanTest, BadPlansAreRefusedNamingWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name":"x","kind":"dca","connection":"main","period":"hourly","dca":{"pair":"BTCUSDT","quote_amount":"-5"}})",
       "quote_amount must be more than 0"},
      {R"({"name":"x","kind":"dca","connection":"main","period":"fortnightly","dca":{"pair":"BTCUSDT","quote_amount":"5"}})",
       "is not one of"},
      {R"({"name":"x","kind":"rebalance","connection":"main","period":"hourly","rebalance":{"quote":"USDT","targets":{"BTC":"0.5","USDT":"0.4"},"band":"0.05","min_notional":"10"}})",
       "sum to 0.9, not 1"},
      {R"({"name":"x","kind":"webhook","connection":"main","period":"hourly","webhook":{}})",
       "period does not go with a webhook plan"},
      {R"({"name":"x","kind":"dca","connection":"nowhere","period":"hourly","dca":{"pair":"BTCUSDT","quote_amount":"5"}})",
       "no connection labelled"},
      {R"({"name":"x","kind":"dca","connection":"main","period":"hourly","time_zone":"Nowhere/Land","dca":{"pair":"BTCUSDT","quote_amount":"5"}})",
       "unknown time zone"},
  };
  for (const auto& [body, want] : cases) {
    const boost::json::value v = boost::json::parse(body);
    base::JsonSource src{"the plan", base::ErrorCode::kInvalidArgument};
    auto created = plans().Create(Tenant(), base::JsonView(v, "", &src));
    ASSERT_FALSE(created) << body;
    EXPECT_NE(created.error().message().find(want), std::string::npos) << created.error().message();
  }
  auto listed = plans().List(Tenant());
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace amanah::strategy

namespace amanah::strategy {
namespace {

TEST_F(PlanTest, ASimulationOverTheExchangesCandlesPlacesNothing) {
  CreatedPlan plan = Create(kHourlyDca);
  // Two days of the paper's price path, each hour's trades making its candle.
  PlanScheduler scheduler = Scheduler();
  for (int hour = 0; hour < 48; ++hour) {
    env_.clock().Advance(std::chrono::hours(1));
    Tick(scheduler);
  }
  const int posts = paper_.order_posts();
  auto simulator = env_.env().simulator();
  ASSERT_TRUE(simulator) << simulator.error();
  SimulationRequest r{Tenant(),
                      "btc-hourly",
                      base::SystemTime(std::chrono::milliseconds(testing::FakeClock::kStartMillis)),
                      env_.clock().Now(),
                      {},
                      {}};
  auto result = Run((*simulator)->Run(r));
  ASSERT_TRUE(result) << result.error();
  // Every hourly slot is a run once the paper's history has a candle for it (it keeps a bounded
  // one), the others skipped for want of a price.
  EXPECT_GE(result->runs, 20);
  EXPECT_EQ(result->runs + result->skipped, 49);  // 00:00 of the first day to 00:00 of the third
  // 25 USDT at 65000 buys the lot's 0.00038 BTC for 24.70 each run (the price path is flat).
  EXPECT_EQ(result->spent, base::Decimal::Parse("24.7")
                               .value()
                               .Mul(base::Decimal::FromInt(result->runs), base::Rounding::kHalfEven)
                               .value());
  EXPECT_EQ(paper_.order_posts(), posts);  // nothing placed
}

}  // namespace
}  // namespace amanah::strategy
