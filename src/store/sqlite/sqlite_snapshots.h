// SnapshotRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/snapshot_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteSnapshots final : public SnapshotRepository {
 public:
  explicit SqliteSnapshots(Database& db) : db_(db) {}
  base::Result<void> Replace(const ConnectionId& connection, const std::string& day,
                             const std::vector<BalanceSnapshotRow>& rows) override;
  base::Result<std::vector<BalanceSnapshotRow>> List(const TenantId& tenant,
                                                     const std::string& since_day) override;
  base::Result<bool> Has(const ConnectionId& connection, const std::string& day) override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
