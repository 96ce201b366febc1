#include "store/sqlite/sqlite_throttles.h"

#include <algorithm>

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

namespace {

int64_t WindowStart(base::SystemTime now, std::chrono::milliseconds window) {
  const int64_t w = std::max<int64_t>(1, window.count());
  const int64_t t = Ms(now);
  return t - ((t % w) + w) % w;
}

}  // namespace

base::Result<int64_t> SqliteThrottles::Hit(std::string_view key, base::SystemTime now,
                                           std::chrono::milliseconds window) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO throttles (key, window_start_ms, hits) VALUES (?, ?, 1) "
                  "ON CONFLICT (key) DO UPDATE SET "
                  "hits = CASE WHEN window_start_ms = excluded.window_start_ms THEN hits + 1 "
                  "ELSE 1 END, window_start_ms = excluded.window_start_ms RETURNING hits"));
  stmt.Bind(1, key).Bind(2, WindowStart(now, window));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

base::Result<int64_t> SqliteThrottles::Count(std::string_view key, base::SystemTime now,
                                             std::chrono::milliseconds window) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT hits FROM throttles WHERE key = ? AND window_start_ms = ?"));
  stmt.Bind(1, key).Bind(2, WindowStart(now, window));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

base::Result<int64_t> SqliteThrottles::Prune(base::SystemTime before,
                                             std::chrono::milliseconds window) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("DELETE FROM throttles WHERE window_start_ms + ? <= ?"));
  stmt.Bind(1, static_cast<int64_t>(window.count())).Bind(2, Ms(before));
  AMANAH_TRY(stmt.Run());
  return db_.Changes();
}

}  // namespace amanah::store::sqlite
