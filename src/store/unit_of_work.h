// UnitOfWork: one transaction over every aggregate of the store. What it reads is one consistent
// snapshot; what it writes is committed together or not at all — which is how a state change and
// its journal record commit together. Destroying it without Commit() rolls back. A write unit
// holds the database's write lock for its life: keep it short, and never do network I/O inside
// one. Hooks given to OnCommit run after a successful commit (e.g. exporting a checkpoint the
// transaction wrote). One thread at a time; not nestable.
#pragma once

#include <functional>
#include <vector>

#include "base/result.h"
#include "store/access_repository.h"
#include "store/alert_repository.h"
#include "store/connection_repository.h"
#include "store/journal_repository.h"
#include "store/keyring_repository.h"
#include "store/nonce_repository.h"
#include "store/notification_repository.h"
#include "store/order_repository.h"
#include "store/plan_repository.h"
#include "store/rate_budget_repository.h"
#include "store/schedule_repository.h"
#include "store/snapshot_repository.h"
#include "store/tenant_repository.h"
#include "store/throttle_repository.h"

namespace amanah::store {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;

  virtual TenantRepository& tenants() = 0;
  virtual KeyringRepository& keyring() = 0;
  virtual ConnectionRepository& connections() = 0;
  virtual JournalRepository& journal() = 0;
  virtual OrderRepository& orders() = 0;
  virtual AccessRepository& access() = 0;
  virtual AlertRepository& alerts() = 0;
  virtual ScheduleRepository& schedule() = 0;
  virtual ThrottleRepository& throttles() = 0;
  virtual SnapshotRepository& snapshots() = 0;
  virtual RateBudgetRepository& rate_budgets() = 0;
  virtual PlanRepository& plans() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual NonceRepository& nonces() = 0;

  /// Commits; then runs the on-commit hooks in order. On failure nothing was written.
  base::Result<void> Commit() {
    AMANAH_TRY(CommitTransaction());
    for (auto& hook : hooks_) hook();
    hooks_.clear();
    return {};
  }
  /// Runs `hook` after this unit commits (never if it rolls back).
  void OnCommit(std::function<void()> hook) { hooks_.push_back(std::move(hook)); }

 protected:
  virtual base::Result<void> CommitTransaction() = 0;

 private:
  std::vector<std::function<void()>> hooks_;
};

}  // namespace amanah::store
