// Bybit's official response examples (tests/paper/fixtures/bybit/, verbatim) read into the neutral
// types: instruments with their filters, the wallet's balances and debts, the key's permissions,
// the account mode, spot margin, positions, orders, executions and the system status — and a
// dropped field is an error that names it.
#include "exchange/bybit/bybit_parse.h"

#include <gtest/gtest.h>

#include "testing/exchange_fixtures.h"

namespace amanah::exchange::bybit {
namespace {

using testing::BybitFixture;

base::JsonDocument Doc(const std::string& text) {
  return base::JsonDocument::Parse(text, {"Bybit", base::ErrorCode::kDataLoss}).value();
}

std::string Plain(const base::Decimal& d) { return d.ToNormalizedString(); }

TEST(BybitParse, InstrumentsCarryTheirFilters) {
  auto doc = Doc(BybitFixture("instruments_info_spot.json"));
  auto symbols = ParseInstruments(doc.Root());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_EQ(symbols->size(), 1u);
  const SymbolInfo& s = symbols->front();
  EXPECT_EQ(s.symbol, "BTCUSDT");
  EXPECT_EQ(s.base, "BTC");
  EXPECT_TRUE(s.trading);
  EXPECT_EQ(Plain(s.tick_size), "0.1");
  EXPECT_EQ(Plain(s.step_size), "0.000001");
  EXPECT_EQ(Plain(s.min_qty), "0.000011");
  EXPECT_EQ(Plain(s.max_qty), "83");
  EXPECT_EQ(Plain(s.market_max_qty), "41.5");
  EXPECT_EQ(Plain(s.min_notional), "5");
  EXPECT_EQ(s.permissions, (std::vector<std::string>{"SPOT", "MARGIN"}));
}

TEST(BybitParse, TheWalletsBalancesAndDebts) {
  auto doc = Doc(BybitFixture("account_wallet_balance.json"));
  auto balances = ParseWalletBalance(doc.Root());
  ASSERT_TRUE(balances) << balances.error();
  EXPECT_TRUE(balances->empty());  // the example's BTC has a zero wallet balance
  AccountState state;
  ASSERT_TRUE(ParseDebts(doc.Root(), state));
  EXPECT_TRUE(state.debts.empty());

  auto owing = Doc(R"({"retCode":0,"result":{"list":[{"coin":[
      {"coin":"USDT","walletBalance":"120.5","locked":"20","borrowAmount":"250","spotBorrow":"250","accruedInterest":"0.07"},
      {"coin":"BTC","walletBalance":"0.1","locked":"","borrowAmount":"","spotBorrow":"0","accruedInterest":""}]}]}})");
  balances = ParseWalletBalance(owing.Root());
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ(Plain((*balances)[0].free), "100.5");
  EXPECT_EQ(Plain((*balances)[0].locked), "20");
  ASSERT_TRUE(ParseDebts(owing.Root(), state));
  ASSERT_EQ(state.debts.size(), 1u);
  EXPECT_EQ(state.debts[0].asset, "USDT");
  EXPECT_EQ(Plain(state.debts[0].borrowed), "250");
  EXPECT_EQ(Plain(state.debts[0].interest), "0.07");
}

