// The audit table for Kraken: the key's own report (POST /0/private/GetApiKeyInfo), margin in use
// (TradeBalance), open margin positions (OpenPositions) and credit used (BalanceEx), read by the
// adapter's parsers, through the audit's rules with Kraken's words — Withdraw Funds, Deposit
// Funds, Earn Funds and a permission Amanah does not know each refuse with their finding and
// Kraken's fix; Query Funds and Create & Modify Orders are required (a read-only key is
// refused); an empty allow-list is no IP restriction; margin in use, a margin position and
// credit used refuse; what the probes cannot tell (earn, the allow-list) stays unknown; and the
// audit says that Kraken's Query Funds also allows wallet transfers, which the signer refuses.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "audit/key_audit.h"
#include "exchange/kraken/kraken_driver.h"
#include "exchange/kraken/kraken_parse.h"
#include "testing/fake_clock.h"
#include "testing/hard_findings.h"

namespace amanah::audit {
namespace {

namespace json = boost::json;
using testing::HardFindings;

const exchange::AuditTexts& KrakenTexts() {
  static const auto driver = exchange::kraken::MakeDriver();
  return driver->audit_texts();
}

// A compliant key: Query Funds, the order queries, Create & Modify and Cancel/Close Orders, bound
// to our address.
json::object CompliantInfo() {
  return json::object{
      {"apiKeyName", "amanah"},
      {"apiKey", "k"},
      {"nonce", "0"},
      {"nonceWindow", 0},
      {"permissions", json::array{"query-funds", "query-open-trades", "query-closed-trades",
                                  "modify-trades", "cancel-close-trades"}},
      {"iban", "AA11 N84G WABC DEFG"},
      {"validUntil", "0"},
      {"createdTime", "1767139200"},
      {"ipAllowlist", json::array{"203.0.113.7"}},
  };
}

base::JsonDocument DocOf(const json::value& v) {
  return base::JsonDocument::Parse(json::serialize(v), {"test", base::ErrorCode::kDataLoss})
      .value();
}

struct KrakenRead {
  exchange::PermissionReport report;
  exchange::AccountState account;
};

KrakenRead ReadKraken(const json::object& info, const json::object& trade_balance = {{"m", "0"}},
                      const json::object& positions = {}, const json::object& balances = {}) {
  KrakenRead out;
  auto parsed = exchange::kraken::ParseApiKeyInfo(DocOf(info).Root());
  EXPECT_TRUE(parsed) << parsed.error();
  if (parsed) out.report = parsed->report;
  out.account.margin_mode = exchange::Flag::kOff;
  out.account.auto_borrow = exchange::Flag::kOff;
  out.account.can_trade = exchange::Flag::kOn;
  EXPECT_TRUE(exchange::kraken::ParseTradeBalance(DocOf(trade_balance).Root(), out.account));
  EXPECT_TRUE(exchange::kraken::ParseOpenPositions(DocOf(positions).Root(), out.account));
  EXPECT_TRUE(exchange::kraken::ParseBalanceEx(DocOf(balances).Root(), {{"ZUSD", "USD"}},
                                               &out.account.debts));
  return out;
}

Policy KrakenPolicy() {
  Policy p;
  p.egress_ips = {"203.0.113.7"};
  return p;
}

KeyVerdict AuditKraken(const KrakenRead& r, const Policy& policy = KrakenPolicy()) {
  return AuditKey(KrakenTexts(), r.report, r.account, policy, testing::FakeClock::kStartMillis);
}

json::object WithPermission(std::string_view name) {
  json::object info = CompliantInfo();
  info["permissions"].as_array().push_back(json::string(name));
  return info;
}

TEST(KrakenAudit, ACompliantKeyPassesWithKrakensChecklistAndNotes) {
  const KeyVerdict v = AuditKraken(ReadKraken(CompliantInfo()));
  EXPECT_TRUE(v.compliant) << ::testing::PrintToString(HardFindings(v));
  ASSERT_GE(v.checklist.size(), 5u);
  EXPECT_EQ(v.checklist[0].label, "Query Funds");
  EXPECT_EQ(v.checklist[2].label, "Withdraw Funds");
  EXPECT_EQ(v.checklist[4].label, "Create & Modify Orders");
  for (const auto& item : v.checklist) EXPECT_TRUE(item.ok()) << item.label;
  EXPECT_NE(v.margin_exclusion.find("leverage"), std::string::npos);
  bool transfers = false;
  for (const auto& note : v.notes) {
    transfers = transfers || note.find("WalletTransfer") != std::string::npos;
  }
  EXPECT_TRUE(transfers);
}

TEST(KrakenAudit, FundPermissionsRefuseWithKrakensFix) {
  struct FundCase {
    const char* permission;
    const char* code;
    const char* label;
  };
  const FundCase cases[] = {
      {"withdraw-funds", "WITHDRAWALS_ENABLED", "Withdraw Funds"},
      {"funds_withdraw", "WITHDRAWALS_ENABLED", "Withdraw Funds"},
      {"deposit-funds", "DEPOSIT_ENABLED", "Deposit Funds"},
      {"funds_add", "DEPOSIT_ENABLED", "Deposit Funds"},
      {"earn-funds", "EARN_ENABLED", "Earn Funds"},
      {"funds_earn", "EARN_ENABLED", "Earn Funds"},
  };
  for (const FundCase& c : cases) {
    SCOPED_TRACE(c.permission);
    const KeyVerdict v = AuditKraken(ReadKraken(WithPermission(c.permission)));
    EXPECT_FALSE(v.compliant);
    const Finding* f = FindFinding(v, c.code);
    ASSERT_NE(f, nullptr) << ::testing::PrintToString(HardFindings(v));
    EXPECT_EQ(f->severity, Severity::kHard);
    EXPECT_EQ(f->fix, std::string("On Kraken: Settings → API → this key → Edit → untick '") +
                          c.label + "', then save.");
  }
}

TEST(KrakenAudit, APermissionAmanahDoesNotKnowRefuses) {
  const KeyVerdict v = AuditKraken(ReadKraken(WithPermission("funds-lend")));
  EXPECT_FALSE(v.compliant);
  EXPECT_NE(FindFinding(v, "PERMISSION_FUNDS_LEND_ENABLED"), nullptr)
      << ::testing::PrintToString(HardFindings(v));
}

TEST(KrakenAudit, QueryFundsAndOrdersAreRequired) {
  json::object no_orders = CompliantInfo();
  no_orders["permissions"] = json::array{"query-funds", "query-open-trades"};
  KeyVerdict v = AuditKraken(ReadKraken(no_orders));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "READ_ONLY_KEY");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->fix.find("tick 'Create & Modify Orders'"), std::string::npos) << f->fix;

