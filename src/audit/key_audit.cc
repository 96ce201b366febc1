#include "audit/key_audit.h"

namespace amanah::audit {

using exchange::Flag;

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kHard:
      return "hard";
    case Severity::kSoft:
      return "soft";
    case Severity::kInfo:
      return "info";
  }
  return "?";
}

namespace {

constexpr std::string_view kEdit =
    "On Binance: Account → API Management → this key → Edit restrictions → ";

struct FlagRule {
  Flag exchange::PermissionReport::*field;
  std::string label;
  bool want_on;
  std::string meaning;
  std::string code;
  std::string concern;
  std::string why;
};

const std::vector<FlagRule>& Rules() {
  static const std::vector<FlagRule> kRules = {
      {&exchange::PermissionReport::reading, "Enable Reading", true,
       "lets Amanah read balances, orders and this audit", "READING_OFF", "operation",
       "without reading Amanah cannot audit the key or show balances"},
      {&exchange::PermissionReport::spot_trading, "Enable Spot & Margin Trading", true,
       "lets Amanah place spot orders (Binance has one flag for spot and margin)", "TRADING_OFF",
       "operation", "a key that cannot trade can only be used to view balances"},
      {&exchange::PermissionReport::margin, "Enable Margin Loan, Repay & Transfer", false,
       "borrowing on margin", "MARGIN_ENABLED", "riba",
       "a margin loan charges interest (hourly on Binance): riba"},
      {&exchange::PermissionReport::futures, "Enable Futures", false,
       "futures and perpetual contracts", "FUTURES_ENABLED", "maysir",
       "futures and perpetuals are derivatives excluded by the spot-only charter (SS 20)"},
      {&exchange::PermissionReport::options, "Enable Vanilla Options", false, "options contracts",
       "OPTIONS_ENABLED", "maysir", "options are derivatives excluded by the spot-only charter"},
      {&exchange::PermissionReport::portfolio_margin, "Enable Portfolio Margin Trading", false,
       "portfolio margin (borrowing and derivatives)", "PORTFOLIO_MARGIN_ENABLED", "riba",
       "portfolio margin combines borrowing and derivatives"},
      {&exchange::PermissionReport::withdrawals, "Enable Withdrawals", false,
       "moving funds off the exchange", "WITHDRAWALS_ENABLED", "custody",
       "anyone holding this key could withdraw the account's funds"},
      {&exchange::PermissionReport::internal_transfer, "Enable Internal Transfer", false,
       "moving funds between master and sub-accounts", "INTERNAL_TRANSFER_ENABLED", "custody",
       "funds could be moved to another account"},
      {&exchange::PermissionReport::universal_transfer, "Permits Universal Transfer", false,
       "moving funds between wallets (spot, margin, futures, funding)",
       "UNIVERSAL_TRANSFER_ENABLED", "custody",
       "funds could be moved into margin or futures wallets, or to other accounts"},
  };
  return kRules;
}

std::string OnOff(Flag f) { return std::string(exchange::FlagName(f)); }

}  // namespace

