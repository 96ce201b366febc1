// Contingent orders (STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT, trailing): they wait outside the book
// with their funds locked, trigger on the price the path or a trade reaches — the trailing ones
// exactly as the scenarios of Binance's trailing-stop FAQ — and then work as LIMIT orders; the
// wire refuses what Binance refuses (-1102, -1106, -1013 TRAILING_DELTA, -2010 would trigger).
#include <gtest/gtest.h>

#include "base/json_reader.h"
#include "core/state_json.h"
#include "paper/paper_fixture.h"
#include "testing/decimal.h"

namespace amanah::paper::testing {
namespace {

using base::Decimal;
namespace json = boost::json;

using amanah::testing::D;

class Contingent : public PaperFixture {
 protected:
  uint64_t Alice() { return exchange_.FindAccountByName("alice")->uid; }

  // "PATHUSDT": tick 1, the given replay prices one per second (the first is now); the crowd
  // quotes one tick either side of the mid (spread 0), so a triggered sell fills at the mid - 1
  // and a buy at the mid + 1.
  void AddPath(std::vector<std::string> prices) {
    SymbolSpec spec;
    spec.symbol = "PATHUSDT";
    spec.base = "PATH";
    spec.quote = "USDT";
    spec.tick_size = D("1");
    spec.step_size = D("0.01");
    spec.start_price = D(prices[0]);
    for (const auto& p : prices) spec.replay.push_back(D(p));
    spec.level_qty = D("10");
    spec.spread_bp = 0;
    auto lock = exchange_.Lock();
    ASSERT_TRUE(exchange_.AddMarket(spec));
    exchange_.FindAccount(Alice())->balances["PATH"].free = D("5");
  }
  static NewOrder Stop(OrderType type, Side side, std::string price,
                       std::optional<std::string> stop, int64_t trailing = 0) {
    NewOrder o;
    o.symbol = "PATHUSDT";
    o.side = side;
    o.type = type;
    o.quantity = D("1");
    o.price = D(price);
    if (stop) o.stop_price = D(*stop);
    o.trailing_delta = trailing;
    return o;
  }
  Outcome<Exchange::Placed> Place(const NewOrder& o) {
    auto lock = exchange_.Lock();
    return exchange_.PlaceOrder(Alice(), o);
  }
  Order Query(uint64_t id) {
    auto lock = exchange_.Lock();
    return *exchange_.QueryOrder(Alice(), "PATHUSDT", id, "");
  }
  // One path step; returns the order's status afterwards.
  OrderStatus Step(uint64_t id) {
    clock_.Advance(1000);
    {
      auto lock = exchange_.Lock();
      exchange_.AdvanceMarkets();
    }
    return Query(id).status;
  }
};

TEST_F(Contingent, AStopLossSellWaitsWithItsBaseLockedThenSellsWhenThePriceFallsToIt) {
  AddPath({"10000", "9800", "9500", "9000"});
  auto placed = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "9400", "9500"));
  ASSERT_TRUE(placed);
  const uint64_t id = placed->order.id;
  EXPECT_EQ(placed->order.status, OrderStatus::kNew);
  EXPECT_FALSE(placed->order.working);
  EXPECT_TRUE(placed->fills.empty());
  {
    auto lock = exchange_.Lock();
    EXPECT_EQ(exchange_.FindMarket("PATHUSDT")->book().size(), 0u);  // not in the book
    EXPECT_EQ(exchange_.FindAccount(Alice())->balances["PATH"].locked, D("1"));
  }
  EXPECT_EQ(Step(id), OrderStatus::kNew);     // 9800: above the stop
  EXPECT_EQ(Step(id), OrderStatus::kFilled);  // 9500: triggered, sold to the crowd at 9499
  Order done = Query(id);
  EXPECT_TRUE(done.working);
  EXPECT_EQ(done.cummulative_quote, D("9499"));
  auto lock = exchange_.Lock();
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["PATH"].locked, D("0"));
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["PATH"].free, D("4"));
}

TEST_F(Contingent, ATakeProfitBuyWaitsForTheFallAndLocksItsQuote) {
  AddPath({"10000", "9900", "9700"});
  auto placed = Place(Stop(OrderType::kTakeProfitLimit, Side::kBuy, "9800", "9750"));
  ASSERT_TRUE(placed);
  {
    auto lock = exchange_.Lock();
    EXPECT_EQ(exchange_.FindAccount(Alice())->balances["USDT"].locked, D("9800"));
  }
  EXPECT_EQ(Step(placed->order.id), OrderStatus::kNew);     // 9900
  EXPECT_EQ(Step(placed->order.id), OrderStatus::kFilled);  // 9700 ≤ 9750: buys at 9701
  EXPECT_EQ(Query(placed->order.id).cummulative_quote, D("9701"));
}

