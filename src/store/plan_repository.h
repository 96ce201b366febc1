// PlanRepository: the tenants' automated trading plans (DCA, rebalance, webhook signals), each
// plan's runs — one row per scheduled run, keyed by the run's slot time, which is how a run is
// never made twice — and the webhook signals each plan received, keyed by the signal's id, which
// is how a replayed signal is refused. A plan's next run is a lease like a work item's
// (schedule_repository.h): a node claims the plans that are due and not leased, inside one write
// transaction, so two daemons never run one plan at once. What a plan does is its `spec`, the
// strategy module's canonical JSON; the store keeps it as text. Reached through a UnitOfWork, so a
// plan's change commits with its journal record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/decimal.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

struct PlanRow {
  std::string id;  ///< 32 lowercase hex
  TenantId tenant;
  ConnectionId connection;
  std::string name;           ///< unique per tenant
  std::string kind;           ///< "dca" | "rebalance" | "webhook"
  std::string status;         ///< "active" | "paused" | "finished"
  std::string status_reason;  ///< why it is paused or finished
  std::string period;         ///< strategy/period.h text; empty for webhook plans
  std::string time_zone;
  std::string catch_up;  ///< "once" | "skip"
  std::string spec;      ///< canonical JSON
  base::SystemTime created_at;
  base::SystemTime updated_at;
  std::optional<base::SystemTime> next_run;  ///< the slot of the next run; none: not scheduled
  base::Decimal spent;                       ///< quote spent so far (a DCA budget)
  int64_t runs = 0;                          ///< runs made
  Blob state_mac;
  // The lease (not part of the MAC).
  std::string holder;
  base::SystemTime lease_until{};
};

/// One run of a plan: its slot (the scheduled time it stands for), the order intents it decided on
/// (stored before any is sent, so a run resumed after a crash sends the same ones) and what came of
/// them.
struct PlanRunRow {
  TenantId tenant;
  std::string plan_id;
  int64_t slot_ms = 0;
  std::string state;  ///< "started" | "done" | "skipped" | "failed"
  base::SystemTime started_at;
  std::optional<base::SystemTime> finished_at;
  std::string intents;  ///< JSON array of the intents
  std::string outcome;  ///< JSON: each intent's decision and order
  std::string note;     ///< why skipped or failed
  Blob state_mac;
};

/// A webhook signal as received: queued durably before it is answered, placed after.
struct SignalRow {
  TenantId tenant;
  std::string plan_id;
  std::string signal_id;  ///< the sender's id (unique per plan: a replay is refused)
  base::SystemTime received_at;
  std::string body;   ///< canonical JSON of the parsed signal
  std::string state;  ///< "queued" | "done" | "rejected"
  std::string order_id;
  std::string reason;
  Blob state_mac;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;

  /// kAlreadyExists if the tenant has a plan of that id or name.
  virtual base::Result<void> Insert(const PlanRow& plan) = 0;
  virtual base::Result<std::optional<PlanRow>> Get(const TenantId& tenant, std::string_view id) = 0;
  /// A plan by id whatever its tenant (the webhook receiver's URL names only the plan).
  virtual base::Result<std::optional<PlanRow>> GetById(std::string_view id) = 0;
  virtual base::Result<std::optional<PlanRow>> FindByName(const TenantId& tenant,
                                                          std::string_view name) = 0;
  /// The tenant's plans (of one connection when given), by name.
  virtual base::Result<std::vector<PlanRow>> List(const TenantId& tenant,
                                                  std::optional<ConnectionId> connection) = 0;
  /// Writes everything but the id, tenant and creation time; kNotFound if there is none.
  virtual base::Result<void> Update(const PlanRow& plan) = 0;
  /// Deletes the plan, its runs and its signals.
  virtual base::Result<void> Remove(const TenantId& tenant, std::string_view id) = 0;

  /// Leases up to `limit` active plans whose next run is due at `now` and that no node holds,
  /// earliest first, to `holder` until `lease_until`.
  virtual base::Result<std::vector<PlanRow>> ClaimDue(std::string_view holder, base::SystemTime now,
                                                      base::SystemTime lease_until,
                                                      int64_t limit) = 0;
  /// Ends `holder`'s lease; false if it had lost it.
  virtual base::Result<bool> Release(std::string_view id, std::string_view holder) = 0;
  /// The earliest next run of any active plan (how long a scheduler may sleep).
  virtual base::Result<std::optional<base::SystemTime>> EarliestDue() = 0;

  /// kAlreadyExists if the plan has a run of that slot.
  virtual base::Result<void> InsertRun(const PlanRunRow& run) = 0;
  virtual base::Result<std::optional<PlanRunRow>> GetRun(std::string_view plan_id,
                                                         int64_t slot_ms) = 0;
  /// kNotFound if there is none.
  virtual base::Result<void> UpdateRun(const PlanRunRow& run) = 0;
  /// The plan's runs, newest first.
  virtual base::Result<std::vector<PlanRunRow>> ListRuns(std::string_view plan_id,
                                                         size_t limit) = 0;
  /// Runs left "started" by a process that died (every plan's), oldest first.
  virtual base::Result<std::vector<PlanRunRow>> UnfinishedRuns() = 0;

  /// kAlreadyExists if the plan already received a signal of that id.
  virtual base::Result<void> InsertSignal(const SignalRow& signal) = 0;
  virtual base::Result<void> UpdateSignal(const SignalRow& signal) = 0;
  virtual base::Result<std::optional<SignalRow>> GetSignal(std::string_view plan_id,
                                                           std::string_view signal_id) = 0;
  /// Every plan's signals in `state`, oldest first.
  virtual base::Result<std::vector<SignalRow>> SignalsIn(std::string_view state, size_t limit) = 0;
  /// The plan's signals, newest first.
  virtual base::Result<std::vector<SignalRow>> ListSignals(std::string_view plan_id,
                                                           size_t limit) = 0;
};

}  // namespace amanah::store
