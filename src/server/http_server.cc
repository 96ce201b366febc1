#include "server/http_server.h"

#include <atomic>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "base/logging.h"
#include "base/wipe.h"
#include "server/websocket_session.h"

namespace amanah::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Error;
using base::ErrorCode;

namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr size_t kBodyLimit = 1 << 20;
constexpr uint32_t kHeaderLimit = 16 << 10;  ///< request line and headers together
constexpr auto kToken = net::as_tuple(net::use_awaitable);

/// The status a request the parser refused is answered with; none when nothing can be answered
/// (the peer closed, timed out or reset the connection).
std::optional<http::status> StatusForReadError(const beast::error_code& error) {
  if (error.category() != http::make_error_code(http::error::bad_method).category())
    return std::nullopt;
  switch (static_cast<http::error>(error.value())) {
    case http::error::end_of_stream:
    case http::error::partial_message:
    case http::error::short_read:
      return std::nullopt;
    case http::error::header_limit:
    case http::error::buffer_overflow:
      return http::status::request_header_fields_too_large;  // 431
    case http::error::body_limit:
      return http::status::payload_too_large;  // 413
    default:
      return http::status::bad_request;  // malformed start line, header, length or chunk
  }
}

/// The handler, plain or a coroutine, and what the server calls itself.
struct Handler {
  HttpHandler plain;
  AsyncHttpHandler async;
  std::string name = "amanah-paper";
  /// Shared with each session, whose frame may be destroyed after the server (at io_context
  /// teardown) and still counts itself out.
  std::shared_ptr<std::atomic<size_t>> in_flight = std::make_shared<std::atomic<size_t>>(0);
};

HttpResponse Failed() {
  HttpResponse failed;
  failed.status = 500;
  failed.content_type = "text/plain";
  failed.body = "Internal Server Error\n";
  return failed;
}

void LogFailure(const Handler& handler, const HttpRequest& request, std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("{}: {} {} failed: {}", handler.name, request.method, request.Path(), e.what());
  } catch (...) {
    spdlog::error("{}: {} {} failed with a non-standard exception", handler.name, request.method,
                  request.Path());
  }
}

net::awaitable<HttpResponse> CallHandler(const Handler& handler, const HttpRequest& request) {
  std::exception_ptr error;
  if (handler.plain) {
    try {
      co_return handler.plain(request);
    } catch (...) {
      error = std::current_exception();
    }
  } else {
    try {
      co_return co_await handler.async(request);
    } catch (...) {
      error = std::current_exception();
    }
  }
  LogFailure(handler, request, error);
  co_return Failed();
}

void Limit(http::request_parser<http::string_body>& parser) {
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
}

HttpRequest ToRequest(http::request<http::string_body>&& in, const std::string& peer_ip) {
  HttpRequest request;
  request.method = std::string(in.method_string());
  request.target = std::string(in.target());
  request.body = std::move(in.body());
  request.peer_ip = peer_ip;
  request.headers.reserve(static_cast<size_t>(std::distance(in.begin(), in.end())));
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return request;
}

template <typename Stream>
net::awaitable<bool> Write(Stream& stream, http::response<http::string_body>& out) {
  out.prepare_payload();  // the deadline set before the request was read covers the answer too
  auto [write_error, _] = co_await http::async_write(stream, out, kToken);
  co_return !write_error;
}

// A streamed answer: the head, then each chunk as its source yields it (each write has the idle
// deadline, so a client that stopped reading is dropped), then the last chunk.
template <typename Stream>
net::awaitable<bool> WriteStream(Stream& stream, http::response<http::empty_body>& head,
                                 const ChunkSource& next) {
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer{head};
  beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
  auto [head_error, h] = co_await http::async_write_header(stream, serializer, kToken);
  if (head_error) co_return false;
  for (;;) {
    beast::get_lowest_layer(stream).expires_never();  // waiting for the next event is not idle
    std::optional<std::string> chunk = co_await next();
    if (!chunk) break;
    beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
    auto [error, n] =
        co_await net::async_write(stream, http::make_chunk(net::buffer(*chunk)), kToken);
    if (error) co_return false;
  }
  beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
  auto [last_error, n] = co_await net::async_write(stream, http::make_chunk_last(), kToken);
  co_return !last_error;
}

// Zeroes the read buffer's storage outside the bytes not yet parsed (a pipelined next request):
// consuming a request only moves an offset, and its bytes would stay until overwritten.
void WipeSpare(beast::flat_buffer& buffer) {
  const size_t spare = buffer.capacity() - buffer.size();
  if (spare == 0) return;
  auto region = buffer.prepare(spare);  // moves unread bytes to the front first
  base::Wipe(region.data(), region.size());
}

