// The audit table for OKX: the key's and the account's configuration (GET /api/v5/account/config)
// and the trading account's balance and positions, read by the adapter's parsers, through the
// audit's rules with OKX's words — Withdraw in perm, an account mode other than Spot mode, spot
// borrowing, auto-loan, liabilities or interest, and open positions each refuse with their
// finding and OKX's fix; a read-only key is refused; an empty `ip` is no IP restriction (a
// warning, or a refusal under the policy), and the audit says that OKX expires such trade keys
// after 14 days and that OKX's Trade permission also allows transfers.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "audit/key_audit.h"
#include "exchange/okx/okx_driver.h"
#include "exchange/okx/okx_parse.h"
#include "testing/exchange_fixtures.h"
#include "testing/fake_clock.h"
#include "testing/hard_findings.h"

namespace amanah::audit {
namespace {

namespace json = boost::json;

const exchange::AuditTexts& OkxTexts() {
  static const auto driver = exchange::okx::MakeDriver();
  return driver->audit_texts();
}

// A compliant configuration: Read and Trade, Spot mode, no borrowing, bound to our address.
json::object CompliantConfig() {
  return json::object{{"acctLv", "1"},
                      {"autoLoan", false},
                      {"enableSpotBorrow", false},
                      {"ip", "203.0.113.7"},
                      {"perm", "read_only,trade"},
                      {"uid", "44705892343619584"},
                      {"mainUid", "44705892343619584"}};
}

base::JsonDocument Doc(const json::value& data) {
  const std::string body =
      json::serialize(json::object{{"code", "0"}, {"msg", ""}, {"data", data}});
  return base::JsonDocument::Parse(body, {"test", base::ErrorCode::kDataLoss}).value();
}

struct Read {
  exchange::PermissionReport report;
  exchange::AccountState account;
};

// The config, balance details and positions as the adapter reads them.
Read ReadAll(const json::object& config, const json::array& details = {},
             const json::array& positions = {}) {
  Read out;
  auto info = exchange::okx::ParseConfig(Doc(json::array{config}).Root());
  EXPECT_TRUE(info) << info.error();
  if (!info) return out;
  out.report = info->report;
  exchange::okx::ApplyConfig(*info, out.account);
  auto debts = exchange::okx::ParseDebts(
      Doc(json::array{json::object{{"details", details}}}).Root(), out.account);
  EXPECT_TRUE(debts) << debts.error();
  auto held = exchange::okx::ParsePositions(Doc(positions).Root(), out.account);
  EXPECT_TRUE(held) << held.error();
  return out;
}

Policy OkxPolicy() {
  Policy p;
  p.egress_ips = {"203.0.113.7"};
  return p;
}

KeyVerdict AuditOkx(const Read& r, const Policy& policy = OkxPolicy()) {
  return AuditKey(OkxTexts(), r.report, r.account, policy, testing::FakeClock::kStartMillis);
}

using testing::HardFindings;

TEST(OkxAudit, ACompliantKeyPassesWithOkxsChecklistAndNotes) {
  const KeyVerdict v = AuditOkx(ReadAll(CompliantConfig()));
  EXPECT_TRUE(v.compliant) << ::testing::PrintToString(HardFindings(v));
  ASSERT_GE(v.checklist.size(), 4u);
  EXPECT_EQ(v.checklist[0].label, "Read");
  EXPECT_EQ(v.checklist[1].label, "Trade");
  EXPECT_EQ(v.checklist[2].label, "Withdraw");
  for (const auto& item : v.checklist) EXPECT_TRUE(item.ok()) << item.label;
  EXPECT_NE(v.margin_exclusion.find("tdMode=cash"), std::string::npos);
  // The Trade permission's reach, and the 14-day expiry of unbound keys, are said.
  bool transfers = false, expiry = false;
  for (const auto& note : v.notes) {
    transfers = transfers || note.find("also allows funding transfers") != std::string::npos;
    expiry = expiry || note.find("14 days of inactivity") != std::string::npos;
  }
  EXPECT_TRUE(transfers);
  EXPECT_TRUE(expiry);
}

TEST(OkxAudit, WithdrawInPermRefuses) {
  json::object config = CompliantConfig();
  config["perm"] = "read_only,withdraw,trade";
  const KeyVerdict v = AuditOkx(ReadAll(config));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "WITHDRAWALS_ENABLED");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fix,
            "On OKX: Profile → API keys → this key → Edit → untick 'Withdraw', then confirm.");
}

