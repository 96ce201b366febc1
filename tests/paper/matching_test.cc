// Matching and settlement: price-time priority, synthetic depth, IOC/FOK/LIMIT_MAKER, the path
// moving through resting orders, balances conserved to the last unit, snapshot round trip.
#include <gtest/gtest.h>

#include "core/order_book.h"
#include "core/state_json.h"
#include "paper/paper_fixture.h"
#include "testing/decimal.h"

namespace amanah::paper::testing {
namespace {

using base::Decimal;

using amanah::testing::D;

TEST(OrderBook, PriceThenTimePriority) {
  OrderBook book;
  book.Add(1, Side::kSell, 101, 5);
  book.Add(2, Side::kSell, 100, 3);
  book.Add(3, Side::kSell, 100, 4);
  EXPECT_EQ(book.Best(Side::kSell), 100);
  std::vector<OrderBook::Fill> fills;
  EXPECT_EQ(book.TakeAtBest(Side::kSell, 5, fills), 5);
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[0].maker_id, 2u);  // older at the same price first
  EXPECT_TRUE(fills[0].maker_done);
  EXPECT_EQ(fills[1].maker_id, 3u);
  EXPECT_EQ(fills[1].qty, 2);
  EXPECT_FALSE(fills[1].maker_done);
  EXPECT_EQ(book.Remaining(3), 2);
  EXPECT_TRUE(book.Cancel(3));
  EXPECT_FALSE(book.Cancel(3));
  EXPECT_EQ(book.Best(Side::kSell), 101);
  fills.clear();
  book.Add(4, Side::kBuy, 99, 1);
  book.TakeCrossed(Side::kSell, 101, fills);  // a buyer at 101 takes all asks ≤ 101
  EXPECT_EQ(fills.size(), 1u);
  EXPECT_EQ(book.Best(Side::kSell), std::nullopt);
  EXPECT_EQ(book.Best(Side::kBuy), 99);
}

class Matching : public PaperFixture {
 protected:
  Outcome<Exchange::Placed> Place(NewOrder o) {
    auto lock = exchange_.Lock();
    return exchange_.PlaceOrder(Alice(), o);
  }
  uint64_t Alice() { return exchange_.FindAccountByName("alice")->uid; }
  Balance Bal(std::string asset) {
    auto lock = exchange_.Lock();
    return exchange_.FindAccount(Alice())->balances[asset];
  }
  static NewOrder Limit(Side side, std::string_view qty, std::string_view price,
                        TimeInForce tif = TimeInForce::kGtc) {
    NewOrder o;
    o.symbol = "BTCUSDT";
    o.side = side;
    o.type = OrderType::kLimit;
    o.tif = tif;
    o.quantity = D(qty);
    o.price = D(price);
    return o;
  }
  static NewOrder MarketBy(Side side, std::string_view qty) {
    NewOrder o;
    o.symbol = "BTCUSDT";
    o.side = side;
    o.type = OrderType::kMarket;
    o.quantity = D(qty);
    return o;
  }
};

TEST_F(Matching, SyntheticDepthAroundTheMid) {
  auto lock = exchange_.Lock();
  Market& m = *exchange_.FindMarket("BTCUSDT");
  // mid 65000.00 = 6'500'000 ticks; spread 2 bp → half 650 ticks; levels 0.01% apart (650 ticks).
  auto asks = m.Depth(Side::kSell, 2);
  auto bids = m.Depth(Side::kBuy, 2);
  EXPECT_EQ(m.Price(asks[0].price), D("65006.50"));
  EXPECT_EQ(m.Qty(asks[0].qty), D("0.5"));
  EXPECT_EQ(m.Price(asks[1].price), D("65013.00"));
  EXPECT_EQ(m.Qty(asks[1].qty), D("1.0"));
  EXPECT_EQ(m.Price(bids[0].price), D("64993.50"));
}

TEST_F(Matching, MarketBuyWalksLevelsAndChargesTheFeeInBase) {
  Balance usdt = Bal("USDT");
  auto placed = Place(MarketBy(Side::kBuy, "0.8"));
  ASSERT_TRUE(placed) << static_cast<int>(placed.error().code);
  ASSERT_EQ(placed->fills.size(), 2u);
  EXPECT_EQ(placed->order.status, OrderStatus::kFilled);
  // 0.5 at 65006.50 + 0.3 at 65013.00 = 32503.25 + 19503.90 = 52007.15
  EXPECT_EQ(placed->order.cummulative_quote, D("52007.15"));
  EXPECT_EQ(Bal("USDT").free, usdt.free.Sub(D("52007.15")).value());
  // 0.1% of 0.8 BTC in BTC: 0.0008
  EXPECT_EQ(Bal("BTC").free, D("1.7992"));
}

TEST_F(Matching, RestingLimitLocksFundsAndCancelReleasesThem) {
  auto placed = Place(Limit(Side::kBuy, "0.1", "60000"));
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->order.status, OrderStatus::kNew);
  EXPECT_EQ(Bal("USDT").locked, D("6000"));
  EXPECT_EQ(Bal("USDT").free, D("94000"));
  auto lock = exchange_.Lock();
  auto canceled = exchange_.CancelOrder(Alice(), "BTCUSDT", placed->order.id, "");
  ASSERT_TRUE(canceled);
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["USDT"].free, D("100000"));
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["USDT"].locked, D("0"));
  EXPECT_EQ(exchange_.CancelOrder(Alice(), "BTCUSDT", placed->order.id, "").error().code,
            RejectCode::kNotOpen);
}

