// What the key service's operations end in, as values the CLI and the API render (text, JSON,
// problem+json) without deciding anything themselves. Never holds a secret.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/key_audit.h"
#include "base/clock.h"
#include "exchange/failure.h"
#include "exchange/market_data.h"
#include "store/records.h"

namespace amanah::keys {

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
