// The audit's rules over the neutral permission report and account state, with Binance's words:
// each forbidden permission refuses with its finding, concern and fix; what the exchange did not
// reveal is not shown to be off (refused); warnings stay warnings unless policy hardens them.
#include "audit/key_audit.h"

#include <gtest/gtest.h>

#include "exchange/binance/binance_driver.h"
#include "testing/fake_clock.h"

namespace amanah::audit {
namespace {

using exchange::Flag;
using exchange::PermissionReport;

const exchange::AuditTexts& Texts() {
  static const auto driver = exchange::binance::MakeDriver();
  return driver->audit_texts();
}

PermissionReport Compliant() {
  PermissionReport p;
  for (const auto& f : exchange::PermissionFields()) p.*(f.field) = Flag::kOff;
  p.reading = Flag::kOn;
  p.spot_trading = Flag::kOn;
  p.ip_restricted = true;
  p.created_at_ms = testing::FakeClock::kStartMillis - 86'400'000LL * 10;
  return p;
}

exchange::AccountState Clean() {
  exchange::AccountState a;
  a.account_id = "1";
  a.can_trade = Flag::kOn;
  a.margin_mode = Flag::kOff;
  a.auto_borrow = Flag::kOff;
  return a;
}

Policy Ours() {
  Policy p;
  p.egress_ips = {"203.0.113.7"};
  return p;
}

KeyVerdict Audit(const PermissionReport& p, const exchange::AccountState& a = Clean(),
                 const Policy& policy = Ours()) {
  return AuditKey(Texts(), p, a, policy, testing::FakeClock::kStartMillis);
}

TEST(KeyAudit, ACompliantKeyPassesWithItsChecklistInBinancesOrder) {
  KeyVerdict v = Audit(Compliant());
  EXPECT_TRUE(v.compliant);
  for (const auto& f : v.findings) EXPECT_NE(f.severity, Severity::kHard) << f.code;
  ASSERT_EQ(v.checklist.size(), 10u);
  EXPECT_EQ(v.checklist[0].label, "Enable Reading");
  EXPECT_EQ(v.checklist[1].label, "Enable Spot & Margin Trading");
  EXPECT_EQ(v.checklist[9].label, "Restrict access to trusted IPs only");
  for (const auto& item : v.checklist) EXPECT_TRUE(item.ok()) << item.label;
  EXPECT_EQ(v.ip_instruction, "Whitelist exactly: 203.0.113.7.");
  EXPECT_NE(v.margin_exclusion.find("spot and margin together"), std::string::npos);
}

struct Forbidden {
  Flag PermissionReport::*field;
  std::string code;
  std::string concern;
  std::string label;  // Binance's, or the neutral name where its page has none
};

class ForbiddenPermissions : public ::testing::TestWithParam<Forbidden> {};

TEST_P(ForbiddenPermissions, RefuseTheKeyWithThatFinding) {
  PermissionReport p = Compliant();
  p.*(GetParam().field) = Flag::kOn;
  KeyVerdict v = Audit(p);
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, GetParam().code);
  ASSERT_NE(f, nullptr) << GetParam().code;
  EXPECT_EQ(f->severity, Severity::kHard);
  EXPECT_EQ(f->concern, GetParam().concern);
  EXPECT_EQ(f->found, "'" + GetParam().label + "' is on");
  EXPECT_EQ(f->fix,
            "On Binance: Account → API Management → this key → Edit restrictions → "
            "untick '" +
                GetParam().label + "', then save.");
  // Unrevealed is not off: refused too, as unknown.
  p.*(GetParam().field) = Flag::kUnknown;
  KeyVerdict unknown = Audit(p);
  EXPECT_FALSE(unknown.compliant);
  const std::string prefix = GetParam().code.substr(0, GetParam().code.rfind('_'));
  ASSERT_NE(FindFinding(unknown, "UNKNOWN_" + prefix), nullptr) << prefix;
}

INSTANTIATE_TEST_SUITE_P(
    Neutral, ForbiddenPermissions,
    ::testing::Values(
        Forbidden{&PermissionReport::margin, "MARGIN_ENABLED", "riba",
                  "Enable Margin Loan, Repay & Transfer"},
        Forbidden{&PermissionReport::futures, "FUTURES_ENABLED", "maysir", "Enable Futures"},
        Forbidden{&PermissionReport::options, "OPTIONS_ENABLED", "maysir",
                  "Enable Vanilla Options"},
        Forbidden{&PermissionReport::leveraged_tokens, "LEVERAGED_TOKENS_ENABLED", "maysir",
                  "leveraged tokens"},
        Forbidden{&PermissionReport::portfolio_margin, "PORTFOLIO_MARGIN_ENABLED", "riba",
                  "Enable Portfolio Margin Trading"},
        Forbidden{&PermissionReport::withdrawals, "WITHDRAWALS_ENABLED", "custody",
                  "Enable Withdrawals"},
        Forbidden{&PermissionReport::internal_transfer, "INTERNAL_TRANSFER_ENABLED", "custody",
                  "Enable Internal Transfer"},
        Forbidden{&PermissionReport::universal_transfer, "UNIVERSAL_TRANSFER_ENABLED", "custody",
                  "Permits Universal Transfer"},
        Forbidden{&PermissionReport::deposit, "DEPOSIT_ENABLED", "custody", "deposit"},
        Forbidden{&PermissionReport::earn, "EARN_ENABLED", "riba", "earn"}),
    [](const auto& p) { return p.param.code; });

TEST(KeyAudit, ReadingOffRefusesAndTradingOffOnlyWarns) {
  PermissionReport no_read = Compliant();
  no_read.reading = Flag::kOff;
  EXPECT_FALSE(Audit(no_read).compliant);
  EXPECT_EQ(FindFinding(Audit(no_read), "READING_OFF")->severity, Severity::kHard);
  PermissionReport no_trade = Compliant();
  no_trade.spot_trading = Flag::kOff;
  KeyVerdict v = Audit(no_trade);
  EXPECT_TRUE(v.compliant);
  EXPECT_EQ(FindFinding(v, "TRADING_OFF")->severity, Severity::kSoft);
  EXPECT_NE(FindFinding(v, "TRADING_OFF")->fix.find("tick 'Enable Spot & Margin Trading'"),
            std::string::npos);
}

TEST(KeyAudit, AReadOnlyKeyIsRefused) {
  PermissionReport p = Compliant();
  p.read_only = true;
  KeyVerdict v = Audit(p);
  EXPECT_FALSE(v.compliant);
  ASSERT_NE(FindFinding(v, "READ_ONLY_KEY"), nullptr);
}

TEST(KeyAudit, AnExtraPermissionOfTheExchangeIsCheckedByItsName) {
  PermissionReport p = Compliant();
  p.extra.push_back({"NFT", Flag::kOn, true});
  p.extra.push_back({"Affiliate", Flag::kOn, false});
  KeyVerdict v = Audit(p);
  EXPECT_FALSE(v.compliant);
  EXPECT_NE(FindFinding(v, "PERMISSION_NFT_ENABLED"), nullptr);
  EXPECT_EQ(FindFinding(v, "PERMISSION_AFFILIATE_ENABLED"), nullptr);
}

TEST(KeyAudit, NoIpRestrictionWarnsOrRefusesByPolicy) {
  PermissionReport p = Compliant();
  p.ip_restricted = false;
  KeyVerdict v = Audit(p);
  EXPECT_TRUE(v.compliant);
  const Finding* ip = FindFinding(v, "NO_IP_RESTRICTION");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->severity, Severity::kSoft);
  EXPECT_NE(ip->fix.find("203.0.113.7"), std::string::npos);
  Policy strict = Ours();
  strict.require_ip_restriction = true;
  EXPECT_FALSE(Audit(p, Clean(), strict).compliant);
  // An unknown restriction is no restriction.
  p.ip_restricted.reset();
  EXPECT_NE(FindFinding(Audit(p), "NO_IP_RESTRICTION"), nullptr);
}

