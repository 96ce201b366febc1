// OKX's reference response examples (tests/paper/fixtures/okx/) read into the neutral types:
// instruments with their filters, balances and liabilities, the key's and account's
// configuration — perm, ip, the account mode reaching margin and derivatives, spot borrowing and
// auto-loan — positions, orders (a market buy by quote amount), fills (a fee paid written
// negative) and the order states; and a dropped field is an error that names it.
#include "exchange/okx/okx_parse.h"

#include <gtest/gtest.h>

#include "testing/exchange_fixtures.h"

namespace amanah::exchange::okx {
namespace {

using testing::OkxFixture;

base::JsonDocument OkxDoc(const std::string& text) {
  return base::JsonDocument::Parse(text, {"OKX", base::ErrorCode::kDataLoss}).value();
}

std::string Str(const base::Decimal& d) { return d.ToNormalizedString(); }

TEST(OkxParse, InstrumentsCarryTheirFilters) {
  auto doc = OkxDoc(OkxFixture("public_instruments_spot.json"));
  auto symbols = ParseInstruments(doc.Root());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_FALSE(symbols->empty());
  const SymbolInfo& s = symbols->front();
  EXPECT_EQ(s.symbol, "BTC-USDT");
  EXPECT_EQ(s.base, "BTC");
  EXPECT_EQ(s.quote, "USDT");
  EXPECT_TRUE(s.spot);
  EXPECT_TRUE(s.trading);
  EXPECT_EQ(Str(s.tick_size), "0.1");
  EXPECT_EQ(Str(s.step_size), "0.00000001");
  EXPECT_EQ(Str(s.min_qty), "0.00001");
  EXPECT_EQ(Str(s.max_notional), "1000000");
  EXPECT_TRUE(s.market_max_qty.IsZero());  // "" in the example
  EXPECT_EQ(s.permissions, (std::vector<std::string>{"SPOT", "MARGIN"}));
}

TEST(OkxParse, TheOfficialConfigurationMapsOntoTheNeutralReport) {
  auto doc = OkxDoc(OkxFixture("account_config.json"));
  auto info = ParseConfig(doc.Root());
  ASSERT_TRUE(info) << info.error();
  const PermissionReport& p = info->report;
  EXPECT_EQ(info->uid, "44705892343619584");
  EXPECT_EQ(info->account_level, "2");
  EXPECT_EQ(AccountLevelName(info->account_level), "Futures mode");
  EXPECT_EQ(p.read_only, false);
  EXPECT_EQ(p.spot_trading, Flag::kOn);
  EXPECT_EQ(p.withdrawals, Flag::kOn);  // "read_only,withdraw,trade"
  EXPECT_EQ(p.futures, Flag::kOn);      // trade in Futures mode
  EXPECT_EQ(p.margin, Flag::kOn);
  EXPECT_EQ(p.ip_restricted, false);  // "ip": ""
  EXPECT_FALSE(info->spot_borrow);
  EXPECT_FALSE(info->auto_loan);

  auto spot =
      OkxDoc(R"({"code":"0","data":[{"perm":"read_only,trade","acctLv":"1","enableSpotBorrow":false,
      "autoLoan":false,"uid":"7","ip":"203.0.113.7, 198.51.100.2"}]})");
  info = ParseConfig(spot.Root());
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->report.futures, Flag::kOff);
  EXPECT_EQ(info->report.margin, Flag::kOff);
  EXPECT_EQ(info->report.withdrawals, Flag::kOff);
  ASSERT_TRUE(info->report.ip_list);
  EXPECT_EQ(*info->report.ip_list, (std::vector<std::string>{"203.0.113.7", "198.51.100.2"}));

  auto borrow =
      OkxDoc(R"({"code":"0","data":[{"perm":"read_only,trade","acctLv":"1","enableSpotBorrow":true,
      "autoLoan":false,"uid":"7","ip":""}]})");
  info = ParseConfig(borrow.Root());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->report.margin, Flag::kOn);  // spot borrowing in Spot mode

  auto read_only =
      OkxDoc(R"({"code":"0","data":[{"perm":"read_only","acctLv":"1","enableSpotBorrow":false,
      "autoLoan":false,"uid":"7","ip":""}]})");
  info = ParseConfig(read_only.Root());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->report.read_only, true);
  EXPECT_EQ(info->report.spot_trading, Flag::kOff);

  auto dropped = OkxDoc(R"({"code":"0","data":[{"perm":"read_only","uid":"7","ip":""}]})");
  auto refused = ParseConfig(dropped.Root());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("acctLv"), std::string::npos);
}

