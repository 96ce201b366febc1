// RateBudgetRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/rate_budget_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteRateBudgets final : public RateBudgetRepository {
 public:
  explicit SqliteRateBudgets(Database& db) : db_(db) {}
  base::Result<RateBudget> Merge(const RateBudget& seen) override;
  base::Result<std::vector<RateBudget>> List() override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