TEST(KeyAudit, AKeyBoundToOtherAddressesToo) {
  PermissionReport p = Compliant();
  p.ip_list = std::vector<std::string>{"203.0.113.7", "198.51.100.9"};
  KeyVerdict v = Audit(p);
  const Finding* f = FindFinding(v, "IP_LIST_NOT_OURS");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->found, "the key is also bound to 198.51.100.9");
}

TEST(KeyAudit, LoansInterestAndPositionsRefuse) {
  exchange::AccountState debt = Clean();
  debt.debts.push_back(
      {"USDT", base::Decimal::Parse("50").value(), base::Decimal::Parse("0.01").value()});
  KeyVerdict v = Audit(Compliant(), debt);
  EXPECT_FALSE(v.compliant);
  const Finding* f = FindFinding(v, "MARGIN_DEBT");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->found, "the margin account owes 50 USDT plus 0.01 interest");
  EXPECT_EQ(f->fix,
            "On Binance: Wallet → Margin → Repay the USDT loan and its interest, then run "
            "the audit again.");
  exchange::AccountState liability = Clean();
  liability.total_liability = base::Decimal::Parse("0.00000001").value();
  liability.total_liability_unit = "BTC";
  EXPECT_NE(FindFinding(Audit(Compliant(), liability), "MARGIN_DEBT"), nullptr);
  exchange::AccountState position = Clean();
  position.positions.push_back({"BTCUSDT", "perpetual", base::Decimal::Parse("-0.5").value()});
  const KeyVerdict positioned = Audit(Compliant(), position);  // the finding points into it
  const Finding* pos = FindFinding(positioned, "OPEN_POSITION");
  ASSERT_NE(pos, nullptr);
  EXPECT_EQ(pos->concern, "maysir");
  exchange::AccountState borrowing = Clean();
  borrowing.auto_borrow = Flag::kOn;
  EXPECT_FALSE(Audit(Compliant(), borrowing).compliant);
}

