// Store: everything Amanah persists, behind interfaces split by aggregate (tenants and users, the
// vault's keyring, connections, the journal) and reached through units of work, so that the SQLite
// backend (the embedded default) and a PostgreSQL backend serve the same callers and pass the same
// contract tests (tests/store/store_contract.h). Thread-safe: units of work from different threads
// (and processes) are serialized by the backend; one thread holds at most one at a time.
//
// Errors: kAlreadyExists (a unique label or key fingerprint is taken), kNotFound, kUnavailable
// (the database is locked by another process past the busy timeout: retry), kFailedPrecondition
// (disk full, read-only, a newer schema than this binary, an append-only guard), kDataLoss
// (corrupt database file or record).
#pragma once

#include <memory>
#include <type_traits>

#include "base/result.h"
#include "store/unit_of_work.h"

namespace amanah::store {

template <class T>
using Result = base::Result<T>;

enum class Access {
  kRead,   ///< a consistent snapshot; writes through it are a bug
  kWrite,  ///< takes the write lock at the start (no upgrade deadlocks between processes)
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Result<std::unique_ptr<UnitOfWork>> Begin(Access access) = 0;
  /// Whether the calling thread holds a unit of work of this store (to catch a nested Begin or a
  /// wait on another thread that needs the store — both would deadlock).
  virtual bool InTransactionOnThisThread() const = 0;

  /// Runs `f(UnitOfWork&)` (which returns a Result) on a read snapshot.
  template <class F>
  std::invoke_result_t<F, UnitOfWork&> Read(F&& f) {
    auto unit = Begin(Access::kRead);
    if (!unit) return unit.error();
    return f(**unit);
  }
  /// Runs `f(UnitOfWork&)` in a write transaction and commits if it succeeded.
  template <class F>
  std::invoke_result_t<F, UnitOfWork&> Write(F&& f) {
    auto unit = Begin(Access::kWrite);
    if (!unit) return unit.error();
    auto result = f(**unit);
    if (!result) return result;
    AMANAH_TRY((*unit)->Commit());
    return result;
  }
};

}  // namespace amanah::store
