// ReauditScheduler: the continuous re-audit of every live connection. Each connection is a leased
// work item in the store ("audit:<connection id>"), so that any number of daemons on one store
// share the work and none audits a key twice: a pass claims the items that are due, audits each on
// its exchange (a key that fails is suspended at once and an alert raised, by the key service),
// and makes it due again one period later. A key that could not be asked is tried again sooner.
//
// The period honours the exchange's request-weight budget per egress IP: with K keys on an
// exchange, E egress IPs, an audit costing w weight and a budget of B a minute of which a share s
// goes to audits, each key can be audited at most every K·w / (E·B·s) minutes — the scheduler uses
// the configured period (default hourly) unless that is shorter, and then lengthens it and says so
// (a 418 ban of an egress IP stops every tenant's trading on that exchange). New items are spread
// over the period so that ten thousand keys do not audit at once.
//
// Coroutines on the daemon's executor; one pass at a time per scheduler.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "api/metrics.h"
#include "base/clock.h"
#include "base/result.h"
#include "engine/order_engine.h"
#include "exchange/registry.h"
#include "keys/key_service.h"
#include "store/store.h"

namespace amanah::daemon {

/// How often one exchange's keys can be audited.
struct AuditBudget {
  std::string exchange;
  int64_t keys = 0;
  int64_t egress_ips = 1;
  int64_t audit_weight = 0;
  int64_t weight_per_minute = 0;
  std::chrono::seconds period{0};
  /// The configured period was too short for the budget and was lengthened.
  bool lengthened = false;
  /// Audits a minute this plan spends at most, per egress IP.
  double audits_per_minute_per_ip = 0;
};

/// The period for `keys` keys (see the header comment); never below `wanted`.
std::chrono::seconds AuditPeriod(int64_t keys, int64_t egress_ips, int64_t audit_weight,
                                 int64_t weight_per_minute, double share,
                                 std::chrono::seconds wanted);

class ReauditScheduler {
 public:
  struct Deps {
    store::Store& store;
    keys::KeyService& keys;
    exchange::Registry& registry;
    const base::Clock& clock;
    api::Metrics* metrics = nullptr;  ///< optional
  };
  struct Options {
    std::chrono::seconds every{std::chrono::hours(1)};
    int64_t egress_ips = 1;
    /// The share of each egress IP's weight budget that audits may spend (the rest is trading's).
    double budget_share = 0.5;
    /// This node's name in the leases.
    std::string holder = "node";
    std::chrono::seconds lease{std::chrono::minutes(5)};
    /// Items claimed per pass at most.
    int64_t batch = 32;
    /// How soon a key that could not be asked (network, maintenance) is tried again.
    std::chrono::seconds retry{std::chrono::minutes(5)};
  };

  ReauditScheduler(Deps deps, Options options);

  /// Brings the work items in line with the live connections (new ones spread over the period,
  /// revoked ones removed) and recomputes each exchange's budget.
  base::Result<std::vector<AuditBudget>> Plan();
  /// One pass: claims the due items and audits them; how many were audited.
  boost::asio::awaitable<base::Result<size_t>> Tick();
  /// Makes a connection's audit due now (after an error that looks like a permission change).
  base::Result<void> Soon(const store::ConnectionId& connection);
  /// Plan, then Tick every `poll`, re-planning every `replan`, until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds poll,
                                   std::chrono::seconds replan, const std::atomic<bool>& stop);

  std::vector<AuditBudget> budgets() const;

 private:
  std::chrono::seconds PeriodOf(const std::string& exchange) const;

  Deps d_;
  Options options_;
  mutable std::mutex mu_;
  std::map<std::string, AuditBudget> budgets_;  // GUARDED_BY(mu_), by exchange
};

}  // namespace amanah::daemon
