// HttpServer: the HTTP/1.1 front of both the paper exchange and `amanah serve` — a Beast coroutine
// server with keep-alive, plain or TLS, that hands each request to a function `HttpRequest →
// HttpResponse`, plain (the paper exchange's venues and admin API, unit-tested without sockets) or
// a coroutine (the daemon's API, whose handlers wait on exchanges and the store). A response may
// ask for a delay (the latency fault) or for the connection to be dropped instead of answered (the
// drop-after-accept fault). Graceful stop: Stop() closes the listener; InFlight() says when every
// request being handled has been answered. Thread-safe: the handler may be called from every thread
// running the io_context at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "base/result.h"

namespace boost::asio {
class io_context;
}

namespace amanah::server {

struct HttpRequest {
  std::string method;                                        ///< "GET", "POST", …
  std::string target;                                        ///< path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;
  std::string peer_ip;  ///< the TCP peer's address, e.g. "127.0.0.1"

  /// The first header called `name` (lower-case), if present.
  std::optional<std::string_view> Header(std::string_view name) const;
  std::string_view Path() const;
  std::string_view Query() const;  ///< after '?', without it
};

/// The body of a streamed response (Server-Sent Events): each call yields the next chunk to send,
/// or none to end the response (the connection then closes).
using ChunkSource = std::function<boost::asio::awaitable<std::optional<std::string>>()>;

/// The server's side of one WebSocket connection, as its handler holds it. Thread-safe: Send may be
/// called from any thread at any time (a venue's account events arrive from other requests).
class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  /// Queues a text message; false once the connection is closing or closed, or when the peer has
  /// let too many messages queue up (a client that stopped reading: the connection is closed).
  virtual bool Send(std::string text) = 0;
  /// Sends a close frame after what is queued, then ends the connection.
  virtual void Close() = 0;
};

/// What a handler does with one WebSocket connection: each text message the client sends, one at a
/// time, and the end of the connection (after which the peer's Send returns false).
struct WebSocketHandlers {
  std::function<void(std::string_view message)> on_message;
  std::function<void()> on_close;
};

/// Called once the opening handshake is done, with the connection's peer.
using WebSocketAccept = std::function<WebSocketHandlers(std::shared_ptr<WebSocketPeer> peer)>;

struct HttpResponse {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json;charset=UTF-8";
  std::chrono::milliseconds delay{0};  ///< wait this long before answering
  bool drop = false;                   ///< close the connection without answering
  /// When set, `body` is ignored: the answer is sent chunked, chunk by chunk from here.
  ChunkSource stream;
  /// When set, the request is upgraded to a WebSocket (RFC 6455) handled from here, if it asked
  /// for one; a request that did not is answered 426 Upgrade Required.
  WebSocketAccept websocket;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;
/// A handler that may wait (on the store, an exchange) without holding an I/O thread.
using AsyncHttpHandler = std::function<boost::asio::awaitable<HttpResponse>(const HttpRequest&)>;

/// Frames one request from `bytes` exactly as the server does, with its limits (headers 16 KiB,
/// body 1 MiB): the request; or the status the server refuses it with and closes (400 malformed,
/// 413 body too large, 431 header or URL too large); or 0 when `bytes` end inside a request.
/// For the fuzz target and tests.
std::variant<HttpRequest, unsigned> ParseRequest(std::string_view bytes,
                                                 const std::string& peer_ip);

/// A certificate and private key, PEM.
struct TlsIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

/// A fresh self-signed certificate (EC P-256, 30 days) for `host` (as CN and subjectAltName).
base::Result<TlsIdentity> GenerateSelfSignedIdentity(std::string_view host);

/// How many threads run the io_context: with one, connections need no strand of their own.
enum class IoThreads { kOne, kMany };

class HttpServer {
 public:
  /// Serves `handler` on `io`; with `tls`, every connection must handshake first.
  HttpServer(boost::asio::io_context& io, HttpHandler handler,
             std::optional<TlsIdentity> tls = std::nullopt, IoThreads threads = IoThreads::kMany);
  HttpServer(boost::asio::io_context& io, AsyncHttpHandler handler,
             std::optional<TlsIdentity> tls = std::nullopt, IoThreads threads = IoThreads::kMany);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The Server header and the name in log lines ("amanah-paper" unless set before Listen).
  void SetName(std::string name);
  /// Binds and starts accepting; port 0 picks a free port. Returns the bound port.
  base::Result<uint16_t> Listen(const std::string& host, uint16_t port);
  /// Stops accepting; open connections end after their current request.
  void Stop();
  /// How many requests are being handled or answered now (for a graceful stop).
  size_t InFlight() const;

 private:
  void UseTls(std::optional<TlsIdentity> tls);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace amanah::server
