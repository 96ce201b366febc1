// WebSocket: what an exchange adapter needs from a WebSocket connection (an exchange's stream) —
// send a text message, receive the next one, close. WebSocketClient is the real one; tests may
// give their own. At most one Send and one Receive at a time; Close may be called from any thread,
// at any time, and ends a Receive that is waiting.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "base/result.h"

namespace amanah::transport {

class WebSocket {
 public:
  virtual ~WebSocket() = default;
  virtual boost::asio::awaitable<base::Result<void>> Send(std::string text) = 0;
  /// The next text message. kUnavailable when the connection ended (closed by either side,
  /// reset, silent too long), naming why; kDataLoss for a message over the size cap.
  virtual boost::asio::awaitable<base::Result<std::string>> Receive() = 0;
  virtual void Close() = 0;
};

}  // namespace amanah::transport
