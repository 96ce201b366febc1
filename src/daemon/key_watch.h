// KeyWatch: the daemon's watch over keys' lives — every period it raises the rotation reminder
// (80 days) and alert (90 days) of each key that reached one, and probes every key replaced by
// rotation until the exchange no longer accepts it (then its sealed copy is shredded and its
// alert closed). Idempotent: several daemons on one store raise each alert once.
#pragma once

#include <atomic>
#include <chrono>

#include <boost/asio/awaitable.hpp>

#include "engine/order_engine.h"
#include "keys/key_service.h"

namespace amanah::daemon {

class KeyWatch {
 public:
  explicit KeyWatch(keys::KeyService& keys) : keys_(keys) {}

  /// One pass.
  boost::asio::awaitable<void> Pass();
  /// A pass every `every` until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds every,
                                   const std::atomic<bool>& stop);

 private:
  keys::KeyService& keys_;
};

}  // namespace amanah::daemon
