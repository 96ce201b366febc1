// AccountStreams: the daemon's real-time watch for orders we did not place. For every live
// connection whose exchange has an account stream (Binance's user data stream on its WebSocket
// API), it keeps one subscription open, and each order event reconciles that symbol at once
// (Reconciler: a stolen key's order is journaled `order.foreign`, notified, and the connection
// suspended within moments of the exchange taking it, instead of at the next polling period).
// A stream that cannot be opened or that ends is opened again with back-off (1 s doubling to
// 60 s); meanwhile the scheduler's polling reconciliation finds foreign orders, and a full
// reconciliation runs on every reconnection so that nothing missed while it was down goes
// unseen. A connection that stops being live has its stream closed; a rotated key's stream is
// replaced by the new key's. The stream is opened with the connection's adapter (its lease) and
// then lives on its own, so it never holds a rotation up.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "engine/order_engine.h"
#include "engine/reconciler.h"
#include "keys/key_service.h"
#include "store/store.h"

namespace amanah::daemon {

class AccountStreams {
 public:
  struct Deps {
    store::Store& store;
    keys::KeyService& keys;
    engine::Reconciler& reconciler;
  };
  struct Options {
    std::chrono::milliseconds sweep_every{std::chrono::seconds(5)};
    std::chrono::milliseconds first_retry{std::chrono::seconds(1)};
    std::chrono::milliseconds max_retry{std::chrono::seconds(60)};
  };
  /// One connection's stream as last seen.
  struct Status {
    std::string label;
    bool live = false;   ///< subscribed now
    std::string detail;  ///< why it is down, when it is
    int64_t events = 0;  ///< order events received
    int64_t opened = 0;  ///< subscriptions opened
  };

  AccountStreams(Deps deps, Options options) : d_(deps), options_(options) {}

  /// Sweeps every `options.sweep_every` (streams for new connections, none for gone ones) until
  /// `stop` is set, then closes every stream.
  boost::asio::awaitable<void> Run(engine::Pause pause, const std::atomic<bool>& stop);
  std::vector<Status> Statuses() const;
  /// Closes every stream now (the daemon's stop); Run closes them too when `stop` is set.
  void Stop() { CloseAll(); }
  /// The stream of one connection, if one follows it.
  std::optional<Status> StatusOf(const store::ConnectionId& id) const;

 private:
  struct Follower;
  boost::asio::awaitable<void> Follow(std::shared_ptr<Follower> f, engine::Pause pause);
  void Sweep(const boost::asio::any_io_executor& executor, const engine::Pause& pause);
  void CloseAll();

  Deps d_;
  Options options_;
  mutable std::mutex mu_;
  std::map<store::ConnectionId, std::shared_ptr<Follower>> followers_;  // GUARDED_BY(mu_)
};

/// {"live", "detail", "events", "subscriptions"}: what the API shows with the connection.
boost::json::object StatusJson(const AccountStreams::Status& status);

}  // namespace amanah::daemon
