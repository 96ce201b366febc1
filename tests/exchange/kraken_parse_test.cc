// Kraken's reference response examples (tests/paper/fixtures/kraken/) read into the neutral
// types: asset pairs with their filters (altname as the symbol, XBT as BTC), BalanceEx with its
// amounts written as JSON numbers (read exactly as written), margin in use and open margin
// positions, orders with their states, trades mapped to Amanah's symbols, an AddOrder's txid;
// GetApiKeyInfo's permissions in either spelling Kraken uses, an unknown permission kept as
// forbidden, the allow-list and validity; and a dropped field is an error that names it.
#include "exchange/kraken/kraken_parse.h"

#include <gtest/gtest.h>

#include "testing/exchange_fixtures.h"

namespace amanah::exchange::kraken {
namespace {

using testing::KrakenFixture;

base::JsonDocument KrakenDoc(const std::string& text) {
  return base::JsonDocument::Parse(text, {"Kraken", base::ErrorCode::kDataLoss}).value();
}
base::JsonView ResultOf(const base::JsonDocument& doc) {
  return doc.Root().Field("result").value();
}
std::string Dec(const base::Decimal& d) { return d.ToNormalizedString(); }

const std::map<std::string, std::string> kAssets = {
    {"XXBT", "BTC"}, {"XETH", "ETH"}, {"ZUSD", "USD"}, {"ZEUR", "EUR"}};

TEST(KrakenParse, AssetPairsUseTheAltnameAndNeutralAssets) {
  auto doc = KrakenDoc(KrakenFixture("asset_pairs.json"));
  std::vector<PairNames> names;
  auto pairs = ParseAssetPairs(ResultOf(doc), kAssets, &names);
  ASSERT_TRUE(pairs) << pairs.error();
  ASSERT_FALSE(pairs->empty());
  const SymbolInfo& s = pairs->front();
  EXPECT_EQ(s.symbol, "ETHXBT");
  EXPECT_EQ(s.base, "ETH");
  EXPECT_EQ(s.quote, "BTC");
  EXPECT_TRUE(s.spot);
  EXPECT_EQ(names.front().id, "XETHXXBT");
  EXPECT_EQ(names.front().altname, "ETHXBT");
  EXPECT_TRUE(s.min_qty.IsPositive());
  EXPECT_TRUE(s.tick_size.IsPositive());
  EXPECT_EQ(Dec(s.step_size), "0.00000001");  // lot_decimals 8
}

TEST(KrakenParse, AssetNamesBecomeNeutral) {
  EXPECT_EQ(NeutralAsset("XBT"), "BTC");
  EXPECT_EQ(NeutralAsset("XDG"), "DOGE");
  EXPECT_EQ(NeutralAsset("ETH"), "ETH");
  auto doc = KrakenDoc(R"({"XXBT":{"aclass":"currency","altname":"XBT","decimals":10},
                           "ZUSD":{"aclass":"currency","altname":"USD","decimals":4}})");
  auto assets = ParseAssets(doc.Root());
  ASSERT_TRUE(assets);
  EXPECT_EQ(assets->at("XXBT"), "BTC");
  EXPECT_EQ(assets->at("ZUSD"), "USD");
}

TEST(KrakenParse, BalanceExNumbersAreReadAsWritten) {
  auto doc = KrakenDoc(KrakenFixture("balance_ex.json"));
  auto balances = ParseBalanceEx(ResultOf(doc), kAssets);
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ((*balances)[0].asset, "USD");
  EXPECT_EQ(Dec((*balances)[0].free), "17185.45");  // 25435.21 − 8249.76, exactly
  EXPECT_EQ(Dec((*balances)[0].locked), "8249.76");
  EXPECT_EQ((*balances)[1].asset, "BTC");
  EXPECT_EQ(Dec((*balances)[1].free), "0.4012");
}

TEST(KrakenParse, AmountsAsStringsAndNumbers) {
  auto doc = KrakenDoc(R"({"a":"0.10000000","b":0.1,"c":12,"d":0.12345678901234567,"e":"x",
                           "f":"+154186.9728"})");
  EXPECT_EQ(Dec(AmountOf(doc.Root(), "a").value()), "0.1");
  EXPECT_EQ(Dec(AmountOf(doc.Root(), "b").value()), "0.1");
  EXPECT_EQ(Dec(AmountOf(doc.Root(), "c").value()), "12");
  EXPECT_FALSE(AmountOf(doc.Root(), "d"));  // more digits than a double carries exactly
  EXPECT_FALSE(AmountOf(doc.Root(), "e"));
  EXPECT_EQ(Dec(AmountOf(doc.Root(), "f").value()), "154186.9728");
  auto missing = AmountOf(doc.Root(), "g");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("g is missing"), std::string::npos);
}

