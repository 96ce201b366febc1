#include "daemon/connection_scheduler.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "crypto/bytes.h"
#include "crypto/sha2.h"

namespace amanah::daemon {

namespace {

constexpr Work kAllWork[] = {Work::kAudit, Work::kReconcile, Work::kSnapshot};

std::string Prefix(Work work) { return std::string(WorkName(work)) + ":"; }

std::string ItemName(Work work, const store::ConnectionId& id) { return Prefix(work) + id.value(); }

// Where in the period a new item first falls: by its name, so that restarts and other nodes agree
// and a connection's audit and reconciliation do not fall together.
std::chrono::seconds Offset(const std::string& name, std::chrono::seconds period) {
  auto digest = crypto::Sha256(crypto::AsBytes(name));
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | digest[static_cast<size_t>(i)];
  return std::chrono::seconds(
      static_cast<int64_t>(v % static_cast<uint64_t>(std::max<int64_t>(1, period.count()))));
}

}  // namespace

std::string_view WorkName(Work work) {
  switch (work) {
    case Work::kAudit:
      return "audit";
    case Work::kReconcile:
      return "reconcile";
    case Work::kSnapshot:
      return "snapshot";
  }
  return "unknown";
}

std::chrono::seconds BudgetedPeriod(int64_t keys, int64_t egress_ips, int64_t weight,
                                    int64_t weight_per_minute, double share,
                                    std::chrono::seconds wanted) {
  if (keys <= 0 || weight <= 0 || weight_per_minute <= 0 || share <= 0) return wanted;
  const double per_minute = static_cast<double>(std::max<int64_t>(1, egress_ips)) *
                            static_cast<double>(weight_per_minute) * share /
                            static_cast<double>(weight);  // runs a minute the budget allows
  const auto needed = std::chrono::seconds(
      static_cast<int64_t>(std::ceil(static_cast<double>(keys) / per_minute * 60.0)));
  return std::max(wanted, needed);
}

ConnectionScheduler::ConnectionScheduler(Deps deps, Options options)
    : d_(deps), options_(std::move(options)) {
  if (d_.metrics) {
    d_.metrics->Declare(
        "amanah_audits_total", api::Metrics::Type::kCounter,
        "Key audits run, by exchange and result (compliant, non_compliant, failed).");
    d_.metrics->Declare("amanah_balance_snapshots_total", api::Metrics::Type::kCounter,
                        "Daily balance snapshots taken, by exchange and result (taken, failed).");
    d_.metrics->Declare("amanah_reconciliations_total", api::Metrics::Type::kCounter,
                        "Reconciliations run, by exchange and result (clean, foreign: an order we "
                        "did not place was found, failed).");
    d_.metrics->Declare("amanah_scheduled_period_seconds", api::Metrics::Type::kGauge,
                        "How often each key's work (audit, reconcile) runs, by exchange "
                        "(lengthened to stay inside the request-weight budget).");
    d_.metrics->Declare("amanah_scheduled_keys", api::Metrics::Type::kGauge,
                        "Live keys with scheduled work, by exchange and work.");
    d_.metrics->Declare("amanah_scheduled_runs_per_minute_per_ip", api::Metrics::Type::kGauge,
                        "The runs a minute each egress IP spends at most, by exchange and work.");
  }
}

std::vector<Work> ConnectionScheduler::Kinds() const {
  std::vector<Work> out{Work::kAudit};
  if (d_.reconciler) out.push_back(Work::kReconcile);
  if (d_.snapshots) out.push_back(Work::kSnapshot);
  return out;
}

std::chrono::seconds ConnectionScheduler::Wanted(Work work) const {
  switch (work) {
    case Work::kAudit:
      return options_.audit_every;
    case Work::kReconcile:
      return options_.reconcile_every;
    case Work::kSnapshot:
      return options_.snapshot_every;
  }
  return options_.audit_every;
}

std::vector<WorkBudget> ConnectionScheduler::budgets() const {
  std::lock_guard lock(mu_);
  std::vector<WorkBudget> out;
  for (const auto& [_, b] : budgets_) out.push_back(b);
  return out;
}

std::chrono::seconds ConnectionScheduler::PeriodOf(Work work, const std::string& exchange) const {
  std::lock_guard lock(mu_);
  auto it = budgets_.find({work, exchange});
  if (it != budgets_.end()) return it->second.period;
  return Wanted(work);
}

base::Result<std::vector<WorkBudget>> ConnectionScheduler::Plan() {
  AMANAH_ASSIGN_OR_RETURN(auto connections, d_.store.Read([](store::UnitOfWork& u) {
    return u.connections().ListStates(std::nullopt);
  }));
  std::map<std::string, int64_t> keys;  // live keys by exchange
  for (const auto& c : connections) {
    if (store::IsLive(c.status)) ++keys[c.exchange];
  }
  std::map<std::pair<Work, std::string>, WorkBudget> budgets;
  for (Work work : Kinds()) {
    for (const auto& [name, n] : keys) {
      WorkBudget b;
      b.work = work;
      b.exchange = name;
      b.keys = n;
      b.egress_ips = std::max<int64_t>(1, options_.egress_ips);
      b.share = work == Work::kAudit       ? options_.audit_share
                : work == Work::kReconcile ? options_.reconcile_share
                                           : options_.snapshot_share;
      if (auto driver = d_.registry.Find(name)) {
        b.weight = work == Work::kAudit       ? (*driver)->audit_request_weight()
                   : work == Work::kReconcile ? (*driver)->reconcile_request_weight()
                                              : (*driver)->snapshot_request_weight();
        b.weight_per_minute = (*driver)->request_weight_per_minute();
      }
      const auto wanted = Wanted(work);
      b.period =
          BudgetedPeriod(b.keys, b.egress_ips, b.weight, b.weight_per_minute, b.share, wanted);
      b.lengthened = b.period > wanted;
      b.runs_per_minute_per_ip = static_cast<double>(b.keys) * 60.0 /
                                 static_cast<double>(b.period.count()) /
                                 static_cast<double>(b.egress_ips);
      if (b.lengthened) {
        spdlog::warn(
            "scheduler: {} keys on {} need {} s between runs of each key's {} to stay inside "
            "{:.0f}% of {} weight/min on {} egress IP(s); the configured {} s was lengthened",
            b.keys, name, b.period.count(), WorkName(work), b.share * 100, b.weight_per_minute,
            b.egress_ips, wanted.count());
      }
      budgets[{work, name}] = b;
    }
  }
  {
    std::lock_guard lock(mu_);
    budgets_ = budgets;
  }
  if (d_.metrics) {
    for (std::string_view m : {"amanah_scheduled_period_seconds", "amanah_scheduled_keys",
                               "amanah_scheduled_runs_per_minute_per_ip"}) {
      d_.metrics->Clear(m);
    }
    for (const auto& [key, b] : budgets) {
      const api::Labels labels{{"exchange", b.exchange}, {"work", WorkName(b.work)}};
      d_.metrics->Set("amanah_scheduled_period_seconds", labels,
                      static_cast<double>(b.period.count()));
      d_.metrics->Set("amanah_scheduled_keys", labels, static_cast<double>(b.keys));
      d_.metrics->Set("amanah_scheduled_runs_per_minute_per_ip", labels, b.runs_per_minute_per_ip);
    }
  }
  const auto now = d_.clock.Now();
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> base::Result<void> {
    for (const auto& c : connections) {
      for (Work work : kAllWork) {
        const std::string name = ItemName(work, c.id);
        if (!store::IsLive(c.status)) {
          AMANAH_TRY(u.schedule().Remove(name));
          continue;
        }
        if (budgets.count({work, c.exchange}) == 0) continue;  // not this node's kind of work
        const WorkBudget& b = budgets[{work, c.exchange}];
        // A new item's first run falls inside its period; a snapshot's inside the shortest time
        // in which every key's snapshot fits the budget (a minute for a few keys), so that a new
        // connection's chart starts the same day, not up to a day later.
        const auto spread = work == Work::kSnapshot
                                ? std::min(b.period, BudgetedPeriod(b.keys, b.egress_ips, b.weight,
                                                                    b.weight_per_minute, b.share,
                                                                    std::chrono::minutes(1)))
                                : b.period;
        AMANAH_TRY(u.schedule().Ensure(name, now + Offset(name, spread)));
      }
    }
    return {};
  }));
  std::vector<WorkBudget> out;
  for (auto& [_, b] : budgets) out.push_back(b);
  return out;
}

