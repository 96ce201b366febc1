// PlanRunner: one run of a plan — the intents it decides on, through the order engine, recorded as
// the plan's history. A run is named by its slot (the scheduled time it stands for; a "run now" is
// a slot of its own), and a slot is run at most once:
//
//   1. a run of the slot that finished is reported, not made again;
//   2. the connection must be able to trade (else the plan pauses itself, saying why) and its
//      audit be fresh (else it is audited first: a key that fails pauses the plan);
//   3. the intents are decided — DCA: the quote amount (what is left of the budget, the price
//      ceiling, a limit below the last price); rebalance: strategy/rebalance.h — each with an id
//      derived from the plan, the slot and its place, and stored with the run ("started",
//      plan.run_started) before any is sent;
//   4. each goes through OrderEngine::Submit (the full check chain) in order, sells first;
//   5. the run is recorded "done" with each intent's decision and order, and the plan's count,
//      spending and next run move on, in one unit with plan.run.
// A process that dies between 3 and 5 leaves the run "started"; running the slot again sends the
// stored intents, which the engine recognises (an intent id is placed once), so nothing is placed
// twice and nothing is lost.
#pragma once

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "engine/order_engine.h"
#include "keys/key_service.h"
#include "strategy/plan_service.h"

namespace amanah::strategy {

struct RunRequest {
  store::TenantId tenant;
  std::string plan_id;
  base::SystemTime slot;
  /// The plan's next run after this one (scheduled runs); none: a run now, which leaves the
  /// schedule as it is.
  std::optional<base::SystemTime> next_run;
};

class PlanRunner {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    const base::Clock& clock;
    keys::KeyService& keys;
    engine::OrderEngine& engine;
    PlanService& plans;
    base::Decimal fee_rate;
  };
  explicit PlanRunner(Deps deps) : d_(deps) {}

  /// Runs (or resumes, or reports) the slot; the run as recorded. kUnavailable: the run could not
  /// finish now (an earlier order of the connection is unsettled; the exchange cannot be reached
  /// while deciding) and is left to be tried again.
  boost::asio::awaitable<base::Result<store::PlanRunRow>> Run(RunRequest request);
  /// Records the slot's run as failed (`why`) — a run that cannot be made at all — and moves the
  /// plan on to `request.next_run`.
  base::Result<store::PlanRunRow> RecordFailure(const RunRequest& request, const std::string& why);

 private:
  struct Decided {
    std::vector<order::Intent> intents;
    std::string skip;     ///< why the run makes no order (then intents is empty)
    bool finish = false;  ///< the plan is done after this run (budget spent, end reached)
  };
  boost::asio::awaitable<base::Result<Decided>> Decide(const Plan& plan, const store::Connection& c,
                                                       base::SystemTime slot);
  boost::asio::awaitable<base::Result<Decided>> DecideDca(const Plan& plan, const DcaSpec& spec,
                                                          const store::Connection& c,
                                                          base::SystemTime slot);
  boost::asio::awaitable<base::Result<Decided>> DecideRebalance(const Plan& plan,
                                                                const RebalanceSpec& spec,
                                                                const store::Connection& c,
                                                                base::SystemTime slot);
  // Records a run that makes no order (skipped) and moves the plan on.
  base::Result<store::PlanRunRow> Skip(const RunRequest& request, const std::string& note,
                                       bool finish, bool pause);
  // Records the end of a started run and moves the plan on.
  base::Result<store::PlanRunRow> Finish(const RunRequest& request, store::PlanRunRow run,
                                         const boost::json::array& outcome,
                                         const base::Decimal& spent);

  Deps d_;
};

/// The intent id of the `index`th intent of a plan's run at `slot_ms` (order::DerivedIntentId of
/// "amanah/plan-intent/v1", the plan id, the slot and the index).
std::string PlanIntentId(std::string_view plan_id, int64_t slot_ms, size_t index);

}  // namespace amanah::strategy
