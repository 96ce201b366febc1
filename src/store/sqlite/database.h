// Database: a thin RAII layer over one sqlite3 connection — statements with typed binds and
// columns, immediate transactions that roll back unless committed, and SQLite result codes mapped
// to our Error taxonomy with messages that say what to do. Not thread-safe: SqliteStore serializes
// access with its own mutex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace amanah::store::sqlite {

/// Maps a SQLite result code to an Error (busy → kUnavailable, full/readonly → kFailedPrecondition,
/// corrupt/not-a-database → kDataLoss, constraint → kAlreadyExists, else kInternal).
base::Error SqliteError(sqlite3* db, int rc, std::string_view what);

/// A prepared statement. One that came from the database's cache goes back to it (reset, its
/// bindings cleared) when destroyed, instead of being finalized.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr)
      : db_(db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept
      : db_(other.db_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        in_use_(std::exchange(other.in_use_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based, as in SQLite.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  Statement& BindBlob(int index, const std::vector<uint8_t>& blob);
  Statement& BindNull(int index);
  template <class T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  /// true: a row is ready; false: done.
  base::Result<bool> Step();
  /// Steps to completion, expecting no rows.
  base::Result<void> Run();
  /// Resets to run again with new binds.
  base::Result<void> Reset();

  std::string Text(int column) const;
  /// Like Text/BlobAt, into an existing buffer.
  void TextInto(int column, std::string& out) const;
  void BlobInto(int column, std::vector<uint8_t>& out) const;
  int64_t Int(int column) const;
  std::vector<uint8_t> BlobAt(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  ///< the cache entry's flag, for a cached statement
};

/// The rows of a `SELECT name, count(*) … GROUP BY name` statement, in order.
base::Result<std::vector<std::pair<std::string, int64_t>>> ReadCounts(Statement& stmt);

class Database {
 public:
  struct Options {
    int busy_timeout_ms = 5000;
    /// Caps the file at this many pages (0 = no cap); past it writes fail as on a full disk.
    int64_t max_pages = 0;
    /// Create the file (mode 0600) if missing. Only the first connection of a process may: the
    /// open(2)/close(2) it takes would drop every POSIX lock this process's other connections
    /// hold on the file (fcntl locks belong to the process), letting another process write under
    /// them.
    bool create_file = true;
  };

  /// Opens or creates `path` (created 0600), WAL, synchronous=FULL, foreign keys on.
  static base::Result<std::unique_ptr<Database>> Open(const std::string& path, Options options);
  ~Database();

  /// A statement for `sql`, from the cache when this SQL was prepared before and is not in use
  /// (SQLite's parser and planner are the larger part of a short query's cost).
  base::Result<Statement> Prepare(std::string_view sql);
  base::Result<void> Exec(std::string_view sql);
  int64_t Changes() const;
  sqlite3* handle() { return db_; }

  /// BEGIN IMMEDIATE (write: takes the write lock now, so two writers never deadlock upgrading)
  /// or BEGIN (read: a snapshot); ROLLBACK on destruction unless Commit() succeeded.
  class Transaction {
   public:
    explicit Transaction(Database* db) : db_(db) {}
    Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    ~Transaction();
    base::Result<void> Commit();

   private:
    Database* db_;
  };
  base::Result<Transaction> Begin(bool write = true);

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  // Used only by the one thread that holds the store's unit of work; entries are never removed
  // until the database closes, so their flags stay put.
  std::map<std::string, std::unique_ptr<Cached>, std::less<>> cache_;
};

}  // namespace amanah::store::sqlite
