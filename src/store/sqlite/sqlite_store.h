// SqliteStore: the embedded Store, one SQLite file in the data directory (WAL, synchronous=FULL,
// foreign keys on, secure_delete on, busy timeout). One connection per store: a unit of work holds
// it (and a mutex) for its life, so units from this process run one at a time and units from other
// processes are serialized by SQLite's locks — a write unit begins IMMEDIATE, so it waits for the
// write lock (up to the busy timeout, then kUnavailable) instead of failing part-way. A read unit
// runs with query_only on. Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/database.h"
#include "store/store.h"

namespace amanah::store::sqlite {

class SqliteStore final : public Store {
 public:
  /// Opens (creating if needed) and migrates the database at `path`.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   Database::Options options = {});

  Result<std::unique_ptr<UnitOfWork>> Begin(Access access) override;
  bool InTransactionOnThisThread() const override;

 private:
  class Unit;
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  // REQUIRES: mu_ is held.
  void LeaveReadOnly();

  std::mutex mu_;                         // held by the live unit of work
  std::unique_ptr<Database> db_;          // GUARDED_BY(mu_)
  std::atomic<std::thread::id> owner_{};  // the thread holding mu_, if any
};

}  // namespace amanah::store::sqlite
