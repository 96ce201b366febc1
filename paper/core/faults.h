// Faults: trouble the admin API can inject so the gateway's handling of it can be tested — added
// latency, an HTTP 5xx before or after an order is accepted (Binance's -1007/-1006 "execution
// status unknown" cases), a connection dropped after an order is accepted, user data streams cut.
// Counts apply to the next order placements and run down; latency applies to every request. Guarded
// by the Exchange lock.
#pragma once

#include <cstdint>

namespace amanah::paper {

struct Faults {
  int64_t latency_ms = 0;
  int fail_before_accept = 0;  ///< next N orders: 5xx, order NOT placed
  int fail_after_accept = 0;   ///< next N orders: 5xx, order placed
  int drop_after_accept = 0;   ///< next N orders: placed, connection closed without an answer
  /// The WebSocket API refuses new connections (503) and drops each open subscription at its
  /// next event, which is lost (a stream cut by the network or the exchange).
  bool streams_down = false;
};

}  // namespace amanah::paper
