// AuditTexts: how one exchange's API-management page names and orders a key's permissions, and
// the exact steps to change each on that exchange — data, so that the audit's rules are written
// once over the neutral PermissionReport and AccountState and each exchange supplies only its
// words. Every string is shown to users as is. Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "exchange/permission_report.h"

namespace amanah::exchange {

struct ChecklistEntry {
  Flag PermissionReport::*field;
  std::string label;  ///< as on the exchange's page: "Enable Withdrawals"
  bool want_on = false;
  std::string meaning;  ///< what the permission allows, in plain words
  /// The whole fix when it is not a tick box on the key's page (OKX's account mode); empty: the
  /// edit prefix and the tick or untick template.
  std::string fix{};
};

struct AuditTexts {
  std::string exchange;  ///< "Binance"
  /// The permissions in the order of the exchange's API-management page.
  std::vector<ChecklistEntry> checklist;
  /// Prefix of every permission fix: where the key's settings are.
  std::string edit_prefix;
  /// How to turn a checklist entry on or off, after the prefix: "tick '…', then save."
  std::string tick_template = "tick '{label}', then save.";
  std::string untick_template = "untick '{label}', then save.";
  /// The IP-restriction setting's label and how to set it.
  std::string ip_label;
  std::string ip_fix;
  /// How to repay one loan ({asset}) and every loan.
  std::string repay_fix;
  std::string repay_all_fix;
  /// How to close a position ({symbol}).
  std::string close_position_fix;
  /// How to turn off margin mode or auto-borrowing.
  std::string margin_mode_fix;
  std::string auto_borrow_fix;
  /// What a read-only key lacks and how to give it trading.
  std::string read_only_fix;
  /// How the exchange's trading permission is kept from reaching margin, in one paragraph.
  std::string margin_exclusion;
  /// Where a key's account state should be checked when the account cannot trade.
  std::string cannot_trade_fix;
  /// Extra notes shown with every audit of this exchange (e.g. OKX expiring unbound trade keys).
  std::vector<std::string> notes;
};

/// `text` with "{name}" replaced by `value`.
std::string Fill(std::string text, std::string_view name, std::string_view value);

}  // namespace amanah::exchange
