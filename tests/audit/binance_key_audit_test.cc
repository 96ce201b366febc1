// The Binance adapter and the key audit against the paper exchange over real HTTP on 127.0.0.1:
// each forbidden permission refuses the key with its finding, no IP restriction warns, margin debt
// refuses, a deleted key and a newly enabled permission are caught at the next audit, maintenance
// and clock skew are handled; and spot orders go through the adapter.
#include "audit/key_audit.h"

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "exchange/binance/binance_exchange.h"
#include "testing/paper_server.h"

namespace amanah::audit {
namespace {

namespace json = boost::json;
using exchange::binance::BinanceExchange;
using exchange::binance::RequestSigner;

class PaperBinance : public ::testing::Test {
 protected:
  PaperBinance()
      : paper_(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
                   "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"name": "alice", "balances": {"USDT": "10000", "BTC": "0.5"}},
                   {"name": "debtor", "balances": {"USDT": "100"}, "margin_loans": [{"asset": "USDT", "borrowed": "50", "interest": "0.01"}]}],
      "keys": [
        {"name": "good", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "withdraw", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true, "withdrawals": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "futures", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true, "futures": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "margin", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true, "margin": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "transfer", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true, "universal_transfer": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "noip", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true}, "created_days_ago": 85},
        {"name": "debt", "account": "debtor", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
      ]})") {
    http_ = transport::HttpClient::Create(paper_.url()).value();
  }

  BinanceExchange Client(const std::string& name) {
    const auto& k = paper_.key(name);
    auto signer = RequestSigner::Create(RequestSigner::KeyType::kHmac, k.api_key,
                                        crypto::SecretBytes::CopyFrom(k.secret))
                      .value();
    return BinanceExchange(*http_, std::move(signer), clock_);
  }

  KeyVerdict Audit(const std::string& name) {
    BinanceExchange ex = Client(name);
    auto permissions = ex.Permissions();
    auto account = ex.Account();
    EXPECT_TRUE(permissions) << permissions.error();
    EXPECT_TRUE(account) << account.error();
    Policy policy;
    policy.egress_ips = {"127.0.0.1"};
    return AuditBinanceKey(*permissions, *account, policy, base::UnixMillis(clock_.Now()));
  }

  static const Finding* Find(const KeyVerdict& v, std::string_view code) {
    for (const auto& f : v.findings) {
      if (f.code == code) return &f;
    }
    return nullptr;
  }

  base::RealClock clock_;
  testing::PaperServer paper_;
  std::unique_ptr<transport::HttpClient> http_;
};

TEST_F(PaperBinance, ACompliantKeyPassesWithItsChecklist) {
  KeyVerdict v = Audit("good");
  EXPECT_TRUE(v.compliant);
  for (const auto& f : v.findings) EXPECT_NE(f.severity, Severity::kHard) << f.code;
  ASSERT_GE(v.checklist.size(), 10u);
  EXPECT_EQ(v.checklist[0].label, "Enable Reading");
  EXPECT_TRUE(v.checklist[0].ok());
  EXPECT_EQ(v.checklist[1].label, "Enable Spot & Margin Trading");
  for (const auto& item : v.checklist) EXPECT_TRUE(item.ok()) << item.label;
  EXPECT_EQ(v.ip_instruction, "Whitelist exactly: 127.0.0.1.");
  EXPECT_NE(v.margin_exclusion.find("spot and margin together"), std::string::npos);
}

struct Forbidden {
  std::string key;
  std::string code;
  std::string concern;
};

class ForbiddenFlags : public PaperBinance, public ::testing::WithParamInterface<Forbidden> {};

TEST_P(ForbiddenFlags, RefuseTheKeyWithThatFinding) {
  KeyVerdict v = Audit(GetParam().key);
  EXPECT_FALSE(v.compliant);
  const Finding* f = Find(v, GetParam().code);
  ASSERT_NE(f, nullptr) << GetParam().code;
  EXPECT_EQ(f->severity, Severity::kHard);
  EXPECT_EQ(f->concern, GetParam().concern);
  EXPECT_NE(f->fix.find("untick"), std::string::npos) << f->fix;
}

INSTANTIATE_TEST_SUITE_P(Binance, ForbiddenFlags,
                         ::testing::Values(Forbidden{"withdraw", "WITHDRAWALS_ENABLED", "custody"},
                                           Forbidden{"futures", "FUTURES_ENABLED", "maysir"},
                                           Forbidden{"margin", "MARGIN_ENABLED", "riba"},
                                           Forbidden{"transfer", "UNIVERSAL_TRANSFER_ENABLED",
                                                     "custody"}),
                         [](const auto& p) { return p.param.key; });

