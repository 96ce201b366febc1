// IncidentReport: what a revocation leaves the user — which key, account and period; our orders
// and any foreign orders (placed with the key, not by Amanah) in that period; the key's permission
// history as the audits found it; what the revocation did; and the exact steps to take on the
// exchange. Built from the store and the journal (so every line can be traced to a record), and
// written as JSON and as a self-contained HTML page. Values.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "keys/outcomes.h"
#include "store/store.h"

namespace amanah::incident {

struct IncidentReport {
  std::string id;  ///< 16 lowercase hex characters
  std::string tenant;
  keys::ConnectionView connection;  ///< as it stood before the revocation
  std::string reason;
  base::SystemTime period_start;  ///< the connection's creation
  base::SystemTime revoked_at;
  std::vector<store::OrderRow> our_orders;       ///< created in the period, oldest first
  std::vector<boost::json::object> foreign;      ///< order.foreign records' payloads, with "time"
  std::vector<boost::json::object> permissions;  ///< key.* records of the connection, with "time"
  std::vector<std::string> plans_paused;         ///< names
  std::vector<std::string> orders_cancelled;     ///< our order ids
  std::vector<std::string> problems;             ///< what the revocation could not do
  std::vector<std::string> steps;                ///< what the user must do on the exchange
};

/// Fills our orders, the foreign orders and the permission history of `report.connection` in
/// [period_start, revoked_at] from the store and the journal.
base::Result<void> Gather(store::Store& store, IncidentReport& report);

/// The steps to take on `exchange_name` after a key is revoked (delete it, review the trade
/// history and open orders, check withdrawals, contact support, secure the login).
std::vector<std::string> StepsFor(const keys::ConnectionView& connection, bool foreign_orders);

boost::json::object IncidentJson(const IncidentReport& report);
/// A standalone HTML page (no script, no outside resource).
std::string IncidentHtml(const IncidentReport& report);

}  // namespace amanah::incident
