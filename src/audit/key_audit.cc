#include "audit/key_audit.h"

#include <algorithm>

namespace amanah::audit {

using exchange::Flag;
using exchange::PermissionReport;

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

// The neutral rule for each permission: what we want, and why it matters when it is not so.
struct Rule {
  Flag PermissionReport::*field;
  bool want_on;
  std::string_view name;  ///< fallback label when the exchange's page does not show it
  std::string_view code;
  std::string_view concern;
  std::string_view why;
};

constexpr Rule kRules[] = {
    {&PermissionReport::reading, true, "reading", "READING_OFF", "operation",
     "without reading Amanah cannot audit the key or show balances"},
    {&PermissionReport::spot_trading, true, "spot trading", "TRADING_OFF", "operation",
     "a key that cannot trade can only be used to view balances"},
    {&PermissionReport::margin, false, "margin", "MARGIN_ENABLED", "riba",
     "a margin loan charges interest: riba"},
    {&PermissionReport::futures, false, "futures", "FUTURES_ENABLED", "maysir",
     "futures and perpetuals are derivatives excluded by the spot-only charter (SS 20)"},
    {&PermissionReport::options, false, "options", "OPTIONS_ENABLED", "maysir",
     "options are derivatives excluded by the spot-only charter"},
    {&PermissionReport::leveraged_tokens, false, "leveraged tokens", "LEVERAGED_TOKENS_ENABLED",
     "maysir", "leveraged tokens carry derivative, leveraged exposure"},
    {&PermissionReport::portfolio_margin, false, "portfolio margin", "PORTFOLIO_MARGIN_ENABLED",
     "riba", "portfolio margin combines borrowing and derivatives"},
    {&PermissionReport::withdrawals, false, "withdrawals", "WITHDRAWALS_ENABLED", "custody",
     "anyone holding this key could withdraw the account's funds"},
    {&PermissionReport::internal_transfer, false, "internal transfer", "INTERNAL_TRANSFER_ENABLED",
     "custody", "funds could be moved to another account"},
    {&PermissionReport::universal_transfer, false, "universal transfer",
     "UNIVERSAL_TRANSFER_ENABLED", "custody",
     "funds could be moved into margin or futures wallets, or to other accounts"},
    {&PermissionReport::deposit, false, "deposit", "DEPOSIT_ENABLED", "custody",
     "the key could create deposit addresses and route funds, beyond what a spot gateway needs"},
    {&PermissionReport::earn, false, "earn", "EARN_ENABLED", "riba",
     "earn and lending products pay a return on lent assets"},
};

std::string OnOff(Flag f) { return std::string(exchange::FlagName(f)); }

std::string PermissionFix(const exchange::AuditTexts& t, const std::string& label, bool want_on) {
  return t.edit_prefix +
         exchange::Fill(want_on ? t.tick_template : t.untick_template, "label", label);
}

void CheckPermission(const std::string& label, std::string fix, Flag value, bool want_on,
                     std::string_view code, std::string_view concern, std::string_view why,
                     KeyVerdict& v) {
  if (value == (want_on ? Flag::kOn : Flag::kOff)) return;
  Finding f;
  const std::string c(code);
  f.code = value == Flag::kUnknown ? "UNKNOWN_" + c.substr(0, c.rfind('_')) : c;
  f.severity = c == "TRADING_OFF" && value == Flag::kOff ? Severity::kSoft : Severity::kHard;
  f.found = "'" + label + "' is " + OnOff(value);
  f.concern = std::string(concern);
  f.why = value == Flag::kUnknown
              ? "the exchange did not report this permission, so it cannot be shown to be off"
              : std::string(why);
  f.fix = std::move(fix);
  v.findings.push_back(std::move(f));
}

std::string ExtraCode(std::string_view name) {
  std::string out = "PERMISSION_";
  for (char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c))
               ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
               : '_';
  }
  return out + "_ENABLED";
}

}  // namespace