TEST(OkxAudit, EveryAccountModeAboveSpotRefusesWithTheAccountModeFix) {
  struct ModeCase {
    const char* level;
    std::vector<std::string> codes;
  };
  const ModeCase cases[] = {
      {"2", {"FUTURES_ENABLED", "OPTIONS_ENABLED", "MARGIN_ENABLED"}},
      {"3", {"FUTURES_ENABLED", "OPTIONS_ENABLED", "MARGIN_ENABLED"}},
      {"4", {"FUTURES_ENABLED", "OPTIONS_ENABLED", "MARGIN_ENABLED", "PORTFOLIO_MARGIN_ENABLED"}},
  };
  for (const ModeCase& c : cases) {
    SCOPED_TRACE(c.level);
    json::object config = CompliantConfig();
    config["acctLv"] = c.level;
    const Read r = ReadAll(config);
    EXPECT_EQ(r.account.margin_mode, exchange::Flag::kOn);
    const KeyVerdict v = AuditOkx(r);
    EXPECT_FALSE(v.compliant);
    for (const std::string& code : c.codes) {
      const Finding* f = FindFinding(v, code);
      ASSERT_NE(f, nullptr) << code << " in " << ::testing::PrintToString(HardFindings(v));
      EXPECT_EQ(f->severity, Severity::kHard);
      EXPECT_NE(f->fix.find("Account mode → choose 'Spot mode'"), std::string::npos) << f->fix;
    }
  }
}

TEST(OkxAudit, SpotBorrowingAndAutoLoanRefuse) {
  json::object borrow = CompliantConfig();
  borrow["enableSpotBorrow"] = true;
  KeyVerdict v = AuditOkx(ReadAll(borrow));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "MARGIN_ENABLED");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->fix.find("'Spot borrowing' off"), std::string::npos) << f->fix;
  EXPECT_EQ(FindFinding(v, "FUTURES_ENABLED"), nullptr);  // still Spot mode

  json::object loan = CompliantConfig();
  loan["autoLoan"] = true;
  v = AuditOkx(ReadAll(loan));
  EXPECT_FALSE(v.compliant);
  f = FindFinding(v, "AUTO_BORROW_ENABLED");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->fix.find("'Auto-borrow' off"), std::string::npos) << f->fix;
}

TEST(OkxAudit, AReadOnlyKeyIsRefusedWithTheFix) {
  json::object config = CompliantConfig();
  config["perm"] = "read_only";
  const KeyVerdict v = AuditOkx(ReadAll(config));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "READ_ONLY_KEY");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->fix.find("tick 'Trade' (and not 'Withdraw')"), std::string::npos) << f->fix;
  EXPECT_NE(FindFinding(v, "TRADING_OFF"), nullptr);
}

TEST(OkxAudit, AnEmptyIpIsNoRestrictionAWarningOrARefusalPerPolicy) {
  json::object config = CompliantConfig();
  config["ip"] = "";
  KeyVerdict v = AuditOkx(ReadAll(config));
  const Finding* f = FindFinding(v, "NO_IP_RESTRICTION");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kSoft);
  EXPECT_NE(f->fix.find("under 'IP address'"), std::string::npos) << f->fix;
  EXPECT_TRUE(v.compliant);
  Policy strict = OkxPolicy();
  strict.require_ip_restriction = true;
  v = AuditOkx(ReadAll(config), strict);
  ASSERT_NE(FindFinding(v, "NO_IP_RESTRICTION"), nullptr);
  EXPECT_EQ(FindFinding(v, "NO_IP_RESTRICTION")->severity, Severity::kHard);
  EXPECT_FALSE(v.compliant);
  // Bound to our address and another: the other is named.
  config["ip"] = "203.0.113.7,198.51.100.1";
  v = AuditOkx(ReadAll(config));
  ASSERT_NE(FindFinding(v, "IP_LIST_NOT_OURS"), nullptr);
  EXPECT_NE(FindFinding(v, "IP_LIST_NOT_OURS")->found.find("198.51.100.1"), std::string::npos);
}