template <typename Stream>
net::awaitable<void> Serve(Stream& stream, std::string peer_ip, Handler& handler) {
  const std::shared_ptr<std::atomic<size_t>> in_flight = handler.in_flight;
  beast::flat_buffer buffer;
  bool answered_all = true;  // false: close without the orderly shutdown (dropped or failed)
  for (;;) {
    http::request_parser<http::string_body> parser;
    Limit(parser);
    beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
    auto [read_error, _] = co_await http::async_read(stream, buffer, parser, kToken);
    if (read_error) {
      std::optional<http::status> status = StatusForReadError(read_error);
      if (!status) break;
      // Refused by the parser: say why, then close — the rest of the stream cannot be framed.
      http::response<http::string_body> out{*status, 11};
      out.set(http::field::server, handler.name);
      out.set(http::field::content_type, "text/plain");
      out.body() = std::string(http::obsolete_reason(*status)) + ": " + read_error.message() + "\n";
      out.keep_alive(false);
      answered_all = co_await Write(stream, out);
      break;
    }
    http::request<http::string_body> in = parser.release();
    unsigned version = in.version();
    bool keep_alive = in.keep_alive();
    HttpRequest request = ToRequest(std::move(in), peer_ip);
    in_flight->fetch_add(1, std::memory_order_relaxed);
    struct Done {
      std::atomic<size_t>& count;
      bool counted = true;
      void Now() {
        if (counted) count.fetch_sub(1, std::memory_order_relaxed);
        counted = false;
      }
      ~Done() { Now(); }
    } done{*in_flight};
    HttpResponse response = co_await CallHandler(handler, request);
    if (response.websocket && IsWebSocketUpgrade(in)) {
      // The connection now belongs to the WebSocket; it is not a request in flight.
      base::Wipe(request.body);
      for (auto& [name, value] : request.headers) base::Wipe(value);
      done.Now();
      co_await ServeWebSocket(stream, in, response.websocket, handler.name);
      co_return;
    }
    if (response.websocket) {
      response = HttpResponse{};
      response.status = 426;
      response.content_type = "text/plain";
      response.headers.emplace_back("Upgrade", "websocket");
      response.body = "Upgrade Required: this is a WebSocket endpoint\n";
    }
    // What the request carried (a key's secret in a body, a password, a bearer token, a session
    // cookie) does not outlive its answer: this copy, Beast's, and the read buffer's bytes.
    base::Wipe(request.body);
    for (auto& [name, value] : request.headers) base::Wipe(value);
    base::WipeFieldValues(in.base());
    WipeSpare(buffer);
    if (response.delay.count() > 0) {
      net::steady_timer timer(co_await net::this_coro::executor, response.delay);
      co_await timer.async_wait(kToken);
    }
    if (response.drop) co_return;  // the stream's destructor closes the socket unanswered

    if (response.stream) {
      http::response<http::empty_body> head{static_cast<http::status>(response.status), version};
      head.set(http::field::server, handler.name);
      head.set(http::field::content_type, response.content_type);
      for (const auto& [name, value] : response.headers) head.set(name, value);
      head.keep_alive(false);
      answered_all = co_await WriteStream(stream, head, response.stream);
      break;
    }
    http::response<http::string_body> out{static_cast<http::status>(response.status), version};
    out.set(http::field::server, handler.name);
    out.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.set(name, value);
    out.body() = std::move(response.body);
    out.keep_alive(keep_alive);
    const bool written = co_await Write(stream, out);
    base::Wipe(out.body());  // a token shown once, a setup token
    if (!written) {
      answered_all = false;
      break;
    }
    if (!out.keep_alive()) break;
  }
  if (!answered_all) co_return;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  } else {
    co_await stream.async_shutdown(kToken);
  }
}

/// Completion of a detached session: an exception that escaped is logged, never lost silently.
void LogEscaped(std::exception_ptr escaped) {
  if (!escaped) return;
  try {
    std::rethrow_exception(escaped);
  } catch (const std::exception& e) {
    spdlog::error("http: a connection ended on an exception: {}", e.what());
  } catch (...) {
    spdlog::error("http: a connection ended on a non-standard exception");
  }
}

}  // namespace

