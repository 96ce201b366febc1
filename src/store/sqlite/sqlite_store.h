// SqliteStore: the embedded Store, one SQLite file in the data directory (WAL, synchronous=FULL,
// foreign keys on, secure_delete on, busy timeout). One writing connection: a write unit holds it
// (and a mutex) for its life, so write units from this process run one at a time and those from
// other processes are serialized by SQLite's locks — a write unit begins IMMEDIATE, so it waits for
// the write lock (up to the busy timeout, then kUnavailable) instead of failing part-way. Read
// units run on a small pool of their own connections (query_only, opened on demand, at most
// kMaxReaders; beyond that a read waits for one to come back), so that reads from the daemon's
// threads proceed side by side, each on its own WAL snapshot. Thread-safe; a thread holds at most
// one unit at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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
  static constexpr size_t kMaxReaders = 4;
  SqliteStore(std::unique_ptr<Database> db, std::string path, Database::Options options)
      : db_(std::move(db)), path_(std::move(path)), options_(options) {}
  // A reader connection (a new one if none is free and fewer than kMaxReaders are open).
  Result<std::unique_ptr<Database>> TakeReader();
  void ReturnReader(std::unique_ptr<Database> reader);

  std::mutex mu_;                 // held by the live write unit
  std::unique_ptr<Database> db_;  // GUARDED_BY(mu_)
  const std::string path_;
  const Database::Options options_;
  std::mutex readers_mu_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Database>> free_readers_;  // GUARDED_BY(readers_mu_)
  size_t open_readers_ = 0;                              // GUARDED_BY(readers_mu_)
};

}  // namespace amanah::store::sqlite
