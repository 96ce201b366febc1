#include "daemon/reaudit_scheduler.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "crypto/bytes.h"
#include "crypto/sha2.h"

namespace amanah::daemon {

namespace {

constexpr std::string_view kPrefix = "audit:";

std::string ItemName(const store::ConnectionId& id) { return std::string(kPrefix) + id.value(); }

// Where in the period a new item first falls: by its id, so that restarts and other nodes agree.
std::chrono::seconds Offset(const store::ConnectionId& id, std::chrono::seconds period) {
  auto digest = crypto::Sha256(crypto::AsBytes(id.value()));
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | digest[static_cast<size_t>(i)];
  return std::chrono::seconds(
      static_cast<int64_t>(v % static_cast<uint64_t>(std::max<int64_t>(1, period.count()))));
}

}  // namespace

std::chrono::seconds AuditPeriod(int64_t keys, int64_t egress_ips, int64_t audit_weight,
                                 int64_t weight_per_minute, double share,
                                 std::chrono::seconds wanted) {
  if (keys <= 0 || audit_weight <= 0 || weight_per_minute <= 0 || share <= 0) return wanted;
  const double per_minute = static_cast<double>(std::max<int64_t>(1, egress_ips)) *
                            static_cast<double>(weight_per_minute) * share /
                            static_cast<double>(audit_weight);  // audits a minute the budget allows
  const auto needed = std::chrono::seconds(
      static_cast<int64_t>(std::ceil(static_cast<double>(keys) / per_minute * 60.0)));
  return std::max(wanted, needed);
}

ReauditScheduler::ReauditScheduler(Deps deps, Options options)
    : d_(deps), options_(std::move(options)) {
  if (d_.metrics) {
    d_.metrics->Declare(
        "amanah_audits_total", api::Metrics::Type::kCounter,
        "Key audits run, by exchange and result (compliant, non_compliant, failed).");
    d_.metrics->Declare("amanah_reaudit_period_seconds", api::Metrics::Type::kGauge,
                        "How often each key of an exchange is re-audited (lengthened to stay "
                        "inside the request-weight budget).");
    d_.metrics->Declare("amanah_reaudit_keys", api::Metrics::Type::kGauge,
                        "Live keys being re-audited, by exchange.");
    d_.metrics->Declare("amanah_reaudit_audits_per_minute_per_ip", api::Metrics::Type::kGauge,
                        "The audits a minute each egress IP spends at most, by exchange.");
  }
}

std::vector<AuditBudget> ReauditScheduler::budgets() const {
  std::lock_guard lock(mu_);
  std::vector<AuditBudget> out;
  for (const auto& [_, b] : budgets_) out.push_back(b);
  return out;
}

std::chrono::seconds ReauditScheduler::PeriodOf(const std::string& exchange) const {
  std::lock_guard lock(mu_);
  auto it = budgets_.find(exchange);
  return it == budgets_.end() ? options_.every : it->second.period;
}

base::Result<std::vector<AuditBudget>> ReauditScheduler::Plan() {
  AMANAH_ASSIGN_OR_RETURN(auto connections, d_.store.Read([](store::UnitOfWork& u) {
    return u.connections().ListStates(std::nullopt);
  }));
  std::map<std::string, AuditBudget> budgets;
  for (const auto& c : connections) {
    if (!store::IsLive(c.status)) continue;
    auto& b = budgets[c.exchange];
    b.exchange = c.exchange;
    ++b.keys;
  }
  for (auto& [name, b] : budgets) {
    auto driver = d_.registry.Find(name);
    b.egress_ips = std::max<int64_t>(1, options_.egress_ips);
    if (driver) {
      b.audit_weight = (*driver)->audit_request_weight();
      b.weight_per_minute = (*driver)->request_weight_per_minute();
    }
    b.period = AuditPeriod(b.keys, b.egress_ips, b.audit_weight, b.weight_per_minute,
                           options_.budget_share, options_.every);
    b.lengthened = b.period > options_.every;
    b.audits_per_minute_per_ip = static_cast<double>(b.keys) * 60.0 /
                                 static_cast<double>(b.period.count()) /
                                 static_cast<double>(b.egress_ips);
    if (b.lengthened) {
      spdlog::warn(
          "re-audit: {} keys on {} need {} s between audits of each key to stay inside "
          "{} weight/min on {} egress IP(s); the configured {} s was lengthened",
          b.keys, name, b.period.count(), b.weight_per_minute, b.egress_ips,
          options_.every.count());
    }
  }
  {
    std::lock_guard lock(mu_);
    budgets_ = budgets;
  }
  if (d_.metrics) {
    d_.metrics->Clear("amanah_reaudit_period_seconds");
    d_.metrics->Clear("amanah_reaudit_keys");
    d_.metrics->Clear("amanah_reaudit_audits_per_minute_per_ip");
    for (const auto& [name, b] : budgets) {
      d_.metrics->Set("amanah_reaudit_period_seconds", {{"exchange", name}},
                      static_cast<double>(b.period.count()));
      d_.metrics->Set("amanah_reaudit_keys", {{"exchange", name}}, static_cast<double>(b.keys));
      d_.metrics->Set("amanah_reaudit_audits_per_minute_per_ip", {{"exchange", name}},
                      b.audits_per_minute_per_ip);
    }
  }
  const auto now = d_.clock.Now();
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> base::Result<void> {
    for (const auto& c : connections) {
      const std::string name = ItemName(c.id);
      if (!store::IsLive(c.status)) {
        AMANAH_TRY(u.schedule().Remove(name));
        continue;
      }
      const auto period = budgets[c.exchange].period;
      AMANAH_TRY(u.schedule().Ensure(name, now + Offset(c.id, period)));
    }
    return {};
  }));
  std::vector<AuditBudget> out;
  for (auto& [_, b] : budgets) out.push_back(b);
  return out;
}

