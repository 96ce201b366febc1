// PlanRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/plan_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqlitePlans final : public PlanRepository {
 public:
  explicit SqlitePlans(Database& db) : db_(db) {}

  base::Result<void> Insert(const PlanRow& plan) override;
  base::Result<std::optional<PlanRow>> Get(const TenantId& tenant, std::string_view id) override;
  base::Result<std::optional<PlanRow>> GetById(std::string_view id) override;
  base::Result<std::optional<PlanRow>> FindByName(const TenantId& tenant,
                                                  std::string_view name) override;
  base::Result<std::vector<PlanRow>> List(const TenantId& tenant,
                                          std::optional<ConnectionId> connection) override;
  base::Result<void> Update(const PlanRow& plan) override;
  base::Result<void> Remove(const TenantId& tenant, std::string_view id) override;
  base::Result<std::vector<PlanRow>> ClaimDue(std::string_view holder, base::SystemTime now,
                                              base::SystemTime lease_until, int64_t limit) override;
  base::Result<bool> Release(std::string_view id, std::string_view holder) override;
  base::Result<std::optional<base::SystemTime>> EarliestDue() override;

  base::Result<void> InsertRun(const PlanRunRow& run) override;
  base::Result<std::optional<PlanRunRow>> GetRun(std::string_view plan_id,
                                                 int64_t slot_ms) override;
  base::Result<void> UpdateRun(const PlanRunRow& run) override;
  base::Result<std::vector<PlanRunRow>> ListRuns(std::string_view plan_id, size_t limit) override;
  base::Result<std::vector<PlanRunRow>> UnfinishedRuns() override;

  base::Result<void> InsertSignal(const SignalRow& signal) override;
  base::Result<void> UpdateSignal(const SignalRow& signal) override;
  base::Result<std::optional<SignalRow>> GetSignal(std::string_view plan_id,
                                                   std::string_view signal_id) override;
  base::Result<std::vector<SignalRow>> SignalsIn(std::string_view state, size_t limit) override;
  base::Result<std::vector<SignalRow>> ListSignals(std::string_view plan_id, size_t limit) override;

 private:
  base::Result<std::vector<PlanRow>> Plans(Statement& stmt);
  base::Result<std::vector<PlanRunRow>> Runs(Statement& stmt);
  base::Result<std::vector<SignalRow>> Signals(Statement& stmt);
  Database& db_;
};

}  // namespace amanah::store::sqlite
