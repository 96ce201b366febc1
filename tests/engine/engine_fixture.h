// The order engine of a test environment against an in-process paper exchange with spot markets
// for every check to refuse: a compliant pair, a leveraged token, a non-compliant asset, a
// doubtful one and an illiquid one; a connected key "main" on an account with USDT and BTC.
#pragma once

#include <algorithm>

#include <gtest/gtest.h>

#include "engine/order_engine.h"
#include "testing/paper_server.h"
#include "testing/test_environment.h"
#include "transport/run_blocking.h"

namespace amanah::engine {

inline constexpr std::string_view kEngineScenario = R"({
  "markets": [
    {"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
     "min_qty": "0.00001", "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"},
    {"symbol": "BTCUPUSDT", "base": "BTCUP", "quote": "USDT", "tick_size": "0.001", "step_size": "0.01",
     "min_notional": "5", "start_price": "10.000", "volatility_bp": 0, "level_qty": "100",
     "permission_sets": [["SPOT", "LEVERAGED"]]},
    {"symbol": "AAVEUSDT", "base": "AAVE", "quote": "USDT", "tick_size": "0.01", "step_size": "0.001",
     "min_notional": "5", "start_price": "100.00", "volatility_bp": 0, "level_qty": "10"},
    {"symbol": "DOGEUSDT", "base": "DOGE", "quote": "USDT", "tick_size": "0.00001", "step_size": "1",
     "min_notional": "5", "start_price": "0.10000", "volatility_bp": 0, "level_qty": "10000"},
    {"symbol": "XRPUSDT", "base": "XRP", "quote": "USDT", "tick_size": "0.0001", "step_size": "0.1",
     "min_notional": "5", "start_price": "0.5000", "volatility_bp": 0, "level_qty": "10000",
     "quote_volume_24h": "1500"}
  ],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}}],
  "keys": [
    {"name": "main", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "second", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

class EngineFixture : public ::testing::Test {
 protected:
  explicit EngineFixture(config::EnvVars vars = {{"AMANAH_EGRESS_IPS", "127.0.0.1"}})
      : env_(true, std::move(vars)), paper_(kEngineScenario) {
    const auto& k = paper_.key("main");
    keys::KeyInput input{
        "binance", "main",
        exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                              std::nullopt},
        paper_.url()};
    auto connected = Run(env_.keys().Connect(Tenant(), std::move(input)));
    EXPECT_EQ(connected.kind, keys::ConnectOutcome::Kind::kAccepted);
    // Every pair of the scenario approved: the tests are about the other checks.
    auto approved = env_.env().pairs().value()->Approve(
        Tenant(), "main", {"BTCUSDT", "BTCUPUSDT", "AAVEUSDT", "DOGEUSDT", "XRPUSDT"});
    EXPECT_TRUE(approved) << approved.error();
  }

  static store::TenantId Tenant() { return store::TenantId("default"); }
  OrderEngine& engine() { return *env_.env().engine().value(); }

  template <class T>
  T Run(boost::asio::awaitable<T> call) {
    return transport::RunBlocking(env_.env().io(), std::move(call));
  }

  order::Intent Intent(std::string symbol, exchange::Side side, std::string qty,
                       std::optional<std::string> limit = std::nullopt) {
    order::Intent i = engine().NewIntent(Tenant());
    i.connection_label = "main";
    i.symbol = std::move(symbol);
    i.side = side;
    i.quantity = base::Decimal::Parse(qty).value();
    if (limit) {
      i.type = exchange::OrderType::kLimit;
      i.limit_price = base::Decimal::Parse(*limit).value();
    } else {
      i.type = exchange::OrderType::kMarket;
    }
    return i;
  }

  SubmitOutcome Submit(order::Intent intent, bool dry_run = false) {
    auto out = Run(engine().Submit(std::move(intent), dry_run));
    EXPECT_TRUE(out) << out.error();
    return out ? *out : SubmitOutcome{};
  }

  std::vector<std::string> Kinds() { return env_.JournalKinds(); }
  /// How many journal records of `kind` there are.
  size_t Count(std::string_view kind) {
    auto kinds = Kinds();
    return static_cast<size_t>(std::count(kinds.begin(), kinds.end(), kind));
  }

  /// A foreign limit order on the account of key "main", as the paper's admin API places it (a
  /// thief holding the key), with client order id x-thief-0001.
  void PlaceForeign(std::string symbol = "BTCUSDT", paper::Side side = paper::Side::kSell,
                    std::string qty = "0.01", std::string price = "70000",
                    std::string client_order_id = "x-thief-0001") {
    auto lock = paper_.exchange().Lock();
    paper::NewOrder o;
    o.symbol = std::move(symbol);
    o.side = side;
    o.type = paper::OrderType::kLimit;
    o.quantity = base::Decimal::Parse(qty).value();
    o.price = base::Decimal::Parse(price).value();
    o.client_order_id = std::move(client_order_id);
    o.placed_by_admin = true;
    auto* key = paper_.exchange().FindKey(paper_.key("main").api_key);
    ASSERT_TRUE(key);
    ASSERT_TRUE(paper_.exchange().PlaceOrder(key->account, o));
  }

  testing::TestEnvironment env_;
  testing::PaperServer paper_;
};

}  // namespace amanah::engine