TEST(OkxParse, BalancesLiabilitiesAndPositions) {
  auto doc = OkxDoc(OkxFixture("account_balance.json"));
  auto balances = ParseBalance(doc.Root());
  ASSERT_TRUE(balances) << balances.error();
  AccountState state;
  ASSERT_TRUE(ParseDebts(doc.Root(), state));

  auto owing = OkxDoc(R"({"code":"0","data":[{"details":[
      {"ccy":"USDT","availBal":"90","frozenBal":"10","liab":"250","crossLiab":"250","isoLiab":"","interest":"0.07"},
      {"ccy":"BTC","availBal":"0.1","frozenBal":"","liab":"","crossLiab":"","isoLiab":"","interest":""}]}]})");
  balances = ParseBalance(owing.Root());
  ASSERT_TRUE(balances) << balances.error();
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ(Str((*balances)[0].free), "90");
  EXPECT_EQ(Str((*balances)[0].locked), "10");
  state = AccountState{};
  ASSERT_TRUE(ParseDebts(owing.Root(), state));
  ASSERT_EQ(state.debts.size(), 1u);
  EXPECT_EQ(Str(state.debts[0].borrowed), "250");
  EXPECT_EQ(Str(state.debts[0].interest), "0.07");

  auto positions = OkxDoc(OkxFixture("account_positions.json"));
  ASSERT_TRUE(ParsePositions(positions.Root(), state));
  ASSERT_EQ(state.positions.size(), 1u);
  EXPECT_EQ(state.positions[0].symbol, "BTC-USDT");
  EXPECT_EQ(state.positions[0].kind, "margin");
}

TEST(OkxParse, OrdersFillsAndStates) {
  auto details = OkxDoc(OkxFixture("trade_order_details.json"));
  auto orders = ParseOrders(details.Root());
  ASSERT_TRUE(orders) << orders.error();
  ASSERT_EQ(orders->size(), 1u);
  const OrderReport& o = (*orders)[0];
  EXPECT_EQ(o.symbol, "BTC-USDT");
  EXPECT_EQ(o.order_id, "680800019749904384");
  EXPECT_EQ(o.status, OrderStatus::kFilled);
  EXPECT_EQ(o.side, Side::kBuy);
  EXPECT_EQ(Str(o.executed_qty), "0.00192834");
  EXPECT_EQ(o.orig_qty, o.executed_qty);  // sz "100" was in USDT (tgtCcy quote_ccy)
  EXPECT_EQ(o.time_ms, 1708587373361);
  auto pending = OkxDoc(OkxFixture("trade_orders_pending.json"));
  auto open = ParseOrders(pending.Root());
  ASSERT_TRUE(open) << open.error();
  ASSERT_FALSE(open->empty());
  EXPECT_EQ((*open)[0].status, OrderStatus::kNew);

  auto fills = OkxDoc(OkxFixture("trade_fills.json"));
  auto trades = ParseFills(fills.Root());
  ASSERT_TRUE(trades) << trades.error();
  ASSERT_FALSE(trades->empty());
  EXPECT_EQ(Str((*trades)[0].commission), "0.00000192834");  // written -0.00000192834
  EXPECT_EQ((*trades)[0].commission_asset, "BTC");
  EXPECT_TRUE((*trades)[0].is_buyer);

  auto placed = OkxDoc(OkxFixture("trade_order_place.json"));
  auto ack = ParseOrderAck(placed.Root());
  ASSERT_TRUE(ack) << ack.error();
  EXPECT_EQ(ack->order_id, "312269865356374016");
  EXPECT_EQ(ack->client_order_id, "oktswap6");

  EXPECT_EQ(MapOrderState("partially_filled"), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(MapOrderState("mmp_canceled"), OrderStatus::kCanceled);
  EXPECT_EQ(MapOrderState("bogus"), OrderStatus::kUnknown);
}

}  // namespace
}  // namespace amanah::exchange::okx