  json::object no_funds = CompliantInfo();
  no_funds["permissions"] = json::array{"modify-trades", "cancel-close-trades"};
  v = AuditKraken(ReadKraken(no_funds));
  EXPECT_FALSE(v.compliant);
  f = FindFinding(v, "READING_OFF");
  ASSERT_NE(f, nullptr) << ::testing::PrintToString(HardFindings(v));
  EXPECT_NE(f->fix.find("tick 'Query Funds'"), std::string::npos) << f->fix;
}

TEST(KrakenAudit, AnEmptyAllowListIsNoIpRestriction) {
  json::object info = CompliantInfo();
  info["ipAllowlist"] = json::array{};
  KeyVerdict v = AuditKraken(ReadKraken(info));
  const Finding* f = FindFinding(v, "NO_IP_RESTRICTION");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kSoft);
  EXPECT_NE(f->fix.find("IP allowlisting"), std::string::npos) << f->fix;
  Policy strict = KrakenPolicy();
  strict.require_ip_restriction = true;
  v = AuditKraken(ReadKraken(info), strict);
  EXPECT_FALSE(v.compliant);
}

TEST(KrakenAudit, MarginInUseAPositionAndCreditUsedRefuse) {
  KeyVerdict v = AuditKraken(ReadKraken(CompliantInfo(), {{"m", "7.0354"}}));
  EXPECT_FALSE(v.compliant);
  ASSERT_NE(FindFinding(v, "MARGIN_DEBT"), nullptr);
  EXPECT_NE(FindFinding(v, "MARGIN_DEBT")->found.find("7.0354"), std::string::npos);

  const json::object position{{"TF5GVO-T7ZZ2-6NBKBI",
                               {{"ordertxid", "OLWNFG-LLH4R-D6SFFP"},
                                {"posstatus", "open"},
                                {"pair", "XXBTZUSD"},
                                {"type", "sell"},
                                {"vol", "0.5"},
                                {"vol_closed", "0.1"}}}};
  v = AuditKraken(ReadKraken(CompliantInfo(), {{"m", "0"}}, position));
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "OPEN_POSITION");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->found.find("margin position in XXBTZUSD of -0.4"), std::string::npos) << f->found;
  EXPECT_EQ(f->concern, "riba");
  EXPECT_NE(f->fix.find("close the XXBTZUSD margin position"), std::string::npos);

  const json::object credit{
      {"ZUSD", {{"balance", "10"}, {"hold_trade", "0"}, {"credit_used", "50"}}}};
  v = AuditKraken(ReadKraken(CompliantInfo(), {{"m", "0"}}, {}, credit));
  EXPECT_FALSE(v.compliant);
  f = FindFinding(v, "MARGIN_DEBT");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->found.find("50 USD"), std::string::npos) << f->found;
}

TEST(KrakenAudit, WhatTheProbesCannotTellStaysUnknown) {
  // The probe report: Query Funds and trading answered, withdrawals and deposits refused; earn
  // and the allow-list cannot be probed.
  exchange::PermissionReport p;
  exchange::kraken::ApplyStructuralLimits(p);
  p.reading = exchange::Flag::kOn;
  p.spot_trading = exchange::Flag::kOn;
  p.withdrawals = exchange::Flag::kOff;
  p.deposit = exchange::Flag::kOff;
  p.read_only = false;
  exchange::AccountState clean;
  clean.margin_mode = exchange::Flag::kOff;
  clean.auto_borrow = exchange::Flag::kOff;
  const KeyVerdict v =
      AuditKey(KrakenTexts(), p, clean, KrakenPolicy(), testing::FakeClock::kStartMillis);
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "UNKNOWN_EARN");
  ASSERT_NE(f, nullptr) << ::testing::PrintToString(HardFindings(v));
  EXPECT_NE(f->why.find("cannot be shown to be off"), std::string::npos);
  EXPECT_NE(FindFinding(v, "NO_IP_RESTRICTION"), nullptr);
}

}  // namespace
}  // namespace amanah::audit
