// The OKX adapter against the paper exchange's OKX venue over real HTTP on 127.0.0.1: the key's
// permissions and the account's state (account mode, auto-loan, liabilities, positions), balances
// and instruments, spot orders through their life, a clock skew re-synced, and refused keys
// (no permission, wrong secret, wrong passphrase, another IP) classified with OKX's code and text.
#include "exchange/okx/okx_exchange.h"

#include <gtest/gtest.h>

#include "testing/decimal.h"
#include "testing/paper_adapters.h"

namespace amanah::exchange::okx {
namespace {

using testing::D;

class PaperOkx : public testing::PaperAdapters {
 protected:
  PaperOkx()
      : PaperAdapters(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
                   "min_qty": "0.00001", "min_notional": "1", "start_price": "65000.0", "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"venue": "okx", "name": "maryam", "balances": {"USDT": "10000", "BTC": "0.5"}},
                   {"venue": "okx", "name": "debtor", "balances": {"USDT": "100"}, "auto_borrow": true,
                    "margin_loans": [{"asset": "USDT", "borrowed": "50", "interest": "0.01"}],
                    "futures_positions": [{"symbol": "ETH-USDT-SWAP", "position_amt": "-0.5", "entry_price": "3000"}]}],
      "keys": [
        {"name": "good", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "readonly", "account": "maryam", "permissions": {"read": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "otherip", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["192.0.2.1"]},
        {"name": "wide", "account": "debtor", "permissions": {"read": true, "spot_trade": true, "futures": true, "withdraw": true}}
      ]})") {}

  std::unique_ptr<SpotExchange> Client(const std::string& name, std::string secret = "") {
    return Open("okx", paper_.okx_url(), name, std::move(secret));
  }
};

TEST_F(PaperOkx, ReadsACompliantKeyAndItsAccount) {
  auto ex = Client("good");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->reading, Flag::kOn);
  EXPECT_EQ(p->spot_trading, Flag::kOn);
  EXPECT_EQ(p->futures, Flag::kOff);
  EXPECT_EQ(p->margin, Flag::kOff);
  EXPECT_EQ(p->withdrawals, Flag::kOff);
  EXPECT_EQ(p->read_only, false);
  EXPECT_EQ(p->ip_restricted, true);
  EXPECT_EQ(*p->ip_list, std::vector<std::string>{"127.0.0.1"});
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  EXPECT_FALSE(a->account_id.empty());
  EXPECT_EQ(a->account_type, "Spot mode");
  EXPECT_EQ(a->margin_mode, Flag::kOff);
  EXPECT_EQ(a->auto_borrow, Flag::kOff);
  EXPECT_TRUE(a->debts.empty());
  EXPECT_TRUE(a->positions.empty());
  EXPECT_TRUE(a->unreadable.empty());
}

TEST_F(PaperOkx, FindsTheAccountModeAutoLoanLiabilitiesAndPositions) {
  auto ex = Client("wide");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->futures, Flag::kOn);  // Futures mode: Trade reaches swaps and futures
  EXPECT_EQ(p->withdrawals, Flag::kOn);
  EXPECT_EQ(p->ip_restricted, false);  // ip ""
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->account_type, "Futures mode");
  EXPECT_EQ(a->margin_mode, Flag::kOn);
  EXPECT_EQ(a->auto_borrow, Flag::kOn);
  ASSERT_EQ(a->debts.size(), 1u);
  EXPECT_EQ(a->debts[0].borrowed, D("50"));
  EXPECT_EQ(a->debts[0].interest, D("0.01"));
  // The swap (the loan is in the balance's liabilities, above).
  ASSERT_EQ(a->positions.size(), 1u);
  EXPECT_EQ(a->positions[0].symbol, "ETH-USDT-SWAP");
  EXPECT_EQ(a->positions[0].kind, "perpetual");
  EXPECT_EQ(a->positions[0].size, D("-0.5"));
}

TEST_F(PaperOkx, InstrumentsBalancesTickerCandlesAndStatus) {
  auto ex = Client("good");
  auto symbols = Run(ex->Symbols());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_EQ(symbols->size(), 1u);
  EXPECT_EQ((*symbols)[0].symbol, "BTC-USDT");
  EXPECT_EQ((*symbols)[0].tick_size, D("0.1"));
  EXPECT_EQ((*symbols)[0].step_size, D("0.00001"));
  EXPECT_EQ((*symbols)[0].min_qty, D("0.00001"));
  auto balances = Run(ex->Balances());
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  auto ticker = Run(ex->Ticker24h("BTC-USDT"));
  ASSERT_TRUE(ticker) << ticker.error();
  EXPECT_EQ(ticker->last_price, D("65000"));
  const int64_t now = base::UnixMillis(clock_.Now());
  auto candles = Run(ex->HourlyCandles("BTC-USDT", now - 3 * 3'600'000, now));
  ASSERT_TRUE(candles) << candles.error();
  for (size_t i = 1; i < candles->size(); ++i) {
    EXPECT_EQ((*candles)[i].open_time_ms - (*candles)[i - 1].open_time_ms, 3'600'000);
  }
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
  EXPECT_EQ(status->message, "maintenance: Paper exchange maintenance");
}