TEST_F(Matching, IocKeepsWhatFillsFokAllOrNothing) {
  // Only 0.5 rests at the best ask; a limit at that price can take 0.5 of 0.7.
  auto ioc = Place(Limit(Side::kBuy, "0.07", "65006.50", TimeInForce::kIoc));
  ASSERT_TRUE(ioc);
  EXPECT_EQ(ioc->order.status, OrderStatus::kFilled);
  auto partial = Place(Limit(Side::kSell, "0.7", "64993.50", TimeInForce::kIoc));
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->order.status, OrderStatus::kExpired);
  EXPECT_EQ(partial->order.executed, 50000);  // 0.5 BTC in lots of 0.00001
  auto fok = Place(Limit(Side::kBuy, "0.7", "65006.50", TimeInForce::kFok));
  ASSERT_TRUE(fok);
  EXPECT_EQ(fok->order.status, OrderStatus::kExpired);
  EXPECT_EQ(fok->order.executed, 0);
  EXPECT_TRUE(fok->fills.empty());
}

TEST_F(Matching, DuplicateClientOrderIdAmongOpenOrdersIsRefused) {
  NewOrder o = Limit(Side::kBuy, "0.001", "60000");
  o.client_order_id = "same";
  ASSERT_TRUE(Place(o));
  EXPECT_EQ(Place(o).error().code, RejectCode::kDuplicateClientOrderId);
  // Once it is no longer open, the id may be used again.
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(exchange_.CancelOrder(Alice(), "BTCUSDT", 0, "same"));
  }
  EXPECT_TRUE(Place(o));
}

TEST_F(Matching, ClientOrdersMatchEachOtherAsMakerAndTaker) {
  auto maker = Place(Limit(Side::kSell, "0.01", "65000.00"));  // inside the synthetic spread: rests
  ASSERT_TRUE(maker);
  EXPECT_EQ(maker->order.status, OrderStatus::kNew);
  auto taker = Place(MarketBy(Side::kBuy, "0.01"));
  ASSERT_TRUE(taker);
  ASSERT_EQ(taker->fills.size(), 1u);
  EXPECT_EQ(taker->fills[0].price, 6'500'000);  // the resting client order is better than the crowd
  auto lock = exchange_.Lock();
  auto q = exchange_.QueryOrder(Alice(), "BTCUSDT", maker->order.id, "");
  EXPECT_EQ(q->status, OrderStatus::kFilled);
  auto trades = exchange_.MyTrades(Alice(), "BTCUSDT");
  ASSERT_EQ(trades.size(), 2u);
  EXPECT_TRUE(trades[0].is_maker != trades[1].is_maker);
}

TEST_F(Matching, OneExecutionHasOneTradeIdOnBothSides) {
  uint64_t bob = 0;
  {
    auto lock = exchange_.Lock();
    auto created = admin_.CreateAccount(
        boost::json::parse(R"({"name": "bob", "balances": {"USDT": "10000"}})").as_object());
    ASSERT_TRUE(created) << created.error();
    bob = (*created)->uid;
  }
  auto maker = Place(Limit(Side::kSell, "0.01", "65000.00"));  // rests inside the spread
  ASSERT_TRUE(maker);
  auto taker = [&] {
    auto lock = exchange_.Lock();
    return exchange_.PlaceOrder(bob, MarketBy(Side::kBuy, "0.01"));
  }();
  ASSERT_TRUE(taker);
  ASSERT_EQ(taker->fills.size(), 1u);
  auto lock = exchange_.Lock();
  auto alice_trades = exchange_.MyTrades(Alice(), "BTCUSDT");
  auto bob_trades = exchange_.MyTrades(bob, "BTCUSDT");
  ASSERT_EQ(alice_trades.size(), 1u);
  ASSERT_EQ(bob_trades.size(), 1u);
  EXPECT_EQ(alice_trades[0].id, bob_trades[0].id);
  EXPECT_EQ(taker->fills[0].id, bob_trades[0].id);
  EXPECT_TRUE(alice_trades[0].is_maker);
  EXPECT_FALSE(bob_trades[0].is_maker);
  EXPECT_EQ(exchange_.next_trade_id(), bob_trades[0].id + 1);  // the execution used one id
  // The candle counts the execution once, not once per side.
  EXPECT_EQ(exchange_.FindMarket("BTCUSDT")->history().back().volume, 1000);  // 0.01 in lots
}

