// WebSocketClient: opens a WebSocket (RFC 6455) to a URL, as an Asio coroutine — wss:// over
// OpenSSL with HttpClient's checks (SNI, verify_peer against the system store or a CA file, the
// certificate's host name), or ws:// only to loopback (the paper exchange). The server's pings are
// answered; a connection that receives nothing (not even a ping) for `idle_timeout` is closed, so
// a dead peer is noticed. Messages over `max_message_bytes` end the connection.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "base/result.h"
#include "transport/websocket.h"

namespace amanah::transport {

struct WebSocketOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::seconds idle_timeout{60};
  size_t max_message_bytes = 1 << 20;
  std::string ca_file;  ///< PEM bundle to trust instead of the system store
};

/// Checks that `url` is one DialWebSocket accepts, without opening anything.
base::Result<void> CheckWebSocketUrl(std::string_view url);

boost::asio::awaitable<base::Result<std::unique_ptr<WebSocket>>> DialWebSocket(
    boost::asio::any_io_executor executor, std::string url, WebSocketOptions options = {});

}  // namespace amanah::transport