TEST_F(PaperOkx, SpotOrdersThroughTheirLife) {
  auto ex = Client("good");
  ASSERT_TRUE(Run(ex->SyncTime()));
  OrderRequest rest;
  rest.symbol = "BTC-USDT";
  rest.side = Side::kBuy;
  rest.type = OrderType::kLimit;
  rest.quantity = D("0.001");
  rest.price = D("30000");
  rest.client_order_id = "0123456789abcdef0123456789abcdef";
  auto placed = Run(ex->PlaceOrder(rest));
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_EQ(placed->status, OrderStatus::kNew);
  EXPECT_EQ(placed->exchange_status, "live");
  EXPECT_EQ(placed->client_order_id, rest.client_order_id);
  EXPECT_EQ(placed->orig_qty, D("0.001"));
  EXPECT_EQ(placed->price, D("30000"));
  auto open = Run(ex->OpenOrders("BTC-USDT"));
  ASSERT_TRUE(open) << open.error();
  ASSERT_EQ(open->size(), 1u);
  auto again = Run(ex->PlaceOrder(rest));  // unique among pending orders
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().exchange()->code, "51016");
  EXPECT_EQ(again.error().exchange()->message, "Client order ID already exists.");
  auto cancelled = Run(ex->CancelOrder("BTC-USDT", rest.client_order_id));
  ASSERT_TRUE(cancelled) << cancelled.error();
  EXPECT_EQ(cancelled->status, OrderStatus::kCanceled);
  EXPECT_EQ(cancelled->exchange_status, "canceled");
  auto twice = Run(ex->CancelOrder("BTC-USDT", rest.client_order_id));
  ASSERT_FALSE(twice);
  EXPECT_EQ(FailureOf(twice.error()), Failure::kNotFound);
  EXPECT_EQ(twice.error().exchange()->code, "51400");

  OrderRequest buy;
  buy.symbol = "BTC-USDT";
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

  auto fills = Run(ex->OrderTrades("BTC-USDT", bought->order_id));
  ASSERT_TRUE(fills) << fills.error();
  ASSERT_FALSE(fills->empty());
  EXPECT_TRUE((*fills)[0].is_buyer);
  EXPECT_EQ((*fills)[0].commission_asset, "BTC");
  EXPECT_TRUE((*fills)[0].commission.IsPositive());  // OKX writes a fee paid as negative
  auto trades = Run(ex->MyTrades("BTC-USDT"));
  ASSERT_TRUE(trades) << trades.error();
  EXPECT_GE(trades->size(), 2u);
  auto history = Run(ex->OrderHistory("BTC-USDT", base::UnixMillis(clock_.Now()) - 3'600'000));
  ASSERT_TRUE(history) << history.error();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].client_order_id, rest.client_order_id);  // oldest first

  auto missing = Run(ex->QueryOrder("BTC-USDT", "33333333333333333333333333333333"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(FailureOf(missing.error()), Failure::kNotFound);
  EXPECT_EQ(missing.error().exchange()->code, "51603");

  // Below the instrument's minimum size, and off its lot size: OKX's filter codes.
  OrderRequest tiny = rest;
  tiny.client_order_id = "44444444444444444444444444444444";
  tiny.quantity = D("0.000001");
  auto small = Run(ex->PlaceOrder(tiny));
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().exchange()->code, "51020");
  tiny.quantity = D("0.0010001");
  auto lot = Run(ex->PlaceOrder(tiny));
  ASSERT_FALSE(lot);
  EXPECT_EQ(lot.error().exchange()->code, "51121");
}

TEST_F(PaperOkx, RefusedKeysKeepOkxsCodeAndText) {
  auto read_only = Client("readonly");
  OrderRequest o;
  o.symbol = "BTC-USDT";
  o.type = OrderType::kMarket;
  o.quote_quantity = D("10");
  o.client_order_id = "55555555555555555555555555555555";
  auto refused = Run(read_only->PlaceOrder(o));
  ASSERT_FALSE(refused);
  EXPECT_EQ(FailureOf(refused.error()), Failure::kPermissionMissing);
  EXPECT_EQ(refused.error().exchange()->code, "50120");

  const std::string wrong(paper_.key("good").secret.size(), 'F');
  auto bad = Run(Client("good", wrong)->Balances());
  ASSERT_FALSE(bad);
  EXPECT_EQ(FailureOf(bad.error()), Failure::kSignatureRejected);
  EXPECT_EQ(bad.error().exchange()->code, "50113");
  EXPECT_EQ(bad.error().exchange()->message, "Invalid signature.");

  const auto& k = paper_.key("good");
  KeyMaterial phrase{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                     crypto::SecretBytes::CopyFrom(k.passphrase + "x")};
  auto wrong_phrase = registry_.Open("okx", paper_.okx_url(), std::move(phrase));
  ASSERT_TRUE(wrong_phrase) << wrong_phrase.error();
  auto no_phrase = Run((*wrong_phrase)->Balances());
  ASSERT_FALSE(no_phrase);
  EXPECT_EQ(FailureOf(no_phrase.error()), Failure::kSignatureRejected);
  EXPECT_EQ(no_phrase.error().exchange()->code, "50105");

  auto ip = Run(Client("otherip")->Balances());
  ASSERT_FALSE(ip);
  EXPECT_EQ(FailureOf(ip.error()), Failure::kIpNotWhitelisted);
  EXPECT_EQ(ip.error().exchange()->code, "50110");
}

TEST_F(PaperOkx, AClockSkewIsResyncedOnce) {
  auto ex = Client("good");
  ASSERT_TRUE(Run(ex->SyncTime()));
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetClockSkew(45'000);  // the exchange's clock 45 s ahead: past OKX's 30 s
  }
  auto balances = Run(ex->Balances());
  ASSERT_TRUE(balances) << balances.error();  // 50102, re-synced, sent again
  EXPECT_GT(static_cast<OkxExchange&>(*ex).time_offset_ms(), 40'000);
}

}  // namespace
}  // namespace amanah::exchange::okx
