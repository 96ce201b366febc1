// ConnectionScheduler: the recurring work on every live connection — its re-audit (a key that
// fails is suspended at once and an alert raised, by the key service) and its reconciliation (an
// order we did not place suspends it, by the reconciler). Each piece of work is a leased item in
// the store ("audit:<connection id>", "reconcile:<connection id>"), so that any number of daemons
// on one store share the work and none does it twice: a pass claims the items that are due, does
// each, and makes it due again one period later. Work that could not reach the exchange is tried
// again sooner.
//
// Periods honour the exchange's request-weight budget per egress IP: with K keys on an exchange,
// E egress IPs, a piece of work costing w weight and a budget of B a minute of which a share s
// goes to that kind of work, each key's work can run at most every K·w / (E·B·s) minutes. The
// scheduler uses the configured period (default: audits hourly, reconciliation every 5 minutes)
// unless that is shorter, and then lengthens it and says so (a 418 ban of an egress IP stops every
// tenant's trading on that exchange). The shares leave the rest of the budget to trading. New
// items are spread over the period so that ten thousand keys do not start at once.
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
#include "engine/reconciler.h"
#include "exchange/registry.h"
#include "keys/balance_snapshots.h"
#include "keys/key_service.h"
#include "store/store.h"

namespace amanah::daemon {

/// The kinds of recurring work on a connection.
enum class Work { kAudit, kReconcile, kSnapshot };
std::string_view WorkName(Work work);  ///< "audit", "reconcile", "snapshot"

/// How often one kind of work can run for each of one exchange's keys.
struct WorkBudget {
  Work work = Work::kAudit;
  std::string exchange;
  int64_t keys = 0;
  int64_t egress_ips = 1;
  int64_t weight = 0;  ///< request weight one run costs
  int64_t weight_per_minute = 0;
  double share = 0;  ///< of each egress IP's budget
  std::chrono::seconds period{0};
  /// The configured period was too short for the budget and was lengthened.
  bool lengthened = false;
  /// Runs a minute this plan spends at most, per egress IP.
  double runs_per_minute_per_ip = 0;
};

/// The period for `keys` keys (see the header comment); never below `wanted`.
std::chrono::seconds BudgetedPeriod(int64_t keys, int64_t egress_ips, int64_t weight,
                                    int64_t weight_per_minute, double share,
                                    std::chrono::seconds wanted);

class ConnectionScheduler {
 public:
  struct Deps {
    store::Store& store;
    keys::KeyService& keys;
    engine::Reconciler* reconciler = nullptr;  ///< null: no reconciliation
    exchange::Registry& registry;
    const base::Clock& clock;
    api::Metrics* metrics = nullptr;              ///< optional
    keys::BalanceSnapshots* snapshots = nullptr;  ///< null: no daily balance snapshots
  };
  struct Options {
    std::chrono::seconds audit_every{std::chrono::hours(1)};
    std::chrono::seconds reconcile_every{std::chrono::minutes(5)};
    std::chrono::seconds snapshot_every{std::chrono::hours(24)};
    int64_t egress_ips = 1;
    /// The shares of each egress IP's weight budget audits and reconciliation may spend (the rest
    /// is trading's).
    double audit_share = 0.3;
    double reconcile_share = 0.3;
    double snapshot_share = 0.05;
    /// This node's name in the leases.
    std::string holder = "node";
    std::chrono::seconds lease{std::chrono::minutes(5)};
    /// Items claimed per pass at most.
    int64_t batch = 32;
    /// How soon work that could not reach the exchange (network, maintenance) is tried again.
    std::chrono::seconds retry{std::chrono::minutes(5)};
  };

  ConnectionScheduler(Deps deps, Options options);

  /// Brings the work items in line with the live connections (new ones spread over the period,
  /// revoked ones removed) and recomputes each exchange's budgets.
  base::Result<std::vector<WorkBudget>> Plan();
  /// One pass: claims the due items and does them; how many were done.
  boost::asio::awaitable<base::Result<size_t>> Tick();
  /// Makes a connection's audit due now (after an error that looks like a permission change).
  base::Result<void> Soon(const store::ConnectionId& connection);
  /// Plan, then Tick every `poll`, re-planning every `replan`, until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds poll,
                                   std::chrono::seconds replan, const std::atomic<bool>& stop);

  std::vector<WorkBudget> budgets() const;

 private:
  std::chrono::seconds PeriodOf(Work work, const std::string& exchange) const;
  std::chrono::seconds Wanted(Work work) const;  ///< the configured period
  std::vector<Work> Kinds() const;
  // Does one item; the time it is due again.
  boost::asio::awaitable<base::SystemTime> Do(Work work, const store::Connection& c);

  Deps d_;
  Options options_;
  mutable std::mutex mu_;
  std::map<std::pair<Work, std::string>, WorkBudget> budgets_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::daemon