boost::asio::awaitable<base::SystemTime> ConnectionScheduler::Do(Work work,
                                                                 const store::Connection& c) {
  const auto period = PeriodOf(work, c.exchange);
  const auto retry = std::min<std::chrono::seconds>(options_.retry, period);
  if (work == Work::kAudit) {
    keys::AuditOutcome outcome = co_await d_.keys.Audit(c.tenant, c.label);
    using Kind = keys::AuditOutcome::Kind;
    std::string_view result = outcome.kind == Kind::kCompliant      ? "compliant"
                              : outcome.kind == Kind::kNonCompliant ? "non_compliant"
                                                                    : "failed";
    if (d_.metrics)
      d_.metrics->Add("amanah_audits_total", {{"exchange", c.exchange}, {"result", result}});
    if (outcome.suspended) {
      spdlog::warn("scheduler: {} of tenant {} failed its audit and was suspended", c.id.value(),
                   c.tenant.value());
    }
    co_return d_.clock.Now() + (outcome.kind == Kind::kFailed ? retry : period);
  }
  if (work == Work::kSnapshot) {
    auto taken = co_await d_.snapshots->Take(c);
    if (d_.metrics) {
      d_.metrics->Add("amanah_balance_snapshots_total",
                      {{"exchange", c.exchange}, {"result", taken ? "taken" : "failed"}});
    }
    if (!taken) {
      spdlog::warn("scheduler: the balance snapshot of {} of tenant {} failed: {}", c.id.value(),
                   c.tenant.value(), taken.error().ToString());
      co_return d_.clock.Now() + retry;
    }
    co_return d_.clock.Now() + period;
  }
  auto report = co_await d_.reconciler->Reconcile(c.tenant, c.label);
  std::string_view result = !report ? "failed" : !report->foreign.empty() ? "foreign" : "clean";
  if (d_.metrics) {
    d_.metrics->Add("amanah_reconciliations_total", {{"exchange", c.exchange}, {"result", result}});
  }
  if (!report) {
    spdlog::warn("scheduler: reconciling {} of tenant {} failed: {}", c.id.value(),
                 c.tenant.value(), report.error().ToString());
    co_return d_.clock.Now() + retry;
  }
  if (report->suspended) {
    spdlog::warn("scheduler: {} order(s) we did not place on {} of tenant {}; suspended",
                 report->foreign.size(), c.id.value(), c.tenant.value());
  }
  co_return d_.clock.Now() + (report->problems.empty() ? period : retry);
}