TEST(KeyAudit, WhatTheKeyCannotReadIsAManualCheckNotAPass) {
  exchange::AccountState a = Clean();
  a.unreadable.push_back({"FUTURES_ACCOUNT_NOT_READABLE", "cannot read futures", "maysir",
                          "hidden positions", "check by hand"});
  KeyVerdict v = Audit(Compliant(), a);
  EXPECT_TRUE(v.compliant);
  const Finding* f = FindFinding(v, "FUTURES_ACCOUNT_NOT_READABLE");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kInfo);
  EXPECT_EQ(f->fix, "check by hand");
}

TEST(KeyAudit, KeyAgeAndExpiry) {
  PermissionReport aging = Compliant();
  aging.created_at_ms = testing::FakeClock::kStartMillis - 86'400'000LL * 85;
  EXPECT_EQ(FindFinding(Audit(aging), "KEY_AGING")->found, "the key is 85 days old");
  PermissionReport old = Compliant();
  old.created_at_ms = testing::FakeClock::kStartMillis - 86'400'000LL * 91;
  EXPECT_EQ(FindFinding(Audit(old), "KEY_OLD")->severity, Severity::kSoft);
  Policy hard = Ours();
  hard.key_age_is_hard = true;
  EXPECT_FALSE(Audit(old, Clean(), hard).compliant);
  PermissionReport expiring = Compliant();
  expiring.expires_at_ms = testing::FakeClock::kStartMillis + 86'400'000LL * 3;
  EXPECT_EQ(FindFinding(Audit(expiring), "KEY_EXPIRING")->found, "the key expires in 3 days");
  PermissionReport expired = Compliant();
  expired.expires_at_ms = testing::FakeClock::kStartMillis - 1;
  EXPECT_FALSE(Audit(expired).compliant);
}

}  // namespace
}  // namespace amanah::audit