std::variant<HttpRequest, unsigned> ParseRequest(std::string_view bytes,
                                                 const std::string& peer_ip) {
  http::request_parser<http::string_body> parser;
  Limit(parser);
  parser.eager(true);
  std::string_view rest = bytes;
  auto refused = [](const beast::error_code& error) {
    std::optional<http::status> status = StatusForReadError(error);
    return status ? static_cast<unsigned>(*status) : 0u;
  };
  while (!parser.is_done()) {
    beast::error_code error;
    // Fewer than 5 bytes left in a chunked body cannot hold its last chunk ("0\r\n\r\n"); putting
    // them again trips an assertion in Beast 1.81's chunk parser, so they end the request here,
    // as bytes that stop inside a request do.
    const bool short_tail = parser.is_header_done() && parser.chunked() && rest.size() < 5;
    size_t used =
        rest.empty() || short_tail ? 0 : parser.put(net::buffer(rest.data(), rest.size()), error);
    rest.remove_prefix(used);
    if (error && error != http::error::need_more) return refused(error);
    if (parser.is_done()) break;
    if (used == 0) {  // no progress: the bytes end inside a request, as if the peer closed
      // As Beast's own read does: a peer that closes before a whole start line is an end of
      // stream (put_eof asserts that something was parsed).
      if (!parser.got_some()) return refused(http::error::end_of_stream);
      parser.put_eof(error);
      if (error) return refused(error);
      if (!parser.is_done()) return 0u;
    }
  }
  return ToRequest(parser.release(), peer_ip);
}

std::optional<std::string_view> HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string_view HttpRequest::Path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::Query() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

struct HttpServer::Impl {
  Impl(net::io_context& io_context, IoThreads t)
      : io(io_context), threads(t), acceptor(io_context) {}

  net::awaitable<void> Accept() {
    for (;;) {
      // Each connection on its own strand: its stream's timer and reads never run at once on
      // two of the io_context's threads.
      std::tuple<beast::error_code, tcp::socket> accepted{beast::error_code(), tcp::socket(io)};
      if (threads == IoThreads::kOne) {  // (no co_await inside ?: — GCC 12 miscompiles it)
        accepted = co_await acceptor.async_accept(kToken);
      } else {
        accepted = co_await acceptor.async_accept(net::make_strand(io), kToken);
      }
      auto& [error, socket] = accepted;
      if (error) {
        if (error == net::error::operation_aborted || !acceptor.is_open()) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      socket.set_option(tcp::no_delay(true));
      beast::error_code ec;
      auto remote = socket.remote_endpoint(ec);
      std::string peer = ec ? std::string() : remote.address().to_string();
      net::co_spawn(socket.get_executor(), Session(std::move(socket), std::move(peer)), LogEscaped);
    }
  }

  net::awaitable<void> Session(tcp::socket socket, std::string peer) {
    if (!tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await Serve(stream, std::move(peer), handler);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
    beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
    auto [error] = co_await stream.async_handshake(ssl::stream_base::server, kToken);
    if (error) co_return;
    co_await Serve(stream, std::move(peer), handler);
  }

  net::io_context& io;
  Handler handler;
  IoThreads threads;
  tcp::acceptor acceptor;
  std::unique_ptr<ssl::context> tls;
};

HttpServer::HttpServer(net::io_context& io, HttpHandler handler, std::optional<TlsIdentity> tls,
                       IoThreads threads)
    : impl_(std::make_unique<Impl>(io, threads)) {
  impl_->handler.plain = std::move(handler);
  UseTls(std::move(tls));
}

HttpServer::HttpServer(net::io_context& io, AsyncHttpHandler handler,
                       std::optional<TlsIdentity> tls, IoThreads threads)
    : impl_(std::make_unique<Impl>(io, threads)) {
  impl_->handler.async = std::move(handler);
  UseTls(std::move(tls));
}

void HttpServer::UseTls(std::optional<TlsIdentity> tls) {
  if (tls) {
    impl_->tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    impl_->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1);
    impl_->tls->use_certificate_chain(net::buffer(tls->certificate_pem));
    impl_->tls->use_private_key(net::buffer(tls->private_key_pem), ssl::context::pem);
  }
}

HttpServer::~HttpServer() = default;

void HttpServer::SetName(std::string name) { impl_->handler.name = std::move(name); }

size_t HttpServer::InFlight() const {
  return impl_->handler.in_flight->load(std::memory_order_relaxed);
}

base::Result<uint16_t> HttpServer::Listen(const std::string& host, uint16_t port) {
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return Error(ErrorCode::kInvalidArgument, "not an IP address: " + host);
  tcp::endpoint endpoint(address, port);
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec) ||
      acceptor.set_option(net::socket_base::reuse_address(true), ec) ||
      acceptor.bind(endpoint, ec) ||
      acceptor.listen(net::socket_base::max_listen_connections, ec)) {
    return Error(ErrorCode::kUnavailable,
                 "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  }
  uint16_t bound = acceptor.local_endpoint().port();
  net::co_spawn(impl_->io, impl_->Accept(), LogEscaped);
  return bound;
}

void HttpServer::Stop() {
  net::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
}

}  // namespace amanah::server