TEST_F(Contingent, AStopPriceAlreadyReachedIsRefused) {
  AddPath({"10000"});
  auto sl = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "10400", "10500"));
  ASSERT_FALSE(sl);
  EXPECT_EQ(sl.error().code, RejectCode::kWouldTrigger);
  auto tp = Place(Stop(OrderType::kTakeProfitLimit, Side::kSell, "9000", "9500"));
  ASSERT_FALSE(tp);
  EXPECT_EQ(tp.error().code, RejectCode::kWouldTrigger);
  auto none = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "9000", std::nullopt));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, RejectCode::kNoTrigger);
  auto wide = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "9000", std::nullopt, 2001));
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().detail, "TRAILING_DELTA");
}

// The FAQ's scenario E: a trailing STOP_LOSS_LIMIT SELL of 700 BIPS and no stop price tracks the
// highest price from placement (40,000 → 42,000 → 45,500) and triggers at 42,315 = 45,500 × 0.93;
// the dip to 39,500 (~595 BIPS) is not enough.
TEST_F(Contingent, TrailingStopWithoutStopPriceFollowsTheHighestPrice) {
  AddPath({"40000", "42000", "39500", "45500", "42316", "42315"});
  auto placed = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "39000", std::nullopt, 700));
  ASSERT_TRUE(placed);
  const uint64_t id = placed->order.id;
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 42,000: new high
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 39,500: 595 BIPS below
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 45,500: new high
  EXPECT_EQ(Query(id).extreme, 45500);
  EXPECT_EQ(Step(id), OrderStatus::kNew);     // 42,316: just short of 700 BIPS
  EXPECT_EQ(Step(id), OrderStatus::kFilled);  // 42,315: triggered
  EXPECT_EQ(Query(id).cummulative_quote, D("42314"));
}

// The FAQ's scenario A: a STOP_LOSS_LIMIT BUY with stop 44,000 and 500 BIPS ignores the fall to
// 37,000 (not tracking yet), starts tracking at 44,000, follows the low to 42,000 and triggers at
// 44,100 = 42,000 × 1.05, buying at its limit of 45,000 or better.
TEST_F(Contingent, TrailingStopWithAStopPriceStartsTrackingAtIt) {
  AddPath({"40000", "37000", "44000", "45000", "46000", "42000", "44099", "44100"});
  auto placed = Place(Stop(OrderType::kStopLossLimit, Side::kBuy, "45000", "44000", 500));
  ASSERT_TRUE(placed);
  const uint64_t id = placed->order.id;
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 37,000: ignored
  EXPECT_EQ(Query(id).extreme, 0);
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 44,000: tracking starts
  EXPECT_EQ(Query(id).extreme, 44000);
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 45,000: ~227 BIPS
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 46,000: ~454 BIPS
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 42,000: new low
  EXPECT_EQ(Step(id), OrderStatus::kNew);  // 44,099
  EXPECT_EQ(Step(id), OrderStatus::kFilled);
  EXPECT_EQ(Query(id).cummulative_quote, D("44101"));
}

TEST_F(Contingent, ManyStepsAtOnceAreEachSeenInOrder) {
  AddPath({"40000", "42000", "39500", "45500", "42315", "50000"});
  auto placed = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "39000", std::nullopt, 700));
  ASSERT_TRUE(placed);
  clock_.Advance(5000);  // the whole path in one advance: the trigger at 42,315 is not missed
  {
    auto lock = exchange_.Lock();
    exchange_.AdvanceMarkets();
  }
  Order done = Query(placed->order.id);
  EXPECT_TRUE(done.working);
  EXPECT_EQ(done.status, OrderStatus::kFilled);
  EXPECT_EQ(done.cummulative_quote, D("42314"));  // at the step that triggered it, not at 50,000
}

