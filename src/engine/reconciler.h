// Reconciler: per connection, reads the exchange's orders since a persisted watermark and matches
// them to ours by client order id. Fills and cancellations of our orders update them (journaled
// like any transition); an order we did not place — a stolen key trades with its own ids — is a
// foreign order: journaled (`order.foreign` with symbol, side, quantity, price, time), reported,
// and, under policy suspend_on_foreign_order (default on), the connection is suspended at once.
//
// Which symbols: those of our orders and every listed symbol whose base asset the account holds
// (a thief who pumps a coin leaves it in the account). The watermark starts at the connection's
// creation (at most a minute later): what the user did by hand before connecting is not judged;
// afterwards it is the newest order seen, so each foreign order is reported once. Times are the
// exchange's (our clock's offset measured first); its history is read in its own windows
// (Binance: 24 h, 1000 orders per window). Tick() reconciles every
// live connection whose last reconciliation is a period old (default 30 s) by the injected clock.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "base/clock.h"
#include "engine/order_engine.h"
#include "journal/journal.h"
#include "keys/key_service.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::engine {

struct ForeignOrder {
  std::string symbol;
  std::string order_id;
  std::string client_order_id;
  std::string side;
  std::string quantity;
  std::string price;
  std::string status;
  int64_t time_ms = 0;
  boost::json::object ToJson() const;
};

struct ReconcileReport {
  std::string label;
  size_t orders_seen = 0;
  size_t updated = 0;  ///< our orders whose state changed
  std::vector<ForeignOrder> foreign;
  bool suspended = false;
  std::vector<std::string> problems;
  boost::json::object ToJson() const;
};

class Reconciler {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    keys::KeyService& keys;
    OrderEngine& engine;
    const base::Clock& clock;
  };
  struct Options {
    bool suspend_on_foreign_order = true;
    std::chrono::milliseconds period{std::chrono::seconds(30)};
  };

  Reconciler(Deps deps, Options options) : d_(deps), options_(options) {}

  /// With `only_symbol`, that symbol's orders alone (an account stream said it changed).
  /// Concurrent runs on one connection (the stream's, the scheduler's, another daemon's) report
  /// each foreign order once: the watermark is read again in the transaction that journals them.
  boost::asio::awaitable<base::Result<ReconcileReport>> Reconcile(
      store::TenantId tenant, std::string label,
      std::optional<std::string> only_symbol = std::nullopt);
  /// Every live connection of the tenant.
  boost::asio::awaitable<base::Result<std::vector<ReconcileReport>>> ReconcileAll(
      store::TenantId tenant);
  /// Every live connection of every tenant that is due; the reports of those reconciled.
  boost::asio::awaitable<std::vector<ReconcileReport>> Tick();

 private:
  // Reconcile(), a failure made into a report that names it.
  boost::asio::awaitable<ReconcileReport> ReportOf(store::TenantId tenant, std::string label);

  Deps d_;
  Options options_;
  std::mutex mu_;
  std::map<store::ConnectionId, base::SystemTime> last_run_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::engine
