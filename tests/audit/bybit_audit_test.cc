// The audit table for Bybit: a key's own view of itself (GET /v5/user/query-api, read by the
// adapter's parser) through the audit's rules with Bybit's words — each forbidden permission
// group refuses with its finding; a read-only key is refused with the fix; ips ["*"] (no IP
// bound) warns, or refuses when policy requires a restriction; borrowed amounts, accrued
// interest, spot margin on and open derivatives positions refuse.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "audit/key_audit.h"
#include "exchange/bybit/bybit_driver.h"
#include "exchange/bybit/bybit_parse.h"
#include "testing/fake_clock.h"
#include "testing/hard_findings.h"

namespace amanah::audit {
namespace {

namespace json = boost::json;

const exchange::AuditTexts& BybitTexts() {
  static const auto driver = exchange::bybit::MakeDriver();
  return driver->audit_texts();
}

// A compliant key as Bybit reports it: read-write, SpotTrade only, bound to our address.
json::object CompliantKey() {
  json::object groups;
  for (const char* g : {"ContractTrade", "Wallet", "Options", "Derivatives", "CopyTrading",
                        "BlockTrade", "Exchange", "NFT", "Affiliate", "Earn", "FiatP2P",
                        "FiatBitPay", "FiatConvertBroker", "BitCard", "ByXPost"}) {
    groups[g] = json::array{};
  }
  groups["Spot"] = json::array{"SpotTrade"};
  return json::object{{"readOnly", 0},
                      {"permissions", groups},
                      {"ips", json::array{"203.0.113.7"}},
                      {"createdAt", "2026-11-20T00:00:00Z"},
                      {"expiredAt", "1970-01-01T00:00:00Z"},
                      {"userID", 1448939}};
}

exchange::PermissionReport Report(const json::object& key) {
  const std::string body = json::serialize(json::object{{"retCode", 0}, {"result", key}});
  auto doc = base::JsonDocument::Parse(body, {"test", base::ErrorCode::kDataLoss}).value();
  auto info = exchange::bybit::ParseQueryApi(doc.Root());
  EXPECT_TRUE(info) << info.error();
  return info ? info->report : exchange::PermissionReport{};
}

exchange::AccountState CleanBybitAccount() {
  exchange::AccountState a;
  a.account_id = "1448939";
  a.can_trade = exchange::Flag::kOn;
  a.margin_mode = exchange::Flag::kOff;
  a.auto_borrow = exchange::Flag::kOff;
  return a;
}

Policy BybitPolicy() {
  Policy p;
  p.egress_ips = {"203.0.113.7"};
  return p;
}

KeyVerdict AuditBybit(const json::object& key,
                      const exchange::AccountState& a = CleanBybitAccount(),
                      const Policy& policy = BybitPolicy()) {
  return AuditKey(BybitTexts(), Report(key), a, policy, testing::FakeClock::kStartMillis);
}

using testing::HardFindings;

TEST(BybitAudit, ACompliantKeyPassesWithBybitsChecklist) {
  const KeyVerdict v = AuditBybit(CompliantKey());
  EXPECT_TRUE(v.compliant) << ::testing::PrintToString(HardFindings(v));
  ASSERT_GE(v.checklist.size(), 9u);
  EXPECT_EQ(v.checklist[0].label, "Read-Only / Read-Write (reading)");
  EXPECT_EQ(v.checklist[1].label, "SPOT — Trade (with Read-Write)");
  EXPECT_EQ(v.checklist[6].label, "Wallet — Withdrawal");
  for (const auto& item : v.checklist) EXPECT_TRUE(item.ok()) << item.label;
  EXPECT_NE(v.margin_exclusion.find("isLeverage=1"), std::string::npos);
}

struct GroupCase {
  const char* group;
  const char* entry;
  const char* code;
};

TEST(BybitAudit, EachForbiddenPermissionGroupRefusesWithItsFinding) {
  const GroupCase cases[] = {
      {"ContractTrade", "Order", "FUTURES_ENABLED"},
      {"ContractTrade", "Position", "FUTURES_ENABLED"},
      {"Derivatives", "DerivativesTrade", "FUTURES_ENABLED"},
      {"Options", "OptionsTrade", "OPTIONS_ENABLED"},
      {"Wallet", "AccountTransfer", "UNIVERSAL_TRANSFER_ENABLED"},
      {"Wallet", "SubMemberTransfer", "INTERNAL_TRANSFER_ENABLED"},
      {"Wallet", "Withdraw", "WITHDRAWALS_ENABLED"},
      {"Wallet", "SomethingNew", "PERMISSION_WALLET__SOMETHINGNEW_ENABLED"},
      {"Earn", "Earn", "EARN_ENABLED"},
      {"Exchange", "ExchangeHistory", "PERMISSION_EXCHANGE_ENABLED"},
      {"BlockTrade", "BlockTrade", "PERMISSION_BLOCKTRADE_ENABLED"},
      {"FiatP2P", "FiatP2POrder", "PERMISSION_FIATP2P_ENABLED"},
      {"FiatBitPay", "FaitPayOrder", "PERMISSION_FIATBITPAY_ENABLED"},
      {"FiatConvertBroker", "FiatConvertBrokerOrder", "PERMISSION_FIATCONVERTBROKER_ENABLED"},
      {"BitCard", "BitCard", "PERMISSION_BITCARD_ENABLED"},
      {"CopyTrading", "CopyTrading", "PERMISSION_COPYTRADING_ENABLED"},
      {"NFT", "NFTQueryProductList", "PERMISSION_NFT_ENABLED"},
      {"AGroupBybitAddsLater", "Anything", "PERMISSION_AGROUPBYBITADDSLATER_ENABLED"},
  };
  for (const GroupCase& c : cases) {
    SCOPED_TRACE(std::string(c.group) + ": " + c.entry);
    json::object key = CompliantKey();
    json::array& group = key["permissions"].as_object()[c.group].emplace_array();
    group.push_back(json::string(c.entry));
    const KeyVerdict v = AuditBybit(key);
    EXPECT_FALSE(v.compliant);
    const Finding* f = FindFinding(v, c.code);
    ASSERT_NE(f, nullptr) << ::testing::PrintToString(HardFindings(v));
    EXPECT_EQ(f->severity, Severity::kHard);
    EXPECT_TRUE(f->fix.starts_with("On Bybit: Account → API → this key → Edit → untick")) << f->fix;
  }
}

TEST(BybitAudit, AReadOnlyKeyIsRefusedWithTheFix) {
  json::object key = CompliantKey();
  key["readOnly"] = 1;
  const KeyVerdict v = AuditBybit(key);
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "READ_ONLY_KEY");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->fix.find("choose 'Read-Write' and tick 'SPOT — Trade' only"), std::string::npos);
  EXPECT_NE(FindFinding(v, "TRADING_OFF"), nullptr);
}