boost::asio::awaitable<base::Result<size_t>> ConnectionScheduler::Tick() {
  const auto now = d_.clock.Now();
  auto claimed = d_.store.Write([&](store::UnitOfWork& u) {
    return u.schedule().Claim(options_.holder, now, now + options_.lease, options_.batch);
  });
  if (!claimed) co_return claimed.error();
  size_t done = 0;
  for (const auto& item : *claimed) {
    std::optional<Work> work;
    for (Work w : kAllWork) {
      if (item.name.starts_with(Prefix(w))) work = w;
    }
    auto remove = [&] {
      return d_.store.Write([&](store::UnitOfWork& u) { return u.schedule().Remove(item.name); });
    };
    if (!work || (*work == Work::kReconcile && !d_.reconciler) ||
        (*work == Work::kSnapshot && !d_.snapshots)) {
      // Not this node's kind of work (an older or differently configured node's): left to the
      // nodes that do it, after the lease.
      continue;
    }
    const store::ConnectionId id(item.name.substr(Prefix(*work).size()));
    auto connection = d_.store.Read([&](store::UnitOfWork& u) { return u.connections().Get(id); });
    if (!connection) co_return connection.error();
    if (!*connection || !store::IsLive((*connection)->status)) {
      if (auto removed = remove(); !removed) co_return removed.error();
      continue;
    }
    const base::SystemTime next = co_await Do(*work, **connection);
    ++done;
    auto completed = d_.store.Write([&](store::UnitOfWork& u) {
      return u.schedule().Complete(item.name, options_.holder, next);
    });
    if (!completed) co_return completed.error();
    if (!*completed) spdlog::warn("scheduler: the lease on {} expired while it ran", item.name);
  }
  co_return done;
}

base::Result<void> ConnectionScheduler::Soon(const store::ConnectionId& connection) {
  const auto now = d_.clock.Now();
  return d_.store.Write([&](store::UnitOfWork& u) {
    return u.schedule().Reschedule(ItemName(Work::kAudit, connection), now);
  });
}

boost::asio::awaitable<void> ConnectionScheduler::Run(engine::Pause pause,
                                                      std::chrono::milliseconds poll,
                                                      std::chrono::seconds replan,
                                                      const std::atomic<bool>& stop) {
  auto last_plan = d_.clock.Monotonic() - replan;
  while (!stop.load()) {
    if (d_.clock.Monotonic() - last_plan >= replan) {
      if (auto planned = Plan(); !planned) {
        spdlog::error("scheduler: planning failed: {}", planned.error().ToString());
      }
      last_plan = d_.clock.Monotonic();
    }
    auto ticked = co_await Tick();
    if (!ticked) spdlog::error("scheduler: {}", ticked.error().ToString());
    if (stop.load()) break;
    co_await pause(poll);
  }
}

}  // namespace amanah::daemon