TEST(KrakenParse, CreditUsedIsADebt) {
  auto doc = KrakenDoc(R"({"ZUSD":{"balance":"100.0","hold_trade":"0","credit":"500",
                                   "credit_used":"120.5"}})");
  std::vector<Debt> debts;
  auto balances = ParseBalanceEx(doc.Root(), kAssets, &debts);
  ASSERT_TRUE(balances);
  ASSERT_EQ(debts.size(), 1u);
  EXPECT_EQ(debts[0].asset, "USD");
  EXPECT_EQ(Dec(debts[0].borrowed), "120.5");
}

TEST(KrakenParse, MarginInUseAndOpenPositions) {
  AccountState state;
  auto trade = KrakenDoc(KrakenFixture("trade_balance.json"));
  ASSERT_TRUE(ParseTradeBalance(ResultOf(trade), state));
  ASSERT_TRUE(state.total_liability);
  EXPECT_EQ(Dec(*state.total_liability), "7.0354");
  auto positions = KrakenDoc(KrakenFixture("open_positions.json"));
  ASSERT_TRUE(ParseOpenPositions(ResultOf(positions), state));
  ASSERT_EQ(state.positions.size(), 5u);
  EXPECT_EQ(state.positions[0].symbol, "XXBTZUSD");
  EXPECT_EQ(state.positions[0].kind, "margin");
  EXPECT_EQ(Dec(state.positions[0].size), "8.62212861");  // vol − vol_closed
  EXPECT_EQ(state.margin_mode, Flag::kOn);

  AccountState clean;
  auto none = KrakenDoc(R"({"eb":"10","tb":"10","m":"0.0000","n":"0","c":"0","v":"0","e":"10",
                            "mf":"10"})");
  ASSERT_TRUE(ParseTradeBalance(none.Root(), clean));
  EXPECT_FALSE(clean.total_liability);
  auto empty = KrakenDoc("{}");
  ASSERT_TRUE(ParseOpenPositions(empty.Root(), clean));
  EXPECT_TRUE(clean.positions.empty());
}

