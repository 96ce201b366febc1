#include "strategy/plan_scheduler.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "journal/record.h"
#include "strategy/plan_mac.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::ErrorCode;
using base::Result;

boost::asio::awaitable<Result<bool>> PlanScheduler::Do(const store::PlanRow& row) {
  auto plan = FromRow(row);
  if (!plan) co_return plan.error();
  if (!plan->period || !plan->next_run) co_return false;
  const Period& period = *plan->period;
  const base::SystemTime now = d_.clock.Now();
  const base::SystemTime due = *plan->next_run;

  // A run this plan left started is resumed before anything else.
  auto unfinished = d_.store.Read([&](store::UnitOfWork& u) -> Result<std::optional<int64_t>> {
    AMANAH_ASSIGN_OR_RETURN(auto runs, u.plans().ListRuns(row.id, 4));
    for (const auto& r : runs) {
      if (r.state == "started") return std::optional<int64_t>(r.slot_ms);
    }
    return std::optional<int64_t>();
  });
  if (!unfinished) co_return unfinished.error();

  base::SystemTime slot = due;
  if (*unfinished) {
    slot = base::SystemTime(std::chrono::milliseconds(**unfinished));
  } else if (now - due > options_.late_after) {
    // Missed while no daemon ran: one run for the latest missed slot, or none.
    const base::SystemTime latest = LastRunAtOrBefore(period, now);
    int64_t missed = 0;
    for (base::SystemTime s = due; s <= latest && missed < 100000; s = NextRun(period, s)) {
      ++missed;
    }
    const bool once = plan->catch_up == CatchUp::kOnce;
    auto noted = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, row.tenant, row.id));
      p.next_run = once ? latest : NextRun(period, now);
      p.updated_at = now;
      return d_.plans.SaveIn(
          u, p, journal::kind::kPlanRunSkipped,
          {{"missed", once ? missed - 1 : missed},
           {"from_ms", base::UnixMillis(due)},
           {"catch_up", CatchUpName(plan->catch_up)},
           {"reason", once ? "missed while no daemon ran; the latest is made once"
                           : "missed while no daemon ran; skipped by catch_up = skip"}});
    });
    if (!noted) co_return noted.error();
    if (!once) co_return true;
    slot = latest;
  }

  RunRequest request{row.tenant, row.id, slot, NextRun(period, slot)};
  auto ran = co_await d_.runner.Run(request);
  if (ran) co_return true;
  const base::Error& e = ran.error();
  if (e.code() == ErrorCode::kUnavailable || e.code() == ErrorCode::kDataLoss ||
      e.code() == ErrorCode::kRateLimited) {
    // Tried again when the lease ends (a MAC failure stays refused, and stays visible).
    spdlog::warn("plans: {} could not run now: {}", row.name, e.ToString());
    co_return e;
  }
  // It cannot be made at all: recorded as failed, and the plan goes on.
  spdlog::warn("plans: the run of {} at {} failed: {}", row.name, base::UnixMillis(slot),
               e.ToString());
  auto failed = d_.runner.RecordFailure(request, e.message());
  if (!failed) co_return failed.error();
  co_return true;
}

boost::asio::awaitable<Result<size_t>> PlanScheduler::Tick() {
  const base::SystemTime now = d_.clock.Now();
  auto claimed = d_.store.Write([&](store::UnitOfWork& u) {
    return u.plans().ClaimDue(options_.holder, now, now + options_.lease, options_.batch);
  });
  if (!claimed) co_return claimed.error();
  size_t done = 0;
  for (const auto& row : *claimed) {
    auto verified = Verify(d_.vault.state_mac(), row);
    if (!verified) {
      spdlog::error("plans: {}", verified.error().ToString());
      continue;  // leased until it expires: a forged plan is never run, and keeps saying so
    }
    auto did = co_await Do(row);
    if (!did) continue;  // keeps its lease: tried again when it ends
    if (*did) ++done;
    auto released = d_.store.Write(
        [&](store::UnitOfWork& u) { return u.plans().Release(row.id, options_.holder); });
    if (!released) co_return released.error();
  }
  co_return done;
}

boost::asio::awaitable<void> PlanScheduler::Run(engine::Pause pause, std::chrono::milliseconds poll,
                                                const std::atomic<bool>& stop) {
  while (!stop.load()) {
    auto ticked = co_await Tick();
    if (!ticked) spdlog::error("plans: {}", ticked.error().ToString());
    if (stop.load()) break;
    if (!ticked || *ticked == 0) co_await pause(poll);  // more may be due at once: look again
  }
}

}  // namespace amanah::strategy
