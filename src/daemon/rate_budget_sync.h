// RateBudgetSync: shares each exchange origin's request-weight budget with the other nodes that
// send from the same egress IP, through the store. An exchange limits the IP, not the process: a
// 418 ban one node earns must stop every node's calls there, and the weight one node spends is
// gone for all. Each pass merges what this node's responses reported (used weight in its minute,
// back-off, ban) into the shared row and takes back what the others reported, so a ban seen
// anywhere holds here within one pass (default every second).
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "engine/order_engine.h"
#include "exchange/registry.h"
#include "store/store.h"

namespace amanah::daemon {

class RateBudgetSync {
 public:
  RateBudgetSync(store::Store& store, exchange::Registry& registry, const base::Clock& clock,
                 std::string egress_ip)
      : store_(store), registry_(registry), clock_(clock), egress_ip_(std::move(egress_ip)) {}

  /// One pass over every origin this node has called; how many were merged.
  base::Result<size_t> Sync();
  /// Sync every `every` until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds every,
                                   const std::atomic<bool>& stop);

 private:
  store::Store& store_;
  exchange::Registry& registry_;
  const base::Clock& clock_;
  std::string egress_ip_;
};

}  // namespace amanah::daemon