TEST(KrakenParse, OrdersWithTheirStates) {
  auto doc = KrakenDoc(KrakenFixture("query_orders.json"));
  auto orders = ParseOrders(ResultOf(doc), "");
  ASSERT_TRUE(orders) << orders.error();
  ASSERT_GE(orders->size(), 2u);
  const OrderReport* stop = nullptr;
  for (const auto& o : *orders) {
    if (o.order_id == "OBCMZD-JIEE7-77TH3F") stop = &o;
  }
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->symbol, "XBTUSD");
  EXPECT_EQ(stop->side, Side::kBuy);
  EXPECT_EQ(stop->status, OrderStatus::kFilled);
  EXPECT_EQ(Dec(stop->executed_qty), "1.25");
  EXPECT_EQ(Dec(stop->cumulative_quote), "27526.2");
  EXPECT_EQ(stop->time_ms, 1688665496781);

  auto open = KrakenDoc(KrakenFixture("open_orders.json"));
  auto list = ParseOrders(ResultOf(open), "open");
  ASSERT_TRUE(list) << list.error();
  ASSERT_EQ(list->size(), 2u);
  for (const auto& o : *list) {
    // OQCLML-…: 0.375 of 1.25 executed; OB5VMB-…: nothing yet.
    EXPECT_EQ(o.status, o.order_id == "OQCLML-BW3P3-BUCMWZ" ? OrderStatus::kPartiallyFilled
                                                            : OrderStatus::kNew)
        << o.order_id;
  }

  EXPECT_EQ(MapOrderStatus("canceled", base::Decimal::FromInt(1), base::Decimal()),
            OrderStatus::kCanceled);
  EXPECT_EQ(MapOrderStatus("expired", base::Decimal::FromInt(1), base::Decimal()),
            OrderStatus::kExpired);
  EXPECT_EQ(MapOrderStatus("pending", base::Decimal::FromInt(1), base::Decimal()),
            OrderStatus::kNew);
  EXPECT_EQ(MapOrderStatus("weird", base::Decimal::FromInt(1), base::Decimal()),
            OrderStatus::kUnknown);
}

TEST(KrakenParse, TradesUseAmanahsSymbols) {
  auto doc = KrakenDoc(KrakenFixture("trades_history.json"));
  auto trades = ParseTrades(ResultOf(doc), "trades", {{"XXBTZUSD", "XBTUSD"}});
  ASSERT_TRUE(trades) << trades.error();
  ASSERT_EQ(trades->size(), 2u);
  EXPECT_EQ((*trades)[0].symbol, "XBTUSD");
  EXPECT_EQ((*trades)[0].order_id, "OQCLML-BW3P3-BUCMWZ");
  EXPECT_TRUE((*trades)[0].is_buyer);
  EXPECT_LT((*trades)[0].time_ms, (*trades)[1].time_ms);  // oldest first
  EXPECT_EQ(Dec((*trades)[0].qty), "0.01");
}

TEST(KrakenParse, AddOrderAcknowledgesItsTxid) {
  auto doc = KrakenDoc(KrakenFixture("add_order_spot.json"));
  auto txid = ParseAddOrder(ResultOf(doc));
  ASSERT_TRUE(txid) << txid.error();
  EXPECT_EQ(*txid, "OU22CG-KLAF2-FWUDD7");
}

TEST(KrakenParse, ApiKeyInfoAsDocumented) {
  // The documented example's permissions: reading, withdrawing, querying and placing orders.
  auto doc = KrakenDoc(R"({"apiKeyName":"bot","apiKey":"k","nonce":"0","nonceWindow":0,
      "permissions":["query-funds","withdraw-funds","query-open-trades","modify-trades"],
      "iban":"AA11 N84G WABC DEFG","validUntil":"0","queryFrom":"0","queryTo":"0",
      "createdTime":"1700000000","modifiedTime":"1700000000","ipAllowlist":[],"lastUsed":"0"})");
  auto info = ParseApiKeyInfo(doc.Root());
  ASSERT_TRUE(info) << info.error();
  const PermissionReport& p = info->report;
  EXPECT_EQ(p.reading, Flag::kOn);
  EXPECT_EQ(p.spot_trading, Flag::kOn);
  EXPECT_EQ(p.withdrawals, Flag::kOn);
  EXPECT_EQ(p.deposit, Flag::kOff);
  EXPECT_EQ(p.earn, Flag::kOff);
  EXPECT_EQ(p.futures, Flag::kOff);
  EXPECT_EQ(p.read_only, false);
  EXPECT_EQ(p.ip_restricted, false);
  EXPECT_FALSE(p.expires_at_ms);  // "0": no expiry
  EXPECT_EQ(p.created_at_ms, 1700000000000);
  EXPECT_TRUE(p.extra.empty());
  EXPECT_EQ(info->iban, "AA11 N84G WABC DEFG");
}

