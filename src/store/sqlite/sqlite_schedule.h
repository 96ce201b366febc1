// ScheduleRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/schedule_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteSchedule final : public ScheduleRepository {
 public:
  explicit SqliteSchedule(Database& db) : db_(db) {}
  base::Result<bool> Ensure(std::string_view name, base::SystemTime due_at) override;
  base::Result<std::vector<WorkItem>> Claim(std::string_view holder, base::SystemTime now,
                                            base::SystemTime lease_until, int64_t limit) override;
  base::Result<bool> Complete(std::string_view name, std::string_view holder,
                              base::SystemTime next_due) override;
  base::Result<void> Reschedule(std::string_view name, base::SystemTime due_at) override;
  base::Result<void> Remove(std::string_view name) override;
  base::Result<std::optional<WorkItem>> Get(std::string_view name) override;
  base::Result<int64_t> Count() override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