TEST(BybitParse, TheOfficialKeyExampleMapsOntoTheNeutralReport) {
  auto doc = Doc(BybitFixture("user_query_api.json"));
  auto info = ParseQueryApi(doc.Root());
  ASSERT_TRUE(info) << info.error();
  const PermissionReport& p = info->report;
  EXPECT_EQ(info->user_id, "1448939");
  EXPECT_EQ(p.read_only, true);
  EXPECT_EQ(p.reading, Flag::kOn);
  EXPECT_EQ(p.spot_trading, Flag::kOff);  // SpotTrade listed, but the key is read-only
  EXPECT_EQ(p.futures, Flag::kOn);
  EXPECT_EQ(p.options, Flag::kOff);
  EXPECT_EQ(p.universal_transfer, Flag::kOn);
  EXPECT_EQ(p.internal_transfer, Flag::kOn);
  EXPECT_EQ(p.withdrawals, Flag::kOff);
  EXPECT_EQ(p.earn, Flag::kOn);
  EXPECT_EQ(p.ip_restricted, true);
  ASSERT_TRUE(p.ip_list);
  EXPECT_EQ(p.ip_list->size(), 3u);
  EXPECT_FALSE(p.expires_at_ms);  // 1970-01-01T00:00:00Z: no expiry
  ASSERT_TRUE(p.created_at_ms);
  EXPECT_EQ(*p.created_at_ms, 1760325645000);
  auto extra = [&](std::string_view name) {
    for (const auto& e : p.extra) {
      if (e.name == name) return e.value;
    }
    return Flag::kUnknown;
  };
  EXPECT_EQ(extra("Exchange"), Flag::kOn);
  EXPECT_EQ(extra("FiatP2P"), Flag::kOn);
  EXPECT_EQ(extra("BlockTrade"), Flag::kOff);
  EXPECT_EQ(extra("FiatGlobalPay"), Flag::kOff);

  auto unbound = Doc(
      R"({"result":{"readOnly":0,"permissions":{"Spot":["SpotTrade"]},"ips":["*"],"userID":7}})");
  info = ParseQueryApi(unbound.Root());
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->report.ip_restricted, false);
  EXPECT_EQ(info->report.spot_trading, Flag::kOn);

  auto dropped = Doc(R"({"result":{"permissions":{},"ips":[],"userID":7}})");
  auto refused = ParseQueryApi(dropped.Root());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("readOnly"), std::string::npos);
}

TEST(BybitParse, AccountModeSpotMarginAndPositions) {
  AccountState state;
  auto info = Doc(BybitFixture("account_info.json"));
  ASSERT_TRUE(ParseAccountInfo(info.Root(), state));
  EXPECT_EQ(state.account_type, "unified (REGULAR_MARGIN)");
  auto margin = Doc(BybitFixture("spot_margin_state.json"));
  ASSERT_TRUE(ParseSpotMarginState(margin.Root(), state));
  EXPECT_EQ(state.margin_mode, Flag::kOn);
  EXPECT_EQ(state.auto_borrow, Flag::kOn);
  auto positions = Doc(BybitFixture("position_list.json"));
  ASSERT_TRUE(ParsePositions(positions.Root(), "inverse", state));
  ASSERT_EQ(state.positions.size(), 1u);
  EXPECT_EQ(state.positions[0].symbol, "BTCUSD");
  EXPECT_EQ(Plain(state.positions[0].size), "-300");
  EXPECT_EQ(state.positions[0].kind, "perpetual");
}

TEST(BybitParse, OrdersExecutionsAndStatus) {
  auto realtime = Doc(BybitFixture("order_realtime.json"));
  auto orders = ParseOrders(realtime.Root());
  ASSERT_TRUE(orders) << orders.error();
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].client_order_id, "test-000005");
  EXPECT_EQ((*orders)[0].status, OrderStatus::kNew);
  EXPECT_EQ((*orders)[0].side, Side::kBuy);
  EXPECT_EQ(Plain((*orders)[0].price), "1600");
  EXPECT_EQ((*orders)[0].time_ms, 1684738540559);
  auto history = Doc(BybitFixture("order_history.json"));
  ASSERT_TRUE(ParseOrders(history.Root())) << ParseOrders(history.Root()).error();
  auto next = NextCursor(realtime.Root());
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->empty());

  auto fills = Doc(BybitFixture("execution_list.json"));
  auto trades = ParseExecutions(fills.Root());
  ASSERT_TRUE(trades) << trades.error();
  ASSERT_EQ(trades->size(), 1u);
  EXPECT_EQ(Plain((*trades)[0].price), "1190.15");
  EXPECT_EQ(Plain((*trades)[0].quote_qty), "119.015");
  EXPECT_TRUE((*trades)[0].is_buyer);

  EXPECT_EQ(MapOrderStatus("PartiallyFilledCanceled"), OrderStatus::kCanceled);
  EXPECT_EQ(MapOrderStatus("Deactivated"), OrderStatus::kCanceled);
  EXPECT_EQ(MapOrderStatus("Bogus"), OrderStatus::kUnknown);

  auto status = Doc(BybitFixture("system_status.json"));
  auto s = ParseSystemStatus(status.Root());
  ASSERT_TRUE(s) << s.error();
  EXPECT_TRUE(s->normal);  // every maintenance in the example is completed
}

}  // namespace
}  // namespace amanah::exchange::bybit