KeyVerdict AuditBinanceKey(const exchange::PermissionReport& p,
                           const exchange::AccountState& account, const Policy& policy,
                           int64_t now_ms) {
  KeyVerdict v;
  for (const FlagRule& rule : Rules()) {
    Flag value = p.*(rule.field);
    v.checklist.push_back(ChecklistItem{rule.label, value, rule.want_on, rule.meaning});
    if (value == (rule.want_on ? Flag::kOn : Flag::kOff)) continue;
    Finding f;
    f.code = value == Flag::kUnknown ? "UNKNOWN_" + rule.code.substr(0, rule.code.rfind('_'))
                                     : rule.code;
    f.severity =
        rule.code == "TRADING_OFF" && value == Flag::kOff ? Severity::kSoft : Severity::kHard;
    f.found = "'" + rule.label + "' is " + OnOff(value);
    f.concern = rule.concern;
    f.why = value == Flag::kUnknown
                ? "the exchange did not report this permission, so it cannot be shown to be off"
                : rule.why;
    f.fix =
        std::string(kEdit) + (rule.want_on ? "tick '" : "untick '") + rule.label + "', then save.";
    v.findings.push_back(std::move(f));
  }

  v.checklist.push_back(
      ChecklistItem{"Restrict access to trusted IPs only",
                    p.ip_restricted ? (*p.ip_restricted ? Flag::kOn : Flag::kOff) : Flag::kUnknown,
                    true, "only Amanah's addresses may use the key"});
  std::string ips;
  for (const auto& ip : policy.egress_ips) ips += (ips.empty() ? "" : ", ") + ip;
  v.ip_instruction =
      ips.empty()
          ? "Configure Amanah's egress IPs (--egress-ip) to get the exact list to whitelist."
          : "Whitelist exactly: " + ips + ".";
  if (!p.ip_restricted.value_or(false)) {
    v.findings.push_back(Finding{
        "NO_IP_RESTRICTION", policy.require_ip_restriction ? Severity::kHard : Severity::kSoft,
        "the key may be used from any IP address", "security",
        "a leaked key would work from anywhere",
        std::string(kEdit) + "choose 'Restrict access to trusted IPs only'. " + v.ip_instruction});
  }

  for (const auto& debt : account.margin_debts) {
    v.findings.push_back(Finding{"MARGIN_DEBT", Severity::kHard,
                                 "the margin account owes " + debt.borrowed.ToNormalizedString() +
                                     " " + debt.asset + " plus " +
                                     debt.interest.ToNormalizedString() + " interest",
                                 "riba", "an interest-bearing loan is open on this account",
                                 "On Binance: Wallet → Margin → Repay the " + debt.asset +
                                     " loan and its interest, then run the audit again."});
  }
  if (account.margin_debts.empty() && account.margin_liability_btc.IsPositive()) {
    v.findings.push_back(
        Finding{"MARGIN_DEBT", Severity::kHard,
                "the margin account reports a liability of " +
                    account.margin_liability_btc.ToNormalizedString() + " BTC",
                "riba", "an interest-bearing loan is open on this account",
                "On Binance: Wallet → Margin → repay every loan, then run the audit again."});
  }
  if (!account.can_trade) {
    v.findings.push_back(Finding{"ACCOUNT_CANNOT_TRADE", Severity::kSoft,
                                 "the account reports canTrade = false", "operation",
                                 "orders will be refused by the exchange",
                                 "Check the account's status with Binance support."});
  }
  v.findings.push_back(
      Finding{"FUTURES_ACCOUNT_NOT_READABLE", Severity::kInfo,
              "a spot-only key cannot read futures positions or the futures wallet", "maysir",
              "positions opened with another key would not be visible here",
              "On Binance: Derivatives → check that no futures position is open and the futures "
              "wallet is empty."});

  if (p.created_at_ms) {
    int64_t days = (now_ms - *p.created_at_ms) / 86'400'000;
    if (days >= policy.alert_after_days) {
      v.findings.push_back(Finding{
          "KEY_OLD", policy.key_age_is_hard ? Severity::kHard : Severity::kSoft,
          "the key is " + std::to_string(days) + " days old", "security",
          "keys should be rotated every " + std::to_string(policy.alert_after_days) + " days",
          "Create a new key with the same restrictions and run `amanah rotate` (or connect it and "
          "disconnect this one)."});
    } else if (days >= policy.remind_after_days) {
      v.findings.push_back(Finding{
          "KEY_AGING", Severity::kSoft, "the key is " + std::to_string(days) + " days old",
          "security", "rotation is due at " + std::to_string(policy.alert_after_days) + " days",
          "Plan a rotation: create a replacement key with the same restrictions."});
    }
  }
  v.margin_exclusion =
      "Binance's trading permission covers spot and margin together, so margin is excluded three "
      "ways: the key "
      "cannot borrow (margin loan permission off), the account has no margin debt (checked above), "
      "and Amanah's "
      "signer refuses every margin endpoint.";
  v.compliant = std::none_of(v.findings.begin(), v.findings.end(),
                             [](const Finding& f) { return f.severity == Severity::kHard; });
  return v;
}

}  // namespace amanah::audit
