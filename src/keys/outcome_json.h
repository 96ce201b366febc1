// The JSON shapes of the key service's outcomes: what `--json` prints and what the HTTP API
// answers, from one place so that the two are the same. Money as decimal strings; never a secret.
#pragma once

#include <boost/json/value.hpp>

#include "keys/balance_snapshots.h"
#include "keys/outcomes.h"

namespace amanah::keys {

boost::json::array FindingsJson(const audit::KeyVerdict& verdict);
boost::json::object VerdictJson(const audit::KeyVerdict& verdict);
boost::json::object DiagnosisJson(const Diagnosis& diagnosis);
boost::json::object ConnectionJson(const ConnectionView& connection);
boost::json::object RotationJson(const RotationStanding& rotation);
/// {"state": "ok" | "lost" | "unknown", "cause", "title", "explanation", "fix", "since"}.
boost::json::object HealthJson(const std::optional<store::ConnectionHealth>& health);
boost::json::object DoctorOutcomeJson(const DoctorOutcome& outcome);
boost::json::array OldKeysJson(const std::vector<OldKeyView>& keys);
boost::json::object RotateOutcomeJson(const RotateOutcome& outcome);
boost::json::array BalancesJson(const std::vector<exchange::Balance>& balances);
boost::json::object ConnectOutcomeJson(const ConnectOutcome& outcome);
boost::json::object AuditOutcomeJson(const AuditOutcome& outcome);
/// {"quote", "days": ["2026-12-01", …], "series": [{"asset", "values": ["123.4", null, …]}]}.
boost::json::object ValueHistoryJson(const ValueHistory& history);

}  // namespace amanah::keys
