// PlanScheduler: makes each active plan's runs when they are due, on any number of daemons
// sharing one store — a pass leases the plans whose next run has come (plan_repository.h), runs
// each through the PlanRunner and lets it go. A restart neither skips nor doubles a run:
//
//   - a run left "started" by a process that died is resumed first (the same slot, the same
//     stored intents);
//   - a run due no longer ago than `late_after` is made for its slot;
//   - runs missed for longer (no daemon ran) follow the plan's catch_up: "once" makes one run for
//     the latest missed slot, "skip" makes none; either way the next run is the period's next
//     after now, and the missed slots are journaled (plan.run_skipped with how many);
//   - a slot is run at most once (the run's key), so a pass that dies after the run but before
//     the plan moved on only moves it on the next time.
// A run that cannot finish now (the exchange unreachable, an earlier order unsettled) keeps its
// lease until it expires and is tried again then; one that cannot be made at all (the pair is
// gone) is recorded as failed and the plan goes on to its next run.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "engine/order_engine.h"
#include "strategy/plan_runner.h"
#include "strategy/plan_service.h"

namespace amanah::strategy {

class PlanScheduler {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    PlanService& plans;
    PlanRunner& runner;
    const base::Clock& clock;
  };
  struct Options {
    std::string holder = "node";
    std::chrono::seconds lease{std::chrono::minutes(2)};
    int64_t batch = 16;
    /// How late a run may be and still be made for its own slot.
    std::chrono::seconds late_after{std::chrono::minutes(15)};
  };
  PlanScheduler(Deps deps, Options options) : d_(deps), options_(std::move(options)) {}

  /// One pass; how many runs it made (or resumed, or recorded as skipped).
  boost::asio::awaitable<base::Result<size_t>> Tick();
  /// Tick every `poll` until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds poll,
                                   const std::atomic<bool>& stop);

 private:
  // Does the claimed plan's due work; true if a run was made or recorded.
  boost::asio::awaitable<base::Result<bool>> Do(const store::PlanRow& row);

  Deps d_;
  Options options_;
};

}  // namespace amanah::strategy