TEST_F(PaperBinance, NoIpRestrictionWarnsAndAnAgingKeyIsReminded) {
  KeyVerdict v = Audit("noip");
  EXPECT_TRUE(v.compliant);
  const Finding* ip = Find(v, "NO_IP_RESTRICTION");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->severity, Severity::kSoft);
  EXPECT_NE(ip->fix.find("127.0.0.1"), std::string::npos);
  const Finding* age = Find(v, "KEY_AGING");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->found, "the key is 85 days old");
}

TEST_F(PaperBinance, MarginDebtRefuses) {
  KeyVerdict v = Audit("debt");
  EXPECT_FALSE(v.compliant);
  const Finding* f = Find(v, "MARGIN_DEBT");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->found, "the margin account owes 50 USDT plus 0.01 interest");
}

TEST_F(PaperBinance, ADeletedKeyAndANewPermissionAreCaughtAtTheNextAudit) {
  EXPECT_TRUE(Audit("good").compliant);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("good").api_key)->permissions.withdrawals = true;
  }
  KeyVerdict later = Audit("good");
  EXPECT_FALSE(later.compliant);
  EXPECT_NE(Find(later, "WITHDRAWALS_ENABLED"), nullptr);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().DeleteKey(paper_.key("good").api_key);
  }
  auto gone = Client("good").Permissions();
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), base::ErrorCode::kPermissionDenied);
  EXPECT_EQ(gone.error().exchange()->code, "-2015");
}

TEST_F(PaperBinance, ClockSkewIsResyncedAndMaintenanceIsSeen) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetClockSkew(120'000);  // the exchange's clock two minutes ahead of ours
  }
  BinanceExchange ex = Client("good");
  auto balances = ex.Balances();  // first attempt -1021, re-sync, second attempt succeeds
  ASSERT_TRUE(balances) << balances.error();
  EXPECT_NEAR(static_cast<double>(ex.time_offset_ms()), 120'000.0, 2'000.0);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  EXPECT_EQ(ex.SystemNormal().value(), false);
}

TEST_F(PaperBinance, BacksOffOn429UntilRetryAfter) {
  BinanceExchange ex = Client("good");
  // Spend the weight: /api/v3/account costs 20 of the default 6000 per IP per minute.
  int ok = 0;
  base::Result<std::vector<exchange::Balance>> last = std::vector<exchange::Balance>{};
  while (last && ok < 700) {
    last = ex.Balances();
    if (last) ++ok;
  }
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code(), base::ErrorCode::kRateLimited);
  EXPECT_GE(ok, 300);  // 6000 / 20 (more if the minute window turned during the loop)
  EXPECT_LT(ok, 600);
  EXPECT_NE(last.error().message().find("wait"), std::string::npos) << last.error();
  auto held = ex.Balances();  // not sent: backing off until Retry-After
  ASSERT_FALSE(held);
  EXPECT_NE(held.error().message().find("backing off after a 429"), std::string::npos)
      << held.error();
}

TEST_F(PaperBinance, SpotOrdersThroughTheAdapter) {
  BinanceExchange ex = Client("good");
  exchange::OrderRequest limit;
  limit.symbol = "BTCUSDT";
  limit.side = exchange::Side::kBuy;
  limit.type = exchange::OrderType::kLimit;
  limit.quantity = base::Decimal::Parse("0.001").value();
  limit.price = base::Decimal::Parse("60000").value();
  limit.client_order_id = "amanah-test-1";
  auto placed = ex.PlaceOrder(limit);
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_EQ(placed->status, "NEW");
  EXPECT_EQ(placed->client_order_id, "amanah-test-1");
  EXPECT_EQ(ex.QueryOrder("BTCUSDT", "amanah-test-1")->price,
            base::Decimal::Parse("60000").value());
  EXPECT_EQ(ex.OpenOrders("BTCUSDT")->size(), 1u);
  EXPECT_EQ(ex.CancelOrder("BTCUSDT", "amanah-test-1")->status, "CANCELED");
  exchange::OrderRequest market = limit;
  market.type = exchange::OrderType::kMarket;
  market.price.reset();
  market.client_order_id = "amanah-test-2";
  auto filled = ex.PlaceOrder(market);
  ASSERT_TRUE(filled) << filled.error();
  EXPECT_EQ(filled->status, "FILLED");
  auto trades = ex.MyTrades("BTCUSDT");
  ASSERT_TRUE(trades);
  ASSERT_EQ(trades->size(), 1u);
  EXPECT_EQ(trades->at(0).qty, base::Decimal::Parse("0.001").value());
  auto unknown = ex.QueryOrder("BTCUSDT", "nope");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().exchange()->message, "Order does not exist.");
}

}  // namespace
}  // namespace amanah::audit