const Finding* FindFinding(const KeyVerdict& v, std::string_view code) {
  for (const auto& f : v.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

KeyVerdict AuditKey(const exchange::AuditTexts& t, const PermissionReport& p,
                    const exchange::AccountState& account, const Policy& policy, int64_t now_ms) {
  KeyVerdict v;
  // The checklist in the exchange's order, then every neutral rule (the exchange's label where
  // its page shows the permission).
  for (const auto& entry : t.checklist) {
    v.checklist.push_back(
        ChecklistItem{entry.label, p.*(entry.field), entry.want_on, entry.meaning});
  }
  for (const Rule& rule : kRules) {
    auto entry = std::find_if(t.checklist.begin(), t.checklist.end(),
                              [&](const auto& e) { return e.field == rule.field; });
    const bool listed = entry != t.checklist.end();
    const std::string label = listed ? entry->label : std::string(rule.name);
    std::string fix =
        listed && !entry->fix.empty() ? entry->fix : PermissionFix(t, label, rule.want_on);
    CheckPermission(label, std::move(fix), p.*(rule.field), rule.want_on, rule.code, rule.concern,
                    rule.why, v);
  }
  for (const auto& extra : p.extra) {
    v.checklist.push_back(ChecklistItem{extra.name, extra.value, false, "not needed by Amanah"});
    if (extra.forbidden) {
      CheckPermission(extra.name, PermissionFix(t, extra.name, false), extra.value, false,
                      ExtraCode(extra.name), "custody",
                      "the key may do more than a spot gateway needs", v);
    }
  }
  if (p.read_only.value_or(false)) {
    v.findings.push_back(Finding{"READ_ONLY_KEY", Severity::kHard, "the key is read-only",
                                 "operation",
                                 "a read-only key cannot place the spot orders Amanah is for",
                                 t.edit_prefix + t.read_only_fix});
  }

  v.checklist.push_back(ChecklistItem{
      t.ip_label, p.ip_restricted ? (*p.ip_restricted ? Flag::kOn : Flag::kOff) : Flag::kUnknown,
      true, "only Amanah's addresses may use the key"});
  v.egress_ips = policy.egress_ips;
  std::string ips;
  for (const auto& ip : policy.egress_ips) ips += (ips.empty() ? "" : ", ") + ip;
  v.ip_instruction =
      ips.empty()
          ? "Configure Amanah's egress IPs (--egress-ip) to get the exact list to whitelist."
          : "Whitelist exactly: " + ips + ".";
  if (!p.ip_restricted.value_or(false)) {
    v.findings.push_back(Finding{"NO_IP_RESTRICTION",
                                 policy.require_ip_restriction ? Severity::kHard : Severity::kSoft,
                                 "the key may be used from any IP address", "security",
                                 "a leaked key would work from anywhere",
                                 t.edit_prefix + t.ip_fix + " " + v.ip_instruction});
  } else if (p.ip_list && !policy.egress_ips.empty()) {
    std::string foreign;
    for (const auto& ip : *p.ip_list) {
      if (std::find(policy.egress_ips.begin(), policy.egress_ips.end(), ip) ==
          policy.egress_ips.end()) {
        foreign += (foreign.empty() ? "" : ", ") + ip;
      }
    }
    if (!foreign.empty()) {
      v.findings.push_back(Finding{"IP_LIST_NOT_OURS", Severity::kSoft,
                                   "the key is also bound to " + foreign, "security",
                                   "other machines than Amanah's may use the key",
                                   t.edit_prefix + t.ip_fix + " " + v.ip_instruction});
    }
  }

  for (const auto& debt : account.debts) {
    v.findings.push_back(Finding{"MARGIN_DEBT", Severity::kHard,
                                 "the margin account owes " + debt.borrowed.ToNormalizedString() +
                                     " " + debt.asset + " plus " +
                                     debt.interest.ToNormalizedString() + " interest",
                                 "riba", "an interest-bearing loan is open on this account",
                                 exchange::Fill(t.repay_fix, "asset", debt.asset)});
  }
  if (account.debts.empty() && account.total_liability && account.total_liability->IsPositive()) {
    v.findings.push_back(Finding{
        "MARGIN_DEBT", Severity::kHard,
        "the margin account reports a liability of " +
            account.total_liability->ToNormalizedString() + " " + account.total_liability_unit,
        "riba", "an interest-bearing loan is open on this account", t.repay_all_fix});
  }
  if (account.auto_borrow == Flag::kOn) {
    v.findings.push_back(Finding{"AUTO_BORROW_ENABLED", Severity::kHard,
                                 "the account borrows automatically when a balance runs short",
                                 "riba", "an order could open an interest-bearing loan",
                                 t.auto_borrow_fix});
  }
  for (const auto& pos : account.positions) {
    v.findings.push_back(
        Finding{"OPEN_POSITION", Severity::kHard,
                "an open " + pos.kind + " position in " + pos.symbol + " of " +
                    pos.size.ToNormalizedString(),
                pos.kind == "margin" ? "riba" : "maysir",
                "derivatives and margin positions are outside the spot-only charter",
                exchange::Fill(t.close_position_fix, "symbol", pos.symbol)});
  }
  if (account.can_trade == Flag::kOff) {
    v.findings.push_back(Finding{"ACCOUNT_CANNOT_TRADE", Severity::kSoft,
                                 "the account reports that it cannot trade", "operation",
                                 "orders will be refused by the exchange", t.cannot_trade_fix});
  }
  for (const auto& u : account.unreadable) {
    v.findings.push_back(
        Finding{u.code, Severity::kInfo, u.found, u.concern, u.why, u.how_to_check});
  }

  if (p.created_at_ms) {
    const int64_t days = (now_ms - *p.created_at_ms) / 86'400'000;
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
  if (p.expires_at_ms && *p.expires_at_ms > 0) {
    const int64_t left_days = (*p.expires_at_ms - now_ms) / 86'400'000;
    if (*p.expires_at_ms <= now_ms) {
      v.findings.push_back(Finding{"KEY_EXPIRED", Severity::kHard, "the key has expired",
                                   "operation", "the exchange no longer accepts it",
                                   "Create a new key with the same restrictions and connect it."});
    } else if (left_days < policy.expiry_warning_days) {
      v.findings.push_back(Finding{"KEY_EXPIRING", Severity::kSoft,
                                   "the key expires in " + std::to_string(left_days) + " days",
                                   "operation", "trading stops when it expires",
                                   "Create a replacement key and run `amanah rotate`."});
    }
  }
  v.margin_exclusion = t.margin_exclusion;
  v.notes = t.notes;
  v.compliant = std::none_of(v.findings.begin(), v.findings.end(),
                             [](const Finding& f) { return f.severity == Severity::kHard; });
  return v;
}

}  // namespace amanah::audit
