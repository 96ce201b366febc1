#include "store/sqlite/sqlite_schedule.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

base::Result<bool> SqliteSchedule::Ensure(std::string_view name, base::SystemTime due_at) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO work_items (name, due_at_ms) VALUES (?, ?) "
                                      "ON CONFLICT (name) DO NOTHING"));
  stmt.Bind(1, name).Bind(2, Ms(due_at));
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<std::vector<WorkItem>> SqliteSchedule::Claim(std::string_view holder,
                                                          base::SystemTime now,
                                                          base::SystemTime lease_until,
                                                          int64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto select, db_.Prepare("SELECT name, due_at_ms FROM work_items WHERE due_at_ms <= ? AND "
                               "lease_until_ms <= ? ORDER BY due_at_ms, name LIMIT ?"));
  select.Bind(1, Ms(now)).Bind(2, Ms(now)).Bind(3, limit);
  std::vector<WorkItem> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(
        WorkItem{select.Text(0), FromMs(select.Int(1)), std::string(holder), lease_until});
  }
  AMANAH_ASSIGN_OR_RETURN(
      auto lease,
      db_.Prepare("UPDATE work_items SET holder = ?, lease_until_ms = ? WHERE name = ?"));
  for (const auto& item : out) {
    AMANAH_TRY(lease.Reset());
    lease.Bind(1, holder).Bind(2, Ms(lease_until)).Bind(3, item.name);
    AMANAH_TRY(lease.Run());
  }
  return out;
}

base::Result<bool> SqliteSchedule::Complete(std::string_view name, std::string_view holder,
                                            base::SystemTime next_due) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE work_items SET due_at_ms = ?, holder = '', lease_until_ms = 0 "
                             "WHERE name = ? AND holder = ?"));
  stmt.Bind(1, Ms(next_due)).Bind(2, name).Bind(3, holder);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<void> SqliteSchedule::Reschedule(std::string_view name, base::SystemTime due_at) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE work_items SET due_at_ms = ? WHERE name = ?"));
  stmt.Bind(1, Ms(due_at)).Bind(2, name);
  return stmt.Run();
}

base::Result<void> SqliteSchedule::Remove(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM work_items WHERE name = ?"));
  stmt.Bind(1, name);
  return stmt.Run();
}

base::Result<std::optional<WorkItem>> SqliteSchedule::Get(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT name, due_at_ms, holder, lease_until_ms FROM "
                                      "work_items WHERE name = ?"));
  stmt.Bind(1, name);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<WorkItem>();
  return std::optional<WorkItem>(
      WorkItem{stmt.Text(0), FromMs(stmt.Int(1)), stmt.Text(2), FromMs(stmt.Int(3))});
}

base::Result<int64_t> SqliteSchedule::Count() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT count(*) FROM work_items"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

}  // namespace amanah::store::sqlite