TEST(OkxAudit, LiabilitiesInterestAndPositionsRefuse) {
  const json::object clean_usdt{{"ccy", "USDT"},  {"availBal", "100"}, {"frozenBal", "0"},
                                {"liab", "0"},    {"crossLiab", "0"},  {"isoLiab", "0"},
                                {"interest", "0"}};
  KeyVerdict v = AuditOkx(ReadAll(CompliantConfig(), json::array{clean_usdt}));
  EXPECT_TRUE(v.compliant);

  json::object owed = clean_usdt;
  owed["liab"] = "250";
  owed["interest"] = "0.07";
  v = AuditOkx(ReadAll(CompliantConfig(), json::array{owed}));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "MARGIN_DEBT");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->found.find("250 USDT plus 0.07 interest"), std::string::npos) << f->found;
  EXPECT_NE(f->fix.find("repay the USDT loan"), std::string::npos) << f->fix;

  json::object interest_only = clean_usdt;
  interest_only["interest"] = "0.01";
  v = AuditOkx(ReadAll(CompliantConfig(), json::array{interest_only}));
  EXPECT_NE(FindFinding(v, "MARGIN_DEBT"), nullptr);

  // The official positions example: an isolated MARGIN position on BTC-USDT.
  auto positions = json::parse(testing::OkxFixture("account_positions.json"));
  ASSERT_TRUE(positions.is_object()) << "tests/paper/fixtures/okx/account_positions.json";
  const json::value* data = positions.as_object().if_contains("data");
  ASSERT_TRUE(data != nullptr && data->is_array());
  v = AuditOkx(ReadAll(CompliantConfig(), json::array{}, data->as_array()));
  EXPECT_FALSE(v.compliant);
  f = FindFinding(v, "OPEN_POSITION");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->concern, "riba");  // a margin position borrows
  EXPECT_NE(f->fix.find("close BTC-USDT"), std::string::npos) << f->fix;

  json::object swap{
      {"instId", "ETH-USDT-SWAP"}, {"instType", "SWAP"}, {"pos", "-3"}, {"posSide", "net"}};
  v = AuditOkx(ReadAll(CompliantConfig(), json::array{}, json::array{swap}));
  f = FindFinding(v, "OPEN_POSITION");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->concern, "maysir");
}

TEST(OkxAudit, TheOfficialExampleConfigurationRefuses) {
  // account_config.json: perm read_only,withdraw,trade; Futures mode; no IP bound.
  auto doc = base::JsonDocument::Parse(testing::OkxFixture("account_config.json"),
                                       {"fixture", base::ErrorCode::kDataLoss});
  ASSERT_TRUE(doc) << doc.error();
  auto info = exchange::okx::ParseConfig(doc->Root());
  ASSERT_TRUE(info) << info.error();
  exchange::AccountState a;
  exchange::okx::ApplyConfig(*info, a);
  const KeyVerdict v =
      AuditKey(OkxTexts(), info->report, a, OkxPolicy(), testing::FakeClock::kStartMillis);
  for (const char* code : {"WITHDRAWALS_ENABLED", "FUTURES_ENABLED", "OPTIONS_ENABLED",
                           "MARGIN_ENABLED", "NO_IP_RESTRICTION"}) {
    EXPECT_NE(FindFinding(v, code), nullptr) << code;
  }
  EXPECT_EQ(FindFinding(v, "AUTO_BORROW_ENABLED"), nullptr);
  EXPECT_FALSE(v.compliant);
}

}  // namespace
}  // namespace amanah::audit
