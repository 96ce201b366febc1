// The Kraken adapter against the paper exchange's Kraken venue over real HTTP on 127.0.0.1: the
// key's own report (GetApiKeyInfo) and the account's margin state, pairs and balances under
// Kraken's names, spot orders through their life (a resting limit by cl_ord_id, a market buy by
// quote value, cancels), the validate-only test order, and refused keys (no permission, wrong
// secret, another IP, a reused nonce) classified with Kraken's strings.
#include "exchange/kraken/kraken_exchange.h"

#include <gtest/gtest.h>

#include "testing/decimal.h"
#include "testing/paper_adapters.h"

namespace amanah::exchange::kraken {
namespace {

using testing::D;

class PaperKraken : public testing::PaperAdapters {
 protected:
  PaperKraken()
      : PaperAdapters(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
                   "min_qty": "0.00005", "min_notional": "1", "start_price": "65000.0", "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"venue": "kraken", "name": "maryam", "balances": {"USDT": "10000", "BTC": "0.5"}},
                   {"venue": "kraken", "name": "debtor", "balances": {"USDT": "100"},
                    "margin_loans": [{"asset": "BTC", "borrowed": "0.05", "interest": "0.0001"}]}],
      "keys": [
        {"name": "good", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "readonly", "account": "maryam", "permissions": {"read": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "otherip", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["192.0.2.1"]},
        {"name": "wide", "account": "debtor", "permissions": {"read": true, "spot_trade": true, "withdraw": true, "earn": true}}
      ]})") {}

  std::unique_ptr<SpotExchange> Client(const std::string& name, std::string secret = "") {
    return Open("kraken", paper_.kraken_url(), name, std::move(secret));
  }
};

TEST_F(PaperKraken, ReadsACompliantKeyAndItsAccount) {
  auto ex = Client("good");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->reading, Flag::kOn);
  EXPECT_EQ(p->spot_trading, Flag::kOn);
  EXPECT_EQ(p->withdrawals, Flag::kOff);
  EXPECT_EQ(p->deposit, Flag::kOff);
  EXPECT_EQ(p->earn, Flag::kOff);
  EXPECT_EQ(p->futures, Flag::kOff);
  EXPECT_EQ(p->read_only, false);
  EXPECT_EQ(p->ip_restricted, true);
  EXPECT_EQ(*p->ip_list, std::vector<std::string>{"127.0.0.1"});
  EXPECT_TRUE(p->extra.empty());
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  EXPECT_FALSE(a->account_id.empty());  // GetApiKeyInfo's iban
  EXPECT_EQ(a->margin_mode, Flag::kOff);
  EXPECT_FALSE(a->total_liability);
  EXPECT_TRUE(a->positions.empty());
  EXPECT_TRUE(a->debts.empty());
}

TEST_F(PaperKraken, FindsFundPermissionsMarginInUseAndPositions) {
  auto ex = Client("wide");
  auto p = Run(ex->Permissions());
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->withdrawals, Flag::kOn);
  EXPECT_EQ(p->earn, Flag::kOn);
  EXPECT_EQ(p->ip_restricted, false);
  auto a = Run(ex->Account());
  ASSERT_TRUE(a) << a.error();
  ASSERT_TRUE(a->total_liability);
  EXPECT_EQ(*a->total_liability, D("0.05"));
  ASSERT_EQ(a->positions.size(), 1u);
  EXPECT_EQ(a->positions[0].kind, "margin");
  EXPECT_EQ(a->positions[0].symbol, "XBTUSD");
}

TEST_F(PaperKraken, PairsBalancesTickerCandlesAndStatus) {
  auto ex = Client("good");
  auto symbols = Run(ex->Symbols());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_EQ(symbols->size(), 1u);
  EXPECT_EQ((*symbols)[0].symbol, "XBTUSDT");
  EXPECT_EQ((*symbols)[0].base, "BTC");
  EXPECT_EQ((*symbols)[0].quote, "USDT");
  EXPECT_EQ((*symbols)[0].tick_size, D("0.1"));
  EXPECT_EQ((*symbols)[0].step_size, D("0.00001"));
  EXPECT_EQ((*symbols)[0].min_qty, D("0.00005"));
  EXPECT_EQ((*symbols)[0].min_notional, D("1"));
  auto balances = Run(ex->Balances());
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  bool btc = false;
  for (const auto& b : *balances) btc = btc || (b.asset == "BTC" && b.free == D("0.5"));
  EXPECT_TRUE(btc);
  auto ticker = Run(ex->Ticker24h("XBTUSDT"));
  ASSERT_TRUE(ticker) << ticker.error();
  EXPECT_EQ(ticker->last_price, D("65000"));
  const int64_t now = base::UnixMillis(clock_.Now());
  auto candles = Run(ex->HourlyCandles("XBTUSDT", now - 3 * 3'600'000, now));
  ASSERT_TRUE(candles) << candles.error();
  for (size_t i = 1; i < candles->size(); ++i) {
    EXPECT_EQ((*candles)[i].open_time_ms - (*candles)[i - 1].open_time_ms, 3'600'000);
  }
  auto status = Run(ex->Status());
  ASSERT_TRUE(status) << status.error();
  EXPECT_TRUE(status->normal);
  auto time = Run(ex->ServerTime());
  ASSERT_TRUE(time) << time.error();
  EXPECT_NEAR(static_cast<double>(*time), static_cast<double>(now), 5000);
}

