// The Bybit adapter against the paper exchange's Bybit venue over real HTTP on 127.0.0.1: the
// key's permissions and the account's state (spot margin, borrowing, positions, and what a
// spot-only key cannot read), balances and symbols, spot orders through their life, clock skew
// re-synced, and refused keys classified with Bybit's code and text.
#include "exchange/bybit/bybit_exchange.h"

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "exchange/registry.h"
#include "testing/decimal.h"
#include "testing/paper_adapters.h"
#include "transport/run_blocking.h"
#include "transport/transport.h"

namespace amanah::exchange::bybit {
namespace {

using testing::D;

class PaperBybit : public testing::PaperAdapters {
 protected:
  PaperBybit()
      : PaperAdapters(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
                   "min_qty": "0.00001", "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"venue": "bybit", "name": "yusuf", "balances": {"USDT": "10000", "BTC": "0.5"}},
                   {"venue": "bybit", "name": "debtor", "balances": {"USDT": "100"}, "spot_margin": true,
                    "margin_loans": [{"asset": "USDT", "borrowed": "50", "interest": "0.01"}],
                    "futures_positions": [{"symbol": "ETHUSDT", "position_amt": "-0.5", "entry_price": "3000"}]}],
      "keys": [
        {"name": "good", "account": "yusuf", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "readonly", "account": "yusuf", "permissions": {"read": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "otherip", "account": "yusuf", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["192.0.2.1"]},
        {"name": "wide", "account": "debtor", "permissions": {"read": true, "spot_trade": true, "futures": true, "withdraw": true}}
      ]})") {}

  std::unique_ptr<SpotExchange> Client(const std::string& name, std::string secret = "") {
    return Open("bybit", paper_.bybit_url(), name, std::move(secret));
  }
};

TEST_F(PaperBybit, ReadsACompliantKeyAndItsAccount) {
  auto ex = Client("good");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->reading, Flag::kOn);
  EXPECT_EQ(p->spot_trading, Flag::kOn);
  EXPECT_EQ(p->futures, Flag::kOff);
  EXPECT_EQ(p->withdrawals, Flag::kOff);
  EXPECT_EQ(p->read_only, false);
  EXPECT_EQ(p->ip_restricted, true);
  EXPECT_EQ(*p->ip_list, std::vector<std::string>{"127.0.0.1"});
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  EXPECT_FALSE(a->account_id.empty());
  EXPECT_EQ(a->auto_borrow, Flag::kOff);
  EXPECT_TRUE(a->debts.empty());
  EXPECT_TRUE(a->positions.empty());
  // A spot-only key may not read positions (10005): a check by hand, never a pass.
  ASSERT_EQ(a->unreadable.size(), 1u);
  EXPECT_EQ(a->unreadable[0].code, "DERIVATIVES_POSITIONS_NOT_READABLE");
}

TEST_F(PaperBybit, FindsSpotMarginBorrowingAndPositions) {
  auto ex = Client("wide");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->futures, Flag::kOn);
  EXPECT_EQ(p->withdrawals, Flag::kOn);
  EXPECT_EQ(p->ip_restricted, false);  // ["*"]
  EXPECT_TRUE(p->expires_at_ms);       // an unbound key lives 90 days
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->margin_mode, Flag::kOn);
  EXPECT_EQ(a->auto_borrow, Flag::kOn);
  ASSERT_EQ(a->debts.size(), 1u);
  EXPECT_EQ(a->debts[0].borrowed, D("50"));
  EXPECT_EQ(a->debts[0].interest, D("0.01"));
  ASSERT_EQ(a->positions.size(), 1u);
  EXPECT_EQ(a->positions[0].symbol, "ETHUSDT");
  EXPECT_EQ(a->positions[0].size, D("-0.5"));
  EXPECT_TRUE(a->unreadable.empty());
}

TEST_F(PaperBybit, SymbolsBalancesTickerAndStatus) {
  auto ex = Client("good");
  auto symbols = Run(ex->Symbols());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_EQ(symbols->size(), 1u);
  EXPECT_EQ((*symbols)[0].tick_size, D("0.01"));
  EXPECT_EQ((*symbols)[0].min_notional, D("5"));
  auto balances = Run(ex->Balances());
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  auto ticker = Run(ex->Ticker24h("BTCUSDT"));
  ASSERT_TRUE(ticker) << ticker.error();
  EXPECT_EQ(ticker->last_price, D("65000"));
  auto status = Run(ex->Status());
  ASSERT_TRUE(status) << status.error();
  EXPECT_TRUE(status->normal);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  status = Run(ex->Status());
  ASSERT_TRUE(status) << status.error();
  EXPECT_FALSE(status->normal);
}

