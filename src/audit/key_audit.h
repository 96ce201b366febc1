// Key audit: an exchange key's permission report and its account's state, judged against the
// compliance boundary (ARCHITECTURE.md §2). Hard findings refuse the key: reading off; withdrawals,
// internal or universal transfer, margin, futures, vanilla options or portfolio margin enabled;
// margin debt on the account; any permission the exchange did not reveal (fail closed). Soft
// findings warn and can be made hard by policy: no IP restriction, a key near or past its rotation
// age, trading off. Each finding says what was found, why it matters (riba, maysir, custody,
// security) and the exact fix on the exchange. The checklist lists every permission in the order
// the exchange's API-management page shows them. Pure functions; no I/O.
#pragma once

#include <string>
#include <vector>

#include "exchange/spot_exchange.h"

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
  bool key_age_is_hard = false;         ///< make the 90-day alert hard
  int remind_after_days = 80;
  int alert_after_days = 90;
  std::vector<std::string> egress_ips;  ///< the addresses the key must be whitelisted to
};

struct KeyVerdict {
  bool compliant = false;  ///< no hard finding
  std::vector<Finding> findings;
  std::vector<ChecklistItem> checklist;
  std::string margin_exclusion;  ///< how margin is excluded although trading covers spot and margin
  std::string ip_instruction;    ///< which IPs to whitelist
};

KeyVerdict AuditBinanceKey(const exchange::PermissionReport& permissions,
                           const exchange::AccountState& account, const Policy& policy,
                           int64_t now_ms);

}  // namespace amanah::audit