TEST_F(Matching, HistoryIsKeptWithinTheRetention) {
  {
    auto lock = exchange_.Lock();
    exchange_.SetRetention(Retention{.closed_orders = 5, .trades = 4});
  }
  auto resting = Place(Limit(Side::kBuy, "0.001", "10000"));  // open: never forgotten
  ASSERT_TRUE(resting);
  std::vector<uint64_t> ids;
  for (int i = 0; i < 20; ++i) {
    auto placed = Place(MarketBy(i % 2 == 0 ? Side::kBuy : Side::kSell, "0.001"));
    ASSERT_TRUE(placed);
    ids.push_back(placed->order.id);
  }
  {
    auto lock = exchange_.Lock();
    EXPECT_EQ(exchange_.orders().size(), 6u);  // 5 closed and the open one
    EXPECT_EQ(exchange_.trades().size(), 4u);
    EXPECT_FALSE(exchange_.QueryOrder(Alice(), "BTCUSDT", ids[0], ""));  // forgotten
    EXPECT_TRUE(exchange_.QueryOrder(Alice(), "BTCUSDT", ids[19], ""));
    EXPECT_TRUE(exchange_.QueryOrder(Alice(), "BTCUSDT", resting->order.id, ""));
    EXPECT_EQ(exchange_.AllOrders(Alice(), "BTCUSDT").size(), 6u);
    auto trades = exchange_.MyTrades(Alice(), "BTCUSDT");
    ASSERT_EQ(trades.size(), 4u);
    EXPECT_EQ(trades.back().order_id, ids[19]);
  }
  // However long it runs, what is kept stays within the retention.
  for (int i = 0; i < 2000; ++i)
    ASSERT_TRUE(Place(MarketBy(i % 2 == 0 ? Side::kBuy : Side::kSell, "0.001")));
  auto lock = exchange_.Lock();
  EXPECT_EQ(exchange_.orders().size(), 6u);
  EXPECT_EQ(exchange_.trades().size(), 4u);
  EXPECT_EQ(exchange_.order_count(), 2021u);  // ids keep counting
  // The limits survive a snapshot, and a restore trims to them.
  boost::json::object snap = admin_.Snapshot();
  EXPECT_EQ(snap.at("retention").at("retain_trades").as_uint64(), 4u);
  ASSERT_TRUE(admin_.SetExchange(boost::json::object{{"retain_closed_orders", 2}}));
  EXPECT_EQ(exchange_.orders().size(), 3u);
  ASSERT_TRUE(admin_.Restore(snap));
  EXPECT_EQ(exchange_.orders().size(), 6u);
  EXPECT_EQ(exchange_.retention().closed_orders, 5u);
}

TEST_F(Matching, BalancesAreConservedToTheLastUnit) {
  // Every unit that leaves a balance is in another balance or in a commission.
  Balance btc0 = Bal("BTC");
  Balance usdt0 = Bal("USDT");
  ASSERT_TRUE(Place(MarketBy(Side::kBuy, "0.12345")));
  ASSERT_TRUE(Place(Limit(Side::kSell, "0.05", "64000")));
  ASSERT_TRUE(Place(Limit(Side::kBuy, "0.02", "60000")));  // rests
  auto lock = exchange_.Lock();
  Decimal btc_fees, usdt_fees, bought, paid;
  for (const Trade& t : exchange_.MyTrades(Alice(), "BTCUSDT")) {
    Market& m = *exchange_.FindMarket("BTCUSDT");
    (t.commission_asset == "BTC" ? btc_fees : usdt_fees) =
        (t.commission_asset == "BTC" ? btc_fees : usdt_fees).Add(t.commission).value();
    Decimal qty = m.Qty(t.qty);
    bought = t.is_buyer ? bought.Add(qty).value() : bought.Sub(qty).value();
    paid = t.is_buyer ? paid.Add(t.quote_qty).value() : paid.Sub(t.quote_qty).value();
  }
  const Account& a = *exchange_.FindAccount(Alice());
  Decimal btc = a.balances.at("BTC").free.Add(a.balances.at("BTC").locked).value();
  Decimal usdt = a.balances.at("USDT").free.Add(a.balances.at("USDT").locked).value();
  EXPECT_EQ(btc, btc0.free.Add(bought).value().Sub(btc_fees).value());
  EXPECT_EQ(usdt, usdt0.free.Sub(paid).value().Sub(usdt_fees).value());
  EXPECT_EQ(a.balances.at("USDT").locked, D("1200"));
}

