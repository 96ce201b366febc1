// The key service of a test environment against an in-process paper exchange: helpers to connect
// a scenario key, run the service's coroutines, and look at the stored state and the journal.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "keys/key_service.h"
#include "testing/files.h"
#include "testing/paper_server.h"
#include "testing/test_environment.h"
#include "transport/run_blocking.h"

namespace amanah::keys {

inline constexpr std::string_view kKeysScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
               "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}},
               {"name": "omar", "balances": {"USDT": "10"}},
               {"name": "bilal", "balances": {"USDT": "100"}, "margin_loans": [{"asset": "USDT", "borrowed": "75"}]}],
  "keys": [
    {"name": "good", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "good2", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "other-account", "account": "omar", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "withdraw", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true, "withdrawals": true}},
    {"name": "debt", "account": "bilal", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

class KeysFixture : public ::testing::Test {
 protected:
  KeysFixture() : env_(true, {{"AMANAH_EGRESS_IPS", "127.0.0.1"}}), paper_(kKeysScenario) {}

  KeyService& keys() { return env_.keys(); }
  template <class T>
  T Run(boost::asio::awaitable<T> call) {
    return transport::RunBlocking(env_.env().io(), std::move(call));
  }
  static store::TenantId Tenant() { return store::TenantId("default"); }

  KeyInput Input(const std::string& label, const std::string& key) {
    const auto& k = paper_.key(key);
    return KeyInput{"binance", label,
                    exchange::KeyMaterial{k.api_key, "hmac",
                                          crypto::SecretBytes::CopyFrom(k.secret), std::nullopt},
                    paper_.url()};
  }
  ConnectOutcome Connect(const std::string& label, const std::string& key) {
    return Run(keys().Connect(Tenant(), Input(label, key)));
  }
  AuditOutcome Audit(const std::string& label) { return Run(keys().Audit(Tenant(), label)); }

  std::vector<std::string> Kinds() { return env_.JournalKinds(); }
  store::Connection Row(const std::string& label) {
    auto c = *env_.store().Read(
        [&](store::UnitOfWork& u) { return u.connections().FindByLabel(Tenant(), label); });
    EXPECT_TRUE(c) << label;
    return c ? *c : store::Connection{};
  }
  void SetPermission(const std::string& key, bool paper::Permissions::*field, bool on) {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key(key).api_key)->permissions.*field = on;
  }

  testing::TestEnvironment env_;
  testing::PaperServer paper_;
};

}  // namespace amanah::keys
