#include "store/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include "base/check.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_access.h"
#include "store/sqlite/sqlite_alerts.h"
#include "store/sqlite/sqlite_connections.h"
#include "store/sqlite/sqlite_journal.h"
#include "store/sqlite/sqlite_keyring.h"
#include "store/sqlite/sqlite_orders.h"
#include "store/sqlite/sqlite_schedule.h"
#include "store/sqlite/sqlite_tenants.h"

namespace amanah::store::sqlite {

class SqliteStore::Unit final : public UnitOfWork {
 public:
  Unit(SqliteStore& store, std::unique_lock<std::mutex> lock, Database::Transaction tx,
       bool read_only)
      : store_(store),
        lock_(std::move(lock)),
        tx_(std::move(tx)),
        read_only_(read_only),
        tenants_(*store.db_),
        keyring_(*store.db_),
        connections_(*store.db_),
        journal_(*store.db_),
        orders_(*store.db_),
        access_(*store.db_),
        alerts_(*store.db_),
        schedule_(*store.db_) {}
  ~Unit() override {
    // Roll back (unless committed) before giving the connection to the next unit.
    tx_.reset();
    if (read_only_) store_.LeaveReadOnly();
    store_.owner_.store(std::thread::id());
  }

  TenantRepository& tenants() override { return tenants_; }
  KeyringRepository& keyring() override { return keyring_; }
  ConnectionRepository& connections() override { return connections_; }
  JournalRepository& journal() override { return journal_; }
  OrderRepository& orders() override { return orders_; }
  AccessRepository& access() override { return access_; }
  AlertRepository& alerts() override { return alerts_; }
  ScheduleRepository& schedule() override { return schedule_; }

 protected:
  base::Result<void> CommitTransaction() override {
    AMANAH_CHECK(tx_.has_value(), "unit of work committed twice");
    AMANAH_TRY(tx_->Commit());
    tx_.reset();
    return {};
  }

 private:
  SqliteStore& store_;
  std::unique_lock<std::mutex> lock_;
  std::optional<Database::Transaction> tx_;
  const bool read_only_;
  SqliteTenants tenants_;
  SqliteKeyring keyring_;
  SqliteConnections connections_;
  SqliteJournal journal_;
  SqliteOrders orders_;
  SqliteAccess access_;
  SqliteAlerts alerts_;
  SqliteSchedule schedule_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       Database::Options options) {
  AMANAH_ASSIGN_OR_RETURN(auto db, Database::Open(path, options));
  AMANAH_TRY(Migrate(*db));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

void SqliteStore::LeaveReadOnly() {
  // Cannot fail on an open connection; if it ever did, the next write unit would fail loudly
  // ("attempt to write a readonly database"), never write silently.
  if (auto r = db_->Exec("PRAGMA query_only = OFF"); !r) {
    spdlog::error("store: leaving read-only mode failed: {}", r.error().ToString());
  }
}

bool SqliteStore::InTransactionOnThisThread() const {
  return owner_.load() == std::this_thread::get_id();
}

Result<std::unique_ptr<UnitOfWork>> SqliteStore::Begin(Access access) {
  AMANAH_CHECK(!InTransactionOnThisThread(),
               "a unit of work was begun while this thread holds one (it would deadlock)");
  std::unique_lock lock(mu_);
  owner_.store(std::this_thread::get_id());
  const bool read = access == Access::kRead;
  if (read) {
    if (auto r = db_->Exec("PRAGMA query_only = ON"); !r) {
      owner_.store(std::thread::id());
      return r.error();
    }
  }
  auto tx = db_->Begin(/*write=*/!read);
  if (!tx) {
    if (read) LeaveReadOnly();
    owner_.store(std::thread::id());
    return tx.error();
  }
  return std::unique_ptr<UnitOfWork>(new Unit(*this, std::move(lock), std::move(*tx), read));
}

}  // namespace amanah::store::sqlite
