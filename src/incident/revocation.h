// Revocation: `amanah revoke LABEL` in one action — the connection's plans are paused, a last
// reconciliation reads the exchange's orders while the key still works (so that foreign orders
// up to this moment are in the report), our open orders are cancelled if asked, the secret is
// crypto-shredded and the connection marked revoked (key.revoked), and an incident report is
// written (JSON and HTML, incident_report.h) into the tenant's folder of the incident directory,
// its SHA-256 journaled (incident.report). Each step that fails is said in the report; only the
// shred itself is required, so a key that no longer answers (deleted, banned) is still revoked.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "engine/order_engine.h"
#include "engine/reconciler.h"
#include "incident/incident_report.h"
#include "journal/journal.h"
#include "keys/key_service.h"
#include "strategy/plan_service.h"

namespace amanah::incident {

struct RevokeRequest {
  std::string label;
  bool cancel_open_orders = false;
  std::string reason = "revoked by its owner";
};

struct RevokeOutcome {
  IncidentReport report;
  std::filesystem::path json_file;
  std::filesystem::path html_file;
};

class Revocation {
 public:
  struct Deps {
    store::Store& store;
    journal::Journal& journal;
    keys::KeyService& keys;
    engine::OrderEngine& engine;
    engine::Reconciler* reconciler = nullptr;  ///< null: no last reconciliation
    strategy::PlanService& plans;
    const base::Clock& clock;
    base::Random& random;
  };
  /// Reports go to `directory`/<tenant>/<id>.json and .html, a line of summary each to
  /// `directory`/<tenant>/index.jsonl.
  Revocation(Deps deps, std::filesystem::path directory)
      : d_(deps), directory_(std::move(directory)) {}

  boost::asio::awaitable<base::Result<RevokeOutcome>> Revoke(store::TenantId tenant,
                                                             RevokeRequest request);
  /// A report written before, as stored: `format` "json" or "html". kNotFound if the tenant has
  /// none by that id.
  base::Result<std::string> Report(const store::TenantId& tenant, std::string_view id,
                                   std::string_view format) const;
  /// The summaries of the tenant's reports, newest first, as the index keeps them: id, label,
  /// exchange, connection, reason, from, to, our_orders and foreign_orders (counts), sha256.
  base::Result<std::vector<boost::json::object>> List(const store::TenantId& tenant) const;

 private:
  std::filesystem::path Folder(const store::TenantId& tenant) const;
  base::Result<void> Write(const store::TenantId& tenant, RevokeOutcome& out);

  Deps d_;
  std::filesystem::path directory_;
  std::mutex index_mu_;  // one index line at a time
};

}  // namespace amanah::incident
