// AlertRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/alert_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteAlerts final : public AlertRepository {
 public:
  explicit SqliteAlerts(Database& db) : db_(db) {}
  base::Result<bool> Raise(const Alert& alert) override;
  base::Result<std::vector<Alert>> List(const TenantId& tenant, bool all) override;
  base::Result<bool> RaiseOnce(const Alert& alert) override;
  base::Result<int64_t> Resolve(const TenantId& tenant, std::string_view kind,
                                std::string_view subject, std::string_view by,
                                base::SystemTime at) override;
  base::Result<bool> Acknowledge(const TenantId& tenant, std::string_view id, std::string_view by,
                                 base::SystemTime at) override;
  base::Result<std::vector<std::pair<std::string, int64_t>>> CountOpenByKind() override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