TEST_F(PaperBybit, SpotOrdersThroughTheirLife) {
  auto ex = Client("good");
  ASSERT_TRUE(Run(ex->SyncTime()));
  OrderRequest rest;
  rest.symbol = "BTCUSDT";
  rest.side = Side::kBuy;
  rest.type = OrderType::kLimit;
  rest.quantity = D("0.001");
  rest.price = D("30000");
  rest.client_order_id = "0123456789abcdef0123456789abcdef";
  auto placed = Run(ex->PlaceOrder(rest));
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_EQ(placed->status, OrderStatus::kNew);
  EXPECT_EQ(placed->exchange_status, "New");
  EXPECT_EQ(placed->client_order_id, rest.client_order_id);
  EXPECT_EQ(placed->orig_qty, D("0.001"));
  auto open = Run(ex->OpenOrders("BTCUSDT"));
  ASSERT_TRUE(open) << open.error();
  ASSERT_EQ(open->size(), 1u);
  auto again = Run(ex->PlaceOrder(rest));  // a client id is unique for ever on Bybit's spot
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().exchange()->code, "170141");
  auto cancelled = Run(ex->CancelOrder("BTCUSDT", rest.client_order_id));
  ASSERT_TRUE(cancelled) << cancelled.error();
  EXPECT_EQ(cancelled->status, OrderStatus::kCanceled);
  EXPECT_EQ(cancelled->exchange_status, "Cancelled");

  OrderRequest buy;
  buy.symbol = "BTCUSDT";
  buy.side = Side::kBuy;
  buy.type = OrderType::kMarket;
  buy.quote_quantity = D("100");
  buy.client_order_id = "11111111111111111111111111111111";
  auto bought = Run(ex->PlaceOrder(buy));
  ASSERT_TRUE(bought) << bought.error();
  EXPECT_EQ(bought->status, OrderStatus::kFilled);
  EXPECT_GT(bought->executed_qty, D("0.0015"));
  EXPECT_EQ(bought->orig_qty, bought->executed_qty);  // sized in USDT: its quantity is its fill
  OrderRequest sell = buy;
  sell.side = Side::kSell;
  sell.quote_quantity.reset();
  sell.quantity = D("0.001");
  sell.client_order_id = "22222222222222222222222222222222";
  auto sold = Run(ex->PlaceOrder(sell));
  ASSERT_TRUE(sold) << sold.error();
  EXPECT_EQ(sold->status, OrderStatus::kFilled);
  EXPECT_EQ(sold->executed_qty, D("0.001"));

  auto fills = Run(ex->OrderTrades("BTCUSDT", bought->order_id));
  ASSERT_TRUE(fills) << fills.error();
  ASSERT_FALSE(fills->empty());
  EXPECT_TRUE((*fills)[0].is_buyer);
  EXPECT_EQ((*fills)[0].commission_asset, "BTC");
  auto trades = Run(ex->MyTrades("BTCUSDT"));
  ASSERT_TRUE(trades) << trades.error();
  EXPECT_GE(trades->size(), 2u);
  auto history = Run(ex->OrderHistory("BTCUSDT", base::UnixMillis(clock_.Now()) - 3'600'000));
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].client_order_id, rest.client_order_id);  // oldest first

  auto missing = Run(ex->QueryOrder("BTCUSDT", "33333333333333333333333333333333"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(FailureOf(missing.error()), Failure::kNotFound);
}

TEST_F(PaperBybit, RefusedKeysKeepBybitsCodeAndText) {
  auto read_only = Client("readonly");
  OrderRequest o;
  o.symbol = "BTCUSDT";
  o.type = OrderType::kMarket;
  o.quote_quantity = D("10");
  o.client_order_id = "44444444444444444444444444444444";
  auto refused = Run(read_only->PlaceOrder(o));
  ASSERT_FALSE(refused);
  EXPECT_EQ(FailureOf(refused.error()), Failure::kPermissionMissing);
  EXPECT_EQ(refused.error().exchange()->code, "10005");
  EXPECT_EQ(refused.error().exchange()->message,
            "Permission denied, please check your API key permissions.");

  const std::string wrong(paper_.key("good").secret.size(), 'x');
  auto bad = Run(Client("good", wrong)->Balances());
  ASSERT_FALSE(bad);
  EXPECT_EQ(FailureOf(bad.error()), Failure::kSignatureRejected);
  EXPECT_EQ(bad.error().exchange()->code, "10004");

  auto ip = Run(Client("otherip")->Balances());
  ASSERT_FALSE(ip);
  EXPECT_EQ(FailureOf(ip.error()), Failure::kIpNotWhitelisted);
  EXPECT_EQ(ip.error().exchange()->code, "10010");
}

TEST_F(PaperBybit, AClockSkewIsResyncedOnce) {
  auto ex = Client("good");
  ASSERT_TRUE(Run(ex->SyncTime()));
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetClockSkew(30'000);  // the exchange's clock half a minute ahead
  }
  auto balances = Run(ex->Balances());
  ASSERT_TRUE(balances) << balances.error();  // 10002, re-synced, sent again
  EXPECT_GT(static_cast<BybitExchange&>(*ex).time_offset_ms(), 25'000);
}

}  // namespace
}  // namespace amanah::exchange::bybit