TEST(KrakenParse, ApiKeyInfoInTheKeyCreationSpelling) {
  auto doc = KrakenDoc(R"({"permissions":["funds_query","funds_add","funds_earn",
      "trades_query_open","trades_query_closed","trades_close","ledger_query","export_data",
      "brand_new_power"],"ipAllowlist":["203.0.113.7"],"validUntil":"1900000000"})");
  auto info = ParseApiKeyInfo(doc.Root());
  ASSERT_TRUE(info) << info.error();
  const PermissionReport& p = info->report;
  EXPECT_EQ(p.reading, Flag::kOn);
  EXPECT_EQ(p.deposit, Flag::kOn);
  EXPECT_EQ(p.earn, Flag::kOn);
  EXPECT_EQ(p.withdrawals, Flag::kOff);
  EXPECT_EQ(p.spot_trading, Flag::kOff);
  EXPECT_EQ(p.read_only, true);
  EXPECT_EQ(p.ip_restricted, true);
  EXPECT_EQ(p.ip_list, (std::vector<std::string>{"203.0.113.7"}));
  EXPECT_EQ(p.expires_at_ms, 1900000000000);
  // A permission Amanah does not know is kept by its name, and forbidden until shown otherwise.
  ASSERT_EQ(p.extra.size(), 1u);
  EXPECT_EQ(p.extra[0].name, "brand_new_power");
  EXPECT_EQ(p.extra[0].value, Flag::kOn);
  EXPECT_TRUE(p.extra[0].forbidden);
}

TEST(KrakenParse, ADroppedFieldIsNamed) {
  auto doc = KrakenDoc(R"({"permissions":["query-funds"]})");
  auto info = ParseApiKeyInfo(doc.Root());
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().message().find("ipAllowlist"), std::string::npos);
  auto order = KrakenDoc(R"({"O1":{"descr":{"pair":"XBTUSD","type":"buy","price":"1"},
                                    "status":"open","vol":"1","cost":"0","opentm":1}})");
  auto orders = ParseOrders(order.Root(), "");
  ASSERT_FALSE(orders);
  EXPECT_NE(orders.error().message().find("O1.vol_exec is missing"), std::string::npos);
}

TEST(KrakenParse, SystemStatusTickerAndCandles) {
  auto status = KrakenDoc(KrakenFixture("system_status.json"));
  auto s = ParseSystemStatus(ResultOf(status));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->normal);
  auto maint = KrakenDoc(R"({"status":"maintenance","timestamp":"2023-07-06T18:52:00Z"})");
  EXPECT_FALSE(ParseSystemStatus(maint.Root())->normal);

  auto ticker = KrakenDoc(R"({"XXBTZUSD":{"a":["30300.1","1","1.000"],"c":["30303.2","0.00067643"],
      "v":["4083.67001100","4412.73601799"],"p":["30706.77771","30689.13205"]}})");
  auto t = ParseTicker(ticker.Root(), "XBTUSD");
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(Dec(t->last_price), "30303.2");
  EXPECT_EQ(t->symbol, "XBTUSD");
  EXPECT_TRUE(t->quote_volume_24h.IsPositive());

  auto ohlc = KrakenDoc(R"({"XXBTZUSD":[[1688672400,"30306.1","30306.2","30305.7","30305.7",
      "30306.1","3.39243896",23],[1688668800,"30300.0","30310.0","30290.0","30305.0","30300",
      "1.0",5]],"last":1688672160})");
  auto candles = ParseOhlc(ohlc.Root());
  ASSERT_TRUE(candles) << candles.error();
  ASSERT_EQ(candles->size(), 2u);
  EXPECT_EQ((*candles)[0].open_time_ms, 1688668800000);  // oldest first
  EXPECT_EQ(Dec((*candles)[1].close), "30305.7");
}

}  // namespace
}  // namespace amanah::exchange::kraken