TEST_F(Matching, ThePathFillsRestingOrdersItMovesThrough) {
  {
    auto lock = exchange_.Lock();
    exchange_.markets();  // BTCUSDT has volatility 0; replace with a replay that drops
  }
  SymbolSpec spec;
  spec.symbol = "DOTUSDT";
  spec.base = "DOT";
  spec.quote = "USDT";
  spec.tick_size = D("0.01");
  spec.step_size = D("0.1");
  spec.start_price = D("10.00");
  spec.replay = {D("10.00"), D("9.50"), D("9.00"), D("11.00")};
  spec.level_qty = D("1");
  NewOrder buy;
  buy.symbol = "DOTUSDT";
  buy.side = Side::kBuy;
  buy.type = OrderType::kLimit;
  buy.quantity = D("10");
  buy.price = D("9.20");
  uint64_t id;
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(exchange_.AddMarket(spec));
    auto placed = exchange_.PlaceOrder(Alice(), buy);
    ASSERT_TRUE(placed);
    id = placed->order.id;
    exchange_.AdvanceMarkets();
    EXPECT_EQ(exchange_.QueryOrder(Alice(), "DOTUSDT", id, "")->status, OrderStatus::kNew);
  }
  clock_.Advance(1000);  // mid 9.50: ask 9.50+ > 9.20, still resting
  {
    auto lock = exchange_.Lock();
    exchange_.AdvanceMarkets();
    EXPECT_EQ(exchange_.QueryOrder(Alice(), "DOTUSDT", id, "")->status, OrderStatus::kNew);
  }
  clock_.Advance(1000);  // mid 9.00: the crowd sells at 9.01 ≤ 9.20, our bid fills at 9.20
  auto lock = exchange_.Lock();
  exchange_.AdvanceMarkets();
  auto order = exchange_.QueryOrder(Alice(), "DOTUSDT", id, "");
  EXPECT_EQ(order->status, OrderStatus::kFilled);
  EXPECT_EQ(order->cummulative_quote, D("92.00"));
  auto trades = exchange_.MyTrades(Alice(), "DOTUSDT");
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_TRUE(trades[0].is_maker);
  EXPECT_EQ(exchange_.FindAccount(Alice())->balances["DOT"].free, D("9.99"));  // 10 less 0.1% fee
}

TEST_F(Matching, SnapshotRestoresTheWholeState) {
  ASSERT_TRUE(Place(Limit(Side::kBuy, "0.01", "60000")));
  ASSERT_TRUE(Place(MarketBy(Side::kSell, "0.01")));
  auto lock = exchange_.Lock();
  boost::json::object snap = admin_.Snapshot();
  std::string before = boost::json::serialize(snap);
  exchange_.FindAccount(Alice())->balances["USDT"].free = D("1");
  ASSERT_TRUE(exchange_.CancelOrder(Alice(), "BTCUSDT", 1, ""));
  ASSERT_TRUE(admin_.Restore(snap));
  boost::json::object again = admin_.Snapshot();
  again["time"] = snap["time"];
  EXPECT_EQ(boost::json::serialize(again), before);
  EXPECT_EQ(exchange_.OpenOrders(Alice(), std::nullopt).size(), 1u);
  EXPECT_EQ(exchange_.FindMarket("BTCUSDT")->book().size(), 1u);  // the book was rebuilt
  // A bad snapshot changes nothing.
  snap["orders"].as_array().push_back(boost::json::object{{"id", "x"}});
  EXPECT_FALSE(admin_.Restore(snap));
  EXPECT_EQ(exchange_.OpenOrders(Alice(), std::nullopt).size(), 1u);
}

TEST_F(Matching, ScenarioErrorsNameTheEntry) {
  auto lock = exchange_.Lock();
  auto bad = admin_.Apply(
      boost::json::parse(R"({"accounts": [{"name": "bob", "balances": {"USDT": "-1"}}]})")
          .as_object());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("accounts[0]"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().message().find("negative"), std::string::npos) << bad.error();
  EXPECT_EQ(exchange_.FindAccountByName("bob"), nullptr);
  auto market = admin_.Apply(
      boost::json::parse(R"({"markets": [{"symbol": "ABCUSDT", "base": "ABC", "quote": "USDT",
      "tick_size": "0.01", "step_size": "0.1", "start_price": "1.005"}]})")
          .as_object());
  ASSERT_FALSE(market);
  EXPECT_NE(market.error().message().find("start_price"), std::string::npos) << market.error();
}

}  // namespace
}  // namespace amanah::paper::testing