TEST_F(PaperKraken, SpotOrdersThroughTheirLife) {
  auto ex = Client("good");
  ASSERT_TRUE(Run(ex->SyncTime()));
  OrderRequest rest;
  rest.symbol = "XBTUSDT";
  rest.side = Side::kBuy;
  rest.type = OrderType::kLimit;
  rest.quantity = D("0.001");
  rest.price = D("30000");
  rest.client_order_id = "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(Run(ex->TestOrder(rest)));  // validate=true: checked, not placed
  auto open = Run(ex->OpenOrders("XBTUSDT"));
  ASSERT_TRUE(open) << open.error();
  EXPECT_TRUE(open->empty());
  auto placed = Run(ex->PlaceOrder(rest));
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_EQ(placed->status, OrderStatus::kNew);
  EXPECT_EQ(placed->exchange_status, "open");
  EXPECT_EQ(placed->client_order_id, rest.client_order_id);
  EXPECT_EQ(placed->orig_qty, D("0.001"));
  EXPECT_EQ(placed->price, D("30000"));
  open = Run(ex->OpenOrders("XBTUSDT"));
  ASSERT_TRUE(open) << open.error();
  ASSERT_EQ(open->size(), 1u);
  auto cancelled = Run(ex->CancelOrder("XBTUSDT", rest.client_order_id));
  ASSERT_TRUE(cancelled) << cancelled.error();
  EXPECT_EQ(cancelled->status, OrderStatus::kCanceled);
  EXPECT_EQ(cancelled->exchange_status, "canceled");

  OrderRequest buy;
  buy.symbol = "XBTUSDT";
  buy.side = Side::kBuy;
  buy.type = OrderType::kMarket;
  buy.quote_quantity = D("100");
  buy.client_order_id = "11111111111111111111111111111111";
  auto bought = Run(ex->PlaceOrder(buy));
  ASSERT_TRUE(bought) << bought.error();
  EXPECT_EQ(bought->status, OrderStatus::kFilled);
  EXPECT_GT(bought->executed_qty, D("0.0015"));
  auto fills = Run(ex->OrderTrades("XBTUSDT", bought->order_id));
  ASSERT_TRUE(fills) << fills.error();
  ASSERT_FALSE(fills->empty());
  EXPECT_TRUE((*fills)[0].is_buyer);
  auto history = Run(ex->OrderHistory("XBTUSDT", 0));
  ASSERT_TRUE(history) << history.error();
  EXPECT_EQ(history->size(), 2u);

  OrderRequest tiny = rest;
  tiny.quantity = D("0.00001");
  tiny.client_order_id = "22222222222222222222222222222222";
  auto refused = Run(ex->PlaceOrder(tiny));
  ASSERT_FALSE(refused);
  EXPECT_EQ(FailureOf(refused.error()), Failure::kOrderRejected);
  EXPECT_EQ(refused.error().exchange()->message, "EOrder:Order minimum not met");
}

TEST_F(PaperKraken, RefusedKeysKeepKrakensStrings) {
  auto readonly = Client("readonly");
  OrderRequest o;
  o.symbol = "XBTUSDT";
  o.side = Side::kBuy;
  o.type = OrderType::kLimit;
  o.quantity = D("0.001");
  o.price = D("30000");
  o.client_order_id = "33333333333333333333333333333333";
  auto denied = Run(readonly->PlaceOrder(o));
  ASSERT_FALSE(denied);
  EXPECT_EQ(FailureOf(denied.error()), Failure::kPermissionMissing);
  EXPECT_EQ(denied.error().exchange()->message, "EGeneral:Permission denied");

  // Another valid Base64 secret: the signature does not match.
  auto wrong = Client("good", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");
  auto bad = Run(wrong->Balances());
  ASSERT_FALSE(bad);
  EXPECT_EQ(FailureOf(bad.error()), Failure::kSignatureRejected);
  EXPECT_EQ(bad.error().exchange()->message, "EAPI:Invalid signature");

  auto other = Client("otherip");
  auto blocked = Run(other->Balances());
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().exchange()->message, "EGeneral:Permission denied");
}

TEST_F(PaperKraken, TwoAdaptersOfOneKeyShareItsNonces) {
  // Two adapters of the same key (one registry, one nonce source): their nonces interleave but
  // never go back, so neither is refused.
  auto a = Client("good");
  auto b = Client("good");
  for (int i = 0; i < 5; ++i) {
    auto x = Run(a->Balances());
    ASSERT_TRUE(x) << x.error();
    auto y = Run(b->OpenOrders("XBTUSDT"));
    ASSERT_TRUE(y) << y.error();
  }
}

}  // namespace
}  // namespace amanah::exchange::kraken
