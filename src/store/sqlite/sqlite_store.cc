#include "store/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include "base/check.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_access.h"
#include "store/sqlite/sqlite_alerts.h"
#include "store/sqlite/sqlite_connections.h"
#include "store/sqlite/sqlite_journal.h"
#include "store/sqlite/sqlite_keyring.h"
#include "store/sqlite/sqlite_nonces.h"
#include "store/sqlite/sqlite_notifications.h"
#include "store/sqlite/sqlite_orders.h"
#include "store/sqlite/sqlite_plans.h"
#include "store/sqlite/sqlite_rate_budgets.h"
#include "store/sqlite/sqlite_schedule.h"
#include "store/sqlite/sqlite_snapshots.h"
#include "store/sqlite/sqlite_tenants.h"
#include "store/sqlite/sqlite_throttles.h"

namespace amanah::store::sqlite {

namespace {
// The store whose unit the calling thread holds, if any (a nested Begin would deadlock).
thread_local const SqliteStore* holder = nullptr;
}  // namespace

class SqliteStore::Unit final : public UnitOfWork {
 public:
  // A write unit holds the store's mutex (`lock`); a read unit owns its reader connection.
  Unit(SqliteStore& store, Database& db, std::unique_lock<std::mutex> lock,
       std::unique_ptr<Database> reader, Database::Transaction tx)
      : store_(store),
        lock_(std::move(lock)),
        reader_(std::move(reader)),
        tx_(std::move(tx)),
        tenants_(db),
        keyring_(db),
        connections_(db),
        journal_(db),
        orders_(db),
        access_(db),
        alerts_(db),
        schedule_(db),
        throttles_(db),
        snapshots_(db),
        rate_budgets_(db),
        plans_(db),
        notifications_(db),
        nonces_(db) {
    holder = &store;
  }
  ~Unit() override {
    // Roll back (unless committed) before giving the connection to the next unit.
    tx_.reset();
    if (reader_) store_.ReturnReader(std::move(reader_));
    holder = nullptr;
  }

  TenantRepository& tenants() override { return tenants_; }
  KeyringRepository& keyring() override { return keyring_; }
  ConnectionRepository& connections() override { return connections_; }
  JournalRepository& journal() override { return journal_; }
  OrderRepository& orders() override { return orders_; }
  AccessRepository& access() override { return access_; }
  AlertRepository& alerts() override { return alerts_; }
  ScheduleRepository& schedule() override { return schedule_; }
  ThrottleRepository& throttles() override { return throttles_; }
  SnapshotRepository& snapshots() override { return snapshots_; }
  RateBudgetRepository& rate_budgets() override { return rate_budgets_; }
  PlanRepository& plans() override { return plans_; }
  NotificationRepository& notifications() override { return notifications_; }
  NonceRepository& nonces() override { return nonces_; }

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
  std::unique_ptr<Database> reader_;
  std::optional<Database::Transaction> tx_;
  SqliteTenants tenants_;
  SqliteKeyring keyring_;
  SqliteConnections connections_;
  SqliteJournal journal_;
  SqliteOrders orders_;
  SqliteAccess access_;
  SqliteAlerts alerts_;
  SqliteSchedule schedule_;
  SqliteThrottles throttles_;
  SqliteSnapshots snapshots_;
  SqliteRateBudgets rate_budgets_;
  SqlitePlans plans_;
  SqliteNotifications notifications_;
  SqliteNonces nonces_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       Database::Options options) {
  AMANAH_ASSIGN_OR_RETURN(auto db, Database::Open(path, options));
  AMANAH_TRY(Migrate(*db));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db), path, options));
}

bool SqliteStore::InTransactionOnThisThread() const { return holder == this; }

Result<std::unique_ptr<Database>> SqliteStore::TakeReader() {
  {
    std::unique_lock lock(readers_mu_);
    reader_returned_.wait(lock,
                          [&] { return !free_readers_.empty() || open_readers_ < kMaxReaders; });
    if (!free_readers_.empty()) {
      auto reader = std::move(free_readers_.back());
      free_readers_.pop_back();
      return reader;
    }
    ++open_readers_;
  }
  Database::Options reader_options = options_;
  reader_options.create_file = false;  // the writer made it; a second open(2)/close(2) drops locks
  auto opened = Database::Open(path_, reader_options);
  if (opened) {
    if (auto r = (*opened)->Exec("PRAGMA query_only = ON"); !r) opened = r.error();
  }
  if (!opened) {
    std::lock_guard lock(readers_mu_);
    --open_readers_;
    reader_returned_.notify_one();
    return opened.error();
  }
  return std::move(*opened);
}

void SqliteStore::ReturnReader(std::unique_ptr<Database> reader) {
  std::lock_guard lock(readers_mu_);
  free_readers_.push_back(std::move(reader));
  reader_returned_.notify_one();
}

Result<std::unique_ptr<UnitOfWork>> SqliteStore::Begin(Access access) {
  AMANAH_CHECK(!InTransactionOnThisThread(),
               "a unit of work was begun while this thread holds one (it would deadlock)");
  if (access == Access::kRead) {
    AMANAH_ASSIGN_OR_RETURN(std::unique_ptr<Database> reader, TakeReader());
    auto tx = reader->Begin(/*write=*/false);
    if (!tx) {
      ReturnReader(std::move(reader));
      return tx.error();
    }
    Database& db = *reader;
    return std::unique_ptr<UnitOfWork>(
        new Unit(*this, db, std::unique_lock<std::mutex>(), std::move(reader), std::move(*tx)));
  }
  std::unique_lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin(/*write=*/true));
  return std::unique_ptr<UnitOfWork>(
      new Unit(*this, *db_, std::move(lock), nullptr, std::move(tx)));
}

}  // namespace amanah::store::sqlite
