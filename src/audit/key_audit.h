// Key audit: an exchange key's permission report and its account's state, judged against the
// compliance boundary (ARCHITECTURE.md §2), written once over the neutral report for every
// exchange. Hard findings refuse the key: reading off; withdrawals, transfers, margin, futures,
// options, leveraged tokens, portfolio margin, deposit or earn permissions on; any forbidden
// permission the exchange did not reveal (fail closed); a read-only key; loans, interest or open
// derivatives positions on the account; an expired key. Soft findings warn and can be made hard by
// policy: no IP restriction, a key near or past its rotation age, trading off. Each finding says
// what was found, why it matters (riba, maysir, custody, security) and the exact fix on that
// exchange, from its AuditTexts; the checklist follows the exchange's API-management page. Pure
// functions; no I/O.
#pragma once

#include <string>
#include <vector>

#include "exchange/account_state.h"
#include "exchange/audit_texts.h"
#include "exchange/permission_report.h"

namespace amanah::audit {

enum class Severity { kHard, kSoft, kInfo };
std::string_view SeverityName(Severity s);

struct Finding {
  std::string code;  ///< e.g. "WITHDRAWALS_ENABLED"
  Severity severity = Severity::kHard;
  std::string found;    ///< what the exchange reported
  std::string concern;  ///< riba, maysir, custody, security, operation
  std::string why;      ///< why it matters
  std::string fix;      ///< the exact fix on the exchange, in our words
};

struct ChecklistItem {
  std::string label;  ///< as on the exchange's API-management page
  exchange::Flag value = exchange::Flag::kUnknown;
  bool want_on = false;
  std::string meaning;
  bool ok() const { return value == (want_on ? exchange::Flag::kOn : exchange::Flag::kOff); }
};

struct Policy {
  bool require_ip_restriction = false;  ///< make "no IP restriction" hard
  bool key_age_is_hard = false;         ///< make the rotation alert hard
  int remind_after_days = 80;
  int alert_after_days = 90;
  int expiry_warning_days = 14;         ///< warn when the exchange expires the key this soon
  std::vector<std::string> egress_ips;  ///< the addresses the key must be whitelisted to
};

struct KeyVerdict {
  bool compliant = false;  ///< no hard finding
  std::vector<Finding> findings;
  std::vector<ChecklistItem> checklist;
  std::string margin_exclusion;         ///< how margin is excluded although trading may cover it
  std::string ip_instruction;           ///< which IPs to whitelist
  std::vector<std::string> egress_ips;  ///< the same IPs, one by one (for a copy button)
  std::vector<std::string> notes;       ///< the exchange's standing notes
};

KeyVerdict AuditKey(const exchange::AuditTexts& texts,
                    const exchange::PermissionReport& permissions,
                    const exchange::AccountState& account, const Policy& policy, int64_t now_ms);

/// The finding with `code`, if any.
const Finding* FindFinding(const KeyVerdict& verdict, std::string_view code);

}  // namespace amanah::audit
