// KeyLeases: which connections have a request in flight, so that rotation switches a connection
// to its new key only when none has — no request is ever signed with the old key after the
// switch, and none is cut off. Every adapter KeyService opens holds a lease on its connection for
// its life (a plan run, an order's placement and settlement, a reconciliation pass). A switch
// waits (asynchronously, polling) until the connection has no lease, then holds the gate shut
// for the moment it takes to store the new key; an adapter opened in that moment waits for it
// (a store write: milliseconds), then reads the new key. In one process: a CLI beside a daemon
// rotates through the daemon (`--server`). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

#include "base/result.h"
#include "store/records.h"

namespace amanah::keys {

class KeyLeases {
 public:
  /// Held while an adapter of the connection may send; releases on destruction.
  class Lease {
   public:
    Lease() = default;
    Lease(KeyLeases* owner, std::string connection)
        : owner_(owner), connection_(std::move(connection)) {}
    Lease(Lease&& o) noexcept : owner_(o.owner_), connection_(std::move(o.connection_)) {
      o.owner_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (owner_ != nullptr) owner_->Release(connection_);
    }

   private:
    KeyLeases* owner_ = nullptr;
    std::string connection_;
  };

  /// A lease on the connection, after any switch in progress on it has finished. `key_id` is
  /// the API key id of the row the caller read; `stale` is set when a switch since then replaced
  /// it (the caller reads the row again).
  Lease Acquire(const store::ConnectionId& connection, std::string_view key_id, bool& stale);

  /// Shuts the gate on the connection if no lease is held; false (nothing changed) if one is.
  bool TryBeginSwitch(const store::ConnectionId& connection);
  /// Opens the gate again; `new_key_id` is the key now in force (empty: the switch was not made).
  void EndSwitch(const store::ConnectionId& connection, std::string_view new_key_id);
  /// Leases held on the connection now.
  int InFlight(const store::ConnectionId& connection);
  /// Connections tracked now: those with a lease or a switch, and those switched in this process.
  size_t Tracked();

 private:
  struct Entry {
    int leases = 0;
    bool switching = false;
    std::string current_key;  ///< set once the connection was switched in this process
  };
  void Release(const std::string& connection);
  using Entries = std::map<std::string, Entry, std::less<>>;
  void Erase(Entries::iterator it);  // when it holds nothing

  std::mutex mu_;
  std::condition_variable switched_;
  Entries entries_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::keys