boost::asio::awaitable<base::Result<size_t>> ReauditScheduler::Tick() {
  const auto now = d_.clock.Now();
  auto claimed = d_.store.Write([&](store::UnitOfWork& u) {
    return u.schedule().Claim(options_.holder, now, now + options_.lease, options_.batch);
  });
  if (!claimed) co_return claimed.error();
  size_t audited = 0;
  for (const auto& item : *claimed) {
    const store::ConnectionId id(item.name.substr(kPrefix.size()));
    auto connection = d_.store.Read([&](store::UnitOfWork& u) { return u.connections().Get(id); });
    if (!connection) co_return connection.error();
    if (!*connection || !store::IsLive((*connection)->status)) {
      auto removed =
          d_.store.Write([&](store::UnitOfWork& u) { return u.schedule().Remove(item.name); });
      if (!removed) co_return removed.error();
      continue;
    }
    const store::Connection& c = **connection;
    keys::AuditOutcome outcome = co_await d_.keys.Audit(c.tenant, c.label);
    ++audited;
    using Kind = keys::AuditOutcome::Kind;
    std::string_view result = outcome.kind == Kind::kCompliant      ? "compliant"
                              : outcome.kind == Kind::kNonCompliant ? "non_compliant"
                                                                    : "failed";
    if (d_.metrics)
      d_.metrics->Add("amanah_audits_total", {{"exchange", c.exchange}, {"result", result}});
    if (outcome.suspended) {
      spdlog::warn("re-audit: {} of tenant {} failed its audit and was suspended", c.id.value(),
                   c.tenant.value());
    }
    const auto period = PeriodOf(c.exchange);
    const auto next = d_.clock.Now() + (outcome.kind == Kind::kFailed
                                            ? std::min<std::chrono::seconds>(options_.retry, period)
                                            : period);
    auto done = d_.store.Write([&](store::UnitOfWork& u) {
      return u.schedule().Complete(item.name, options_.holder, next);
    });
    if (!done) co_return done.error();
    if (!*done) spdlog::warn("re-audit: the lease on {} expired while it was audited", item.name);
  }
  co_return audited;
}

base::Result<void> ReauditScheduler::Soon(const store::ConnectionId& connection) {
  const auto now = d_.clock.Now();
  return d_.store.Write(
      [&](store::UnitOfWork& u) { return u.schedule().Reschedule(ItemName(connection), now); });
}

boost::asio::awaitable<void> ReauditScheduler::Run(engine::Pause pause,
                                                   std::chrono::milliseconds poll,
                                                   std::chrono::seconds replan,
                                                   const std::atomic<bool>& stop) {
  auto last_plan = d_.clock.Monotonic() - replan;
  while (!stop.load()) {
    if (d_.clock.Monotonic() - last_plan >= replan) {
      if (auto planned = Plan(); !planned) {
        spdlog::error("re-audit: planning failed: {}", planned.error().ToString());
      }
      last_plan = d_.clock.Monotonic();
    }
    auto ticked = co_await Tick();
    if (!ticked) spdlog::error("re-audit: {}", ticked.error().ToString());
    if (stop.load()) break;
    co_await pause(poll);
  }
}

}  // namespace amanah::daemon