TEST(BybitAudit, AKeyBoundToNoAddressWarnsOrRefusesPerPolicy) {
  json::object key = CompliantKey();
  key["ips"] = json::array{"*"};
  KeyVerdict v = AuditBybit(key);
  const Finding* f = FindFinding(v, "NO_IP_RESTRICTION");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kSoft);
  EXPECT_TRUE(v.compliant);
  Policy strict = BybitPolicy();
  strict.require_ip_restriction = true;
  v = AuditBybit(key, CleanBybitAccount(), strict);
  ASSERT_NE(FindFinding(v, "NO_IP_RESTRICTION"), nullptr);
  EXPECT_EQ(FindFinding(v, "NO_IP_RESTRICTION")->severity, Severity::kHard);
  EXPECT_FALSE(v.compliant);
  // Bound to our address and another: the other is named.
  key["ips"] = json::array{"203.0.113.7", "198.51.100.1"};
  v = AuditBybit(key);
  ASSERT_NE(FindFinding(v, "IP_LIST_NOT_OURS"), nullptr);
  EXPECT_NE(FindFinding(v, "IP_LIST_NOT_OURS")->found.find("198.51.100.1"), std::string::npos);
}

TEST(BybitAudit, BorrowingSpotMarginAndPositionsRefuse) {
  exchange::AccountState debt = CleanBybitAccount();
  debt.debts.push_back(
      {"USDT", base::Decimal::Parse("250").value(), base::Decimal::Parse("0.07").value()});
  KeyVerdict v = AuditBybit(CompliantKey(), debt);
  EXPECT_FALSE(v.compliant);
  ASSERT_NE(FindFinding(v, "MARGIN_DEBT"), nullptr);
  EXPECT_NE(FindFinding(v, "MARGIN_DEBT")->fix.find("repay the USDT liability"), std::string::npos);

  exchange::AccountState margin = CleanBybitAccount();
  margin.margin_mode = exchange::Flag::kOn;
  margin.auto_borrow = exchange::Flag::kOn;
  v = AuditBybit(CompliantKey(), margin);
  EXPECT_FALSE(v.compliant);
  ASSERT_NE(FindFinding(v, "AUTO_BORROW_ENABLED"), nullptr);
  EXPECT_NE(FindFinding(v, "AUTO_BORROW_ENABLED")->fix.find("'Margin' switch off"),
            std::string::npos);

  exchange::AccountState position = CleanBybitAccount();
  position.positions.push_back({"ETHUSDT", "perpetual", base::Decimal::Parse("-0.5").value()});
  v = AuditBybit(CompliantKey(), position);
  EXPECT_FALSE(v.compliant);
  ASSERT_NE(FindFinding(v, "OPEN_POSITION"), nullptr);
  EXPECT_NE(FindFinding(v, "OPEN_POSITION")->fix.find("close ETHUSDT"), std::string::npos);
}

TEST(BybitAudit, TheOfficialExampleKeyRefusesForEveryGroupItHolds) {
  // user_query_api.json: read-only, ContractTrade, Wallet transfers, Derivatives, Exchange,
  // Earn, fiat groups, BitCard, ByXPost.
  const KeyVerdict v = [] {
    json::value doc =
        json::parse(R"({"readOnly":1,"permissions":{"ContractTrade":["Order","Position"],
      "Spot":["SpotTrade"],"Wallet":["AccountTransfer","SubMemberTransfer"],"Options":[],
      "Derivatives":["DerivativesTrade"],"Exchange":["ExchangeHistory"],"Earn":["Earn"],
      "FiatP2P":["FiatP2POrder","Advertising"],"BitCard":["BitCard"],"ByXPost":["ByXPost"]},
      "ips":["18.181.170.164"],"createdAt":"2025-10-13T03:20:45Z",
      "expiredAt":"1970-01-01T00:00:00Z","userID":1448939})");
    return AuditBybit(doc.as_object());
  }();
  for (const char* code :
       {"READ_ONLY_KEY", "FUTURES_ENABLED", "UNIVERSAL_TRANSFER_ENABLED",
        "INTERNAL_TRANSFER_ENABLED", "EARN_ENABLED", "PERMISSION_EXCHANGE_ENABLED",
        "PERMISSION_FIATP2P_ENABLED", "PERMISSION_BITCARD_ENABLED", "PERMISSION_BYXPOST_ENABLED"}) {
    EXPECT_NE(FindFinding(v, code), nullptr) << code;
  }
  EXPECT_EQ(FindFinding(v, "WITHDRAWALS_ENABLED"), nullptr);
  EXPECT_FALSE(v.compliant);
}

}  // namespace
}  // namespace amanah::audit
