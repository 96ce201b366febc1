#include "store/sqlite/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "base/check.h"

namespace amanah::store::sqlite {

using base::ErrorCode;

base::Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string prefix = std::string(what) + ": ";
  if (rc == SQLITE_CONSTRAINT_TRIGGER) {  // a RAISE(ABORT, …) guard refused the write
    return base::Error(ErrorCode::kFailedPrecondition, prefix + detail);
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return base::Error(ErrorCode::kUnavailable,
                         prefix + "the database is locked by another process (" + detail +
                             "); wait for it to finish or stop it, then try again");
    case SQLITE_FULL:
      return base::Error(ErrorCode::kFailedPrecondition,
                         prefix + "the disk is full (" + detail +
                             "); nothing was written. Free space, then try again");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return base::Error(ErrorCode::kFailedPrecondition,
                         prefix + "cannot write the database (" + detail +
                             "); check the data directory's permissions and free space");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return base::Error(ErrorCode::kDataLoss,
                         prefix + "the database file is corrupt or not an Amanah database (" +
                             detail + "); restore it from a backup");
    case SQLITE_CONSTRAINT:
      return base::Error(ErrorCode::kAlreadyExists, prefix + detail);
    case SQLITE_IOERR:
      return base::Error(ErrorCode::kUnavailable, prefix + "I/O error (" + detail + ")");
    default:
      return base::Error(ErrorCode::kInternal, prefix + detail);
  }
}

Statement::~Statement() {
  if (!stmt_) return;
  if (in_use_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::Bind(int index, std::string_view text) {
  AMANAH_CHECK(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT) == SQLITE_OK);
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  AMANAH_CHECK(sqlite3_bind_int64(stmt_, index, value) == SQLITE_OK);
  return *this;
}
Statement& Statement::BindBlob(int index, const std::vector<uint8_t>& blob) {
  // A zero-length blob must still be a blob, not NULL.
  static const uint8_t kEmpty = 0;
  AMANAH_CHECK(sqlite3_bind_blob(stmt_, index, blob.empty() ? &kEmpty : blob.data(),
                                 static_cast<int>(blob.size()), SQLITE_TRANSIENT) == SQLITE_OK);
  return *this;
}
Statement& Statement::BindNull(int index) {
  AMANAH_CHECK(sqlite3_bind_null(stmt_, index) == SQLITE_OK);
  return *this;
}

base::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, "database");
}

base::Result<void> Statement::Run() {
  AMANAH_ASSIGN_OR_RETURN(bool row, Step());
  AMANAH_CHECK(!row, "statement run with Run() returned a row");
  return {};
}

base::Result<void> Statement::Reset() {
  sqlite3_reset(stmt_);  // returns the last step's error, already reported
  sqlite3_clear_bindings(stmt_);
  return {};
}

std::string Statement::Text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}
void Statement::TextInto(int column, std::string& out) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  out.assign(p ? p : "", p ? static_cast<size_t>(sqlite3_column_bytes(stmt_, column)) : 0);
}
void Statement::BlobInto(int column, std::vector<uint8_t>& out) const {
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  out.assign(p, p ? p + n : p);
}
int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
std::vector<uint8_t> Statement::BlobAt(int column) const {
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::vector<uint8_t>(p, p + n) : std::vector<uint8_t>();
}
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

base::Result<std::unique_ptr<Database>> Database::Open(const std::string& path, Options options) {
  // Create the file ourselves with mode 0600 so no secret-bearing page is ever world-readable;
  // SQLite gives the -wal and -shm files the same mode.
  if (options.create_file) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return base::Fail(ErrorCode::kFailedPrecondition,
                        "cannot open database " + path + ": " + std::strerror(errno));
    }
    ::close(fd);
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "opening database " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  // A file that is not a database fails on its first read: do one now, with a clear message.
  AMANAH_TRY(db->Exec("PRAGMA foreign_keys = ON"));
  // Turning a new database to WAL takes an exclusive lock, and where waiting for it could
  // deadlock (processes opening a new database together) SQLite answers SQLITE_BUSY at once
  // instead of calling its busy handler: try again until the busy timeout has passed.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(auto stmt, db->Prepare("PRAGMA journal_mode = WAL"));
    auto wal = stmt.Step();
    if (wal) break;
    if (wal.error().code() != ErrorCode::kUnavailable ||
        std::chrono::steady_clock::now() >= deadline) {
      return wal.error();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  AMANAH_TRY(db->Exec("PRAGMA synchronous = FULL"));
  AMANAH_TRY(db->Exec("PRAGMA secure_delete = ON"));  // deleted secrets are overwritten on disk
  if (options.max_pages > 0) {
    AMANAH_ASSIGN_OR_RETURN(
        auto stmt, db->Prepare("PRAGMA max_page_count = " + std::to_string(options.max_pages)));
    AMANAH_TRY(stmt.Step());
  }
  return db;
}

base::Result<std::vector<std::pair<std::string, int64_t>>> ReadCounts(Statement& stmt) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.emplace_back(stmt.Text(0), stmt.Int(1));
  }
  return out;
}

Database::~Database() {
  for (auto& [_, c] : cache_) sqlite3_finalize(c->stmt);
  sqlite3_close_v2(db_);
}

base::Result<Statement> Database::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second->in_use) {
    it->second->in_use = true;
    return Statement(db_, it->second->stmt, &it->second->in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const bool cache = it == cache_.end() && !sql.starts_with("PRAGMA");
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "database");
  if (!cache) return Statement(db_, stmt);
  auto entry = std::make_unique<Cached>();
  entry->stmt = stmt;
  entry->in_use = true;
  bool* flag = &entry->in_use;
  cache_.emplace(std::string(sql), std::move(entry));
  return Statement(db_, stmt, flag);
}

base::Result<void> Database::Exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "database");
  return {};
}

int64_t Database::Changes() const { return sqlite3_changes64(db_); }

base::Result<Database::Transaction> Database::Begin(bool write) {
  AMANAH_TRY(Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"));
  return Transaction(this);
}

base::Result<void> Database::Transaction::Commit() {
  AMANAH_CHECK(db_ != nullptr, "transaction committed twice");
  auto r = db_->Exec("COMMIT");
  if (!r) return r;  // the destructor rolls back
  db_ = nullptr;
  return {};
}

Database::Transaction::~Transaction() {
  if (db_) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace amanah::store::sqlite
