// What the key service's operations end in, as values the CLI and the API render (text, JSON,
// problem+json) without deciding anything themselves. Never holds a secret.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/key_audit.h"
#include "base/clock.h"
#include "exchange/failure.h"
#include "exchange/lost_connection.h"
#include "exchange/market_data.h"
#include "store/records.h"

namespace amanah::keys {

/// How old a connection's key is, and whether it should be replaced: a reminder from 80 days, due
/// from 90 (KeyPolicy), counted from when the exchange says the key was created, else from when
/// Amanah first held it.
struct RotationStanding {
  enum class State { kCurrent, kReminder, kDue };
  State state = State::kCurrent;
  base::SystemTime counted_from;
  bool from_exchange = false;  ///< counted from the exchange's creation time
  int64_t age_days = 0;
  base::SystemTime reminder_at;
  base::SystemTime due_at;
};
std::string_view RotationStateName(
    RotationStanding::State state);  ///< "current", "reminder", "due"

/// A key replaced by rotation that the exchange still accepted when last probed.
struct OldKeyView {
  std::string api_key_id;
  base::SystemTime retired_at;
  std::optional<base::SystemTime> probed_at;
  std::string probe_note;
};

/// A connection as callers may show it.
struct ConnectionView {
  store::ConnectionId id;
  store::TenantId tenant;
  std::string exchange;
  std::string exchange_name;  ///< "Binance"
  std::string label;
  std::string api_key_id;
  std::string key_type;
  store::ConnectionStatus status = store::ConnectionStatus::kActive;
  std::optional<std::string> account_id;
  std::optional<std::string> endpoint;
  base::SystemTime created_at;
  std::optional<base::SystemTime> audited_at;
  std::optional<base::SystemTime> key_created_at;
  /// Empty when its stored state is authentic; else why it is not (it is then never used).
  std::string integrity_problem;
  RotationStanding rotation;
  /// Former keys still to be deleted on the exchange (List fills it).
  std::vector<OldKeyView> old_keys;
  /// What the last check of the connection found (List fills it); none before the first.
  std::optional<store::ConnectionHealth> health;
};

/// A failure, classified, with what to tell the user.
using Diagnosis = exchange::Diagnosis;

/// Diagnosis of an error that did not come from an exchange.
Diagnosis LocalFailure(const base::Error& error);

struct ConnectOutcome {
  enum class Kind { kAccepted, kRefused, kFailed };
  Kind kind = Kind::kFailed;
  std::string exchange_name;
  audit::KeyVerdict verdict;                 ///< accepted and refused
  std::optional<ConnectionView> connection;  ///< accepted
  std::vector<exchange::Balance> balances;   ///< accepted, when readable
  std::optional<Diagnosis> balances_failure;
  std::optional<Diagnosis> failure;  ///< failed
  /// Refused, but the refusal could not be journaled (nothing was stored either way).
  std::optional<std::string> journal_problem;
};

struct AuditOutcome {
  enum class Kind { kCompliant, kNonCompliant, kFailed };
  Kind kind = Kind::kFailed;
  ConnectionView connection;
  std::string exchange_name;
  audit::KeyVerdict verdict;  ///< compliant and non-compliant
  std::optional<Diagnosis> failure;
  bool suspended = false;    ///< this audit suspended the connection
  bool reactivated = false;  ///< this audit made a suspended connection active again
};

struct BalancesOutcome {
  ConnectionView connection;
  std::vector<exchange::Balance> balances;
};

struct RotateOutcome {
  enum class Kind { kRotated, kRefused, kFailed };
  Kind kind = Kind::kFailed;
  std::string exchange_name;
  std::string label;
  audit::KeyVerdict verdict;                 ///< the new key's audit: rotated and refused
  std::optional<ConnectionView> connection;  ///< rotated: the connection on its new key
  std::string old_api_key;
  std::string new_api_key;
  /// Rotated: what probing the old key found at once ("still accepted: delete it", "gone").
  std::string old_key_probe;
  bool old_key_gone = false;
  std::optional<Diagnosis> failure;  ///< failed
  /// Refused, but the refusal could not be journaled (nothing was changed either way).
  std::optional<std::string> journal_problem;
};

/// One step of `amanah doctor`.
struct DoctorStep {
  std::string name;  ///< "clock", "status", "key", "permissions", "audit"
  bool ok = false;
  std::string detail;
};

struct DoctorOutcome {
  /// kHealthy: every step passed; kProblem: one did not (`lost` says why when the connection is
  /// lost; a failed audit otherwise); kFailed: the check could not run (`failure`).
  enum class Kind { kHealthy, kProblem, kFailed };
  Kind kind = Kind::kFailed;
  ConnectionView connection;
  std::vector<DoctorStep> steps;
  std::optional<exchange::LostConnection> lost;
  std::optional<audit::KeyVerdict> verdict;
  /// What the checks before this one had recorded.
  std::optional<store::ConnectionHealth> recorded;
  std::optional<Diagnosis> failure;
};

/// What probing one retired key found.
struct OldKeyProbe {
  std::string label;
  std::string api_key_id;
  bool gone = false;  ///< the exchange no longer accepts it; its sealed copy was shredded
  std::string note;
};

struct DisconnectOutcome {
  ConnectionView connection;
};

/// Whether a connection may place orders now, and if not why.
struct Standing {
  bool may_trade = false;
  std::string reason;  ///< empty when it may
  /// Its last audit is older than the policy allows: audit before trading.
  bool audit_due = false;
};

}  // namespace amanah::keys