TEST_F(Contingent, CancellingAWaitingOrderReleasesItsFundsAndSnapshotsKeepIt) {
  AddPath({"10000", "9900"});
  auto waiting = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "9000", std::nullopt, 300));
  ASSERT_TRUE(waiting);
  auto other = Place(Stop(OrderType::kStopLossLimit, Side::kSell, "9000", "9500"));
  ASSERT_TRUE(other);
  auto lock = exchange_.Lock();
  json::object snap = admin_.Snapshot();
  ASSERT_TRUE(admin_.Restore(snap));
  EXPECT_EQ(json::serialize(admin_.Snapshot()["orders"]), json::serialize(snap["orders"]));
  const Order restored = *exchange_.QueryOrder(Alice(), "PATHUSDT", waiting->order.id, "");
  EXPECT_FALSE(restored.working);
  EXPECT_EQ(restored.extreme, 10000);
  EXPECT_EQ(restored.trailing_delta, 300);
  ASSERT_TRUE(exchange_.CancelOrder(Alice(), "PATHUSDT", other->order.id, ""));
  ASSERT_TRUE(exchange_.CancelOrder(Alice(), "PATHUSDT", waiting->order.id, ""));
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["PATH"].locked, D("0"));
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["PATH"].free, D("5"));
  EXPECT_TRUE(exchange_.OpenOrders(Alice(), std::nullopt).empty());
}

TEST_F(Contingent, TheBinanceWireNamesWhatIsMissingOrNotAllowed) {
  AddPath({"10000"});
  auto send = [&](std::string query) {
    HttpResponse r = Send("POST", "/api/v3/order", "symbol=PATHUSDT&side=SELL&quantity=1&" + query);
    return std::pair(r.status, json::serialize(Body(r)));
  };
  EXPECT_EQ(
      send("type=STOP_LOSS_LIMIT&timeInForce=GTC&price=9000").second,
      R"({"code":-1102,"msg":"Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!"})");
  EXPECT_EQ(send("type=LIMIT&timeInForce=GTC&price=11000&stopPrice=9000").second,
            R"({"code":-1106,"msg":"Parameter 'stopPrice' sent when not required."})");
  EXPECT_EQ(send("type=STOP_LOSS_LIMIT&timeInForce=GTC&price=9000&trailingDelta=5").second,
            R"({"code":-1013,"msg":"Filter failure: TRAILING_DELTA"})");
  EXPECT_EQ(send("type=STOP_LOSS_LIMIT&timeInForce=GTC&price=9000&stopPrice=10001").second,
            R"({"code":-2010,"msg":"Stop price would trigger immediately."})");
  EXPECT_EQ(
      send("type=STOP_LOSS_LIMIT&price=9000&stopPrice=9500").second,
      R"({"code":-1102,"msg":"Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed."})");
  auto placed = send(
      "type=STOP_LOSS_LIMIT&timeInForce=GTC&price=9000&stopPrice=9500&trailingDelta=250&"
      "newClientOrderId=stop-1&newOrderRespType=RESULT");
  ASSERT_EQ(placed.first, 200u) << placed.second;
  auto o = base::JsonDocument::Parse(placed.second, {"new order"});
  ASSERT_TRUE(o) << o.error();
  EXPECT_EQ(o->Root().String("status"), "NEW");
  EXPECT_EQ(o->Root().String("type"), "STOP_LOSS_LIMIT");
  EXPECT_EQ(o->Root().String("stopPrice"), "9500.00000000");
  EXPECT_EQ(o->Root().Int("trailingDelta"), 250);
  EXPECT_EQ(o->Root().Int("workingTime"), -1);
  HttpResponse q = Send("GET", "/api/v3/order", "symbol=PATHUSDT&origClientOrderId=stop-1");
  auto got = base::JsonDocument::Parse(q.body, {"query order"});
  ASSERT_TRUE(got) << got.error();
  EXPECT_EQ(got->Root().Bool("isWorking"), false);
  EXPECT_EQ(got->Root().Int("workingTime"), -1);
  EXPECT_EQ(got->Root().String("stopPrice"), "9500.00000000");
  // Without newOrderRespType a contingent order is answered ACK, as Binance documents.
  auto ack = send("type=TAKE_PROFIT_LIMIT&timeInForce=GTC&price=11000&stopPrice=10500");
  ASSERT_EQ(ack.first, 200u) << ack.second;
  auto acked = base::JsonDocument::Parse(ack.second, {"ack"});
  ASSERT_TRUE(acked) << acked.error();
  EXPECT_FALSE(acked->Root().Has("status"));
}

}  // namespace
}  // namespace amanah::paper::testing
