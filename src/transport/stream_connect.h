// StreamConnect: how both HttpClient and WebSocketClient reach a server — the URL rules (https://
// or wss:// to anyone; plain http:// or ws:// only to loopback, for the paper exchange; never a
// user name or password), the client TLS context (TLS 1.2 or later, verify_peer against the system
// store or a given CA file), and opening a connection: resolve, connect under a deadline, set SNI,
// check the certificate's host name, handshake. Each connection runs on a strand of its own.
// Internal to transport/.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "base/result.h"

namespace amanah::transport {

/// What a URL may be: an origin for HTTP ("https://host[:port]", no path), or a WebSocket URL
/// ("wss://host[:port]/path?query").
enum class UrlKind { kOrigin, kWebSocket };

struct Endpoint {
  std::string host;
  std::string port;
  bool tls = false;
  std::string target = "/";  ///< kWebSocket: the path and query
};

base::Result<Endpoint> ParseEndpoint(std::string_view url, UrlKind kind);

/// A client TLS context trusting `ca_file` (PEM), or the system store when it is empty.
base::Result<std::unique_ptr<boost::asio::ssl::context>> MakeClientTls(const std::string& ca_file);

/// One open connection: plain or TLS.
struct Connection {
  std::optional<boost::beast::tcp_stream> plain;
  std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;
  boost::beast::flat_buffer buffer;

  boost::beast::tcp_stream& lowest() { return tls ? boost::beast::get_lowest_layer(*tls) : *plain; }
};

/// Connects to `endpoint` (with `tls_context` when it is TLS), each step under `timeout`.
/// kUnavailable names the host and what failed.
boost::asio::awaitable<base::Result<std::unique_ptr<Connection>>> OpenConnection(
    boost::asio::any_io_executor executor, const Endpoint& endpoint,
    boost::asio::ssl::context* tls_context, std::chrono::milliseconds timeout);

/// An I/O error in words ("timed out" for a deadline).
std::string Describe(const boost::system::error_code& error);

}  // namespace amanah::transport
