// Plans against an in-process paper exchange that keeps the test's fake clock — Amanah's and the
// exchange's time move together, so a week of hourly runs takes as long as the runs themselves.
// A key "main" on an account with USDT, BTC and ETH, and pairs approved for it.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "strategy/plan_scheduler.h"
#include "testing/paper_server.h"
#include "testing/test_environment.h"
#include "transport/run_blocking.h"

namespace amanah::strategy {

inline constexpr std::string_view kPlanScenario = R"({
  "markets": [
    {"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
     "min_qty": "0.00001", "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "5"},
    {"symbol": "ETHUSDT", "base": "ETH", "quote": "USDT", "tick_size": "0.01", "step_size": "0.0001",
     "min_qty": "0.0001", "min_notional": "5", "start_price": "2500.00", "volatility_bp": 0, "level_qty": "50"},
    {"symbol": "AAVEUSDT", "base": "AAVE", "quote": "USDT", "tick_size": "0.01", "step_size": "0.001",
     "min_notional": "5", "start_price": "100.00", "volatility_bp": 0, "level_qty": "10"}
  ],
  "accounts": [{"name": "aisha", "balances": {"USDT": "100000", "BTC": "1", "ETH": "10"}}],
  "keys": [
    {"name": "main", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "next", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

class PlanFixture : public ::testing::Test {
 protected:
  PlanFixture()
      : env_(true, {{"AMANAH_EGRESS_IPS", "127.0.0.1"},
                    {"AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", "1000"},
                    {"AMANAH_POLICY_MIN_QUOTE_VOLUME_24H", "0"}}),
        paper_(kPlanScenario, &env_.clock()) {
    paper_.RaiseLimits();
    const auto& k = paper_.key("main");
    keys::KeyInput input{
        "binance", "main",
        exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                              std::nullopt},
        paper_.url()};
    auto connected = Run(env_.keys().Connect(Tenant(), std::move(input)));
    EXPECT_EQ(connected.kind, keys::ConnectOutcome::Kind::kAccepted);
    auto approved =
        env_.env().pairs().value()->Approve(Tenant(), "main", {"BTCUSDT", "ETHUSDT", "AAVEUSDT"});
    EXPECT_TRUE(approved) << approved.error();
  }

  static store::TenantId Tenant() { return store::TenantId("default"); }
  PlanService& plans() { return *env_.env().plans().value(); }
  PlanRunner& runner() { return *env_.env().plan_runner().value(); }
  engine::OrderEngine& engine() { return *env_.env().engine().value(); }

  template <class T>
  T Run(boost::asio::awaitable<T> call) {
    return transport::RunBlocking(env_.env().io(), std::move(call));
  }

  /// Creates a plan from its JSON (plan.h); the test fails if it cannot.
  CreatedPlan Create(std::string_view body) {
    const boost::json::value v = boost::json::parse(body);
    base::JsonSource src{"test plan", base::ErrorCode::kInvalidArgument};
    auto created = plans().Create(Tenant(), base::JsonView(v, "", &src));
    EXPECT_TRUE(created) << created.error();
    return created ? std::move(*created) : CreatedPlan{};
  }

  PlanScheduler Scheduler(std::string holder = "node-a") {
    PlanScheduler::Options o;
    o.holder = std::move(holder);
    return PlanScheduler({env_.store(), env_.vault(), plans(), runner(), env_.clock()}, o);
  }

  size_t Tick(PlanScheduler& s) {
    auto done = Run(s.Tick());
    EXPECT_TRUE(done) << done.error();
    return done ? *done : 0;
  }

  /// The plan's orders, newest first.
  std::vector<store::OrderRow> OrdersOf(const std::string& plan_id) {
    auto rows = engine().List(Tenant(), std::string("main"), false, 100000);
    EXPECT_TRUE(rows) << rows.error();
    std::vector<store::OrderRow> out;
    if (!rows) return out;
    for (const auto& r : *rows) {
      if (r.source_ref == plan_id) out.push_back(r);
    }
    return out;
  }

  PlanView Find(const std::string& name) {
    auto v = plans().Find(Tenant(), name);
    EXPECT_TRUE(v) << v.error();
    return v ? *v : PlanView{};
  }

  testing::TestEnvironment env_;
  testing::PaperServer paper_;
};

}  // namespace amanah::strategy
