// How many plan runs a running daemon has finished, read from its SQLite database (WAL: a reader
// does not block the daemon); -1 when the database cannot be read yet.
#pragma once

#include <sqlite3.h>

#include <string>

namespace amanah::testing {

inline int DoneRuns(const std::string& data_dir) {
  sqlite3* db = nullptr;
  int n = -1;
  const std::string path = data_dir + "/amanah.db";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM plan_runs WHERE state = 'done'", -1, &stmt,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return n;
}

}  // namespace amanah::testing
