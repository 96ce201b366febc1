// ThrottleRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/sqlite/database.h"
#include "store/throttle_repository.h"

namespace amanah::store::sqlite {

class SqliteThrottles final : public ThrottleRepository {
 public:
  explicit SqliteThrottles(Database& db) : db_(db) {}
  base::Result<int64_t> Hit(std::string_view key, base::SystemTime now,
                            std::chrono::milliseconds window) override;
  base::Result<int64_t> Count(std::string_view key, base::SystemTime now,
                              std::chrono::milliseconds window) override;
  base::Result<int64_t> Prune(base::SystemTime before, std::chrono::milliseconds window) override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
