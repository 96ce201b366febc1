#include "transport/websocket_client.h"

#include <atomic>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "transport/stream_connect.h"

namespace amanah::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr auto kWsTuple = net::as_tuple(net::use_awaitable);

// The stream and what it needs, shared with a Close posted to its strand (which may run after
// the client is gone).
template <typename Next>
struct State {
  State(Next next, std::unique_ptr<net::ssl::context> context)
      : tls_context(std::move(context)), ws(std::move(next)) {}
  std::unique_ptr<net::ssl::context> tls_context;  // outlives the stream that uses it
  websocket::stream<Next> ws;
};

template <typename Next>
class Client final : public WebSocket {
 public:
  Client(Next next, std::unique_ptr<net::ssl::context> context, std::string host,
         const WebSocketOptions& options)
      : state_(std::make_shared<State<Next>>(std::move(next), std::move(context))),
        host_(std::move(host)) {
    auto& ws = state_->ws;
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = options.connect_timeout;
    timeout.idle_timeout = options.idle_timeout;
    timeout.keep_alive_pings = true;  // a ping when half the idle time passed in silence
    ws.set_option(timeout);
    ws.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& request) { request.set(http::field::user_agent, "amanah"); }));
    ws.read_message_max(options.max_message_bytes);
  }
  // No operation is pending when the client goes (its owner's contract), so the socket closes
  // here, without posting to an io_context that may itself be shutting down.
  ~Client() override {
    closed_.store(true);
    beast::error_code ignored;
    beast::get_lowest_layer(state_->ws).socket().close(ignored);
  }

  net::awaitable<Result<void>> Handshake(const std::string& host_header,
                                         const std::string& target) {
    auto [error] = co_await state_->ws.async_handshake(host_header, target, kWsTuple);
    if (error) {
      co_return Error(ErrorCode::kUnavailable,
                      "WebSocket handshake with " + host_ + " failed: " + Describe(error));
    }
    co_return Result<void>{};
  }

  net::awaitable<Result<void>> Send(std::string text) override {
    if (closed_.load()) co_return Error(ErrorCode::kUnavailable, "the WebSocket is closed");
    state_->ws.text(true);
    auto [error, n] = co_await state_->ws.async_write(net::buffer(text), kWsTuple);
    if (error) {
      co_return Error(ErrorCode::kUnavailable,
                      "sending to " + host_ + " failed: " + Describe(error));
    }
    co_return Result<void>{};
  }

  net::awaitable<Result<std::string>> Receive() override {
    buffer_.clear();
    auto [error, n] = co_await state_->ws.async_read(buffer_, kWsTuple);
    if (error == websocket::error::message_too_big) {
      co_return Error(ErrorCode::kDataLoss, "a message from " + host_ + " is too large");
    }
    if (error) {
      std::string why = error == websocket::error::closed
                            ? "closed by the server (" +
                                  std::string(state_->ws.reason().reason.data(),
                                              state_->ws.reason().reason.size()) +
                                  ")"
                            : Describe(error);
      if (closed_.load()) why = "closed";
      co_return Error(ErrorCode::kUnavailable, "the stream from " + host_ + " ended: " + why);
    }
    co_return beast::buffers_to_string(buffer_.data());
  }

  void Close() override {
    if (closed_.exchange(true)) return;
    // On the connection's strand: closing the socket ends a pending read at once.
    net::post(state_->ws.get_executor(), [state = state_] {
      beast::error_code ignored;
      beast::get_lowest_layer(state->ws).socket().close(ignored);
    });
  }

 private:
  std::shared_ptr<State<Next>> state_;
  std::string host_;
  beast::flat_buffer buffer_;
  std::atomic<bool> closed_{false};
};

}  // namespace

Result<void> CheckWebSocketUrl(std::string_view url) {
  AMANAH_TRY(ParseEndpoint(url, UrlKind::kWebSocket));
  return {};
}

net::awaitable<Result<std::unique_ptr<WebSocket>>> DialWebSocket(net::any_io_executor executor,
                                                                 std::string url,
                                                                 WebSocketOptions options) {
  auto endpoint = ParseEndpoint(url, UrlKind::kWebSocket);
  if (!endpoint) co_return endpoint.error();
  std::unique_ptr<net::ssl::context> tls;
  if (endpoint->tls) {
    auto made = MakeClientTls(options.ca_file);
    if (!made) co_return made.error();
    tls = std::move(*made);
  }
  auto opened = co_await OpenConnection(executor, *endpoint, tls.get(), options.connect_timeout);
  if (!opened) co_return opened.error();
  Connection& c = **opened;
  const bool default_port = endpoint->port == (endpoint->tls ? "443" : "80");
  const std::string host = endpoint->host.find(':') != std::string::npos
                               ? "[" + endpoint->host + "]"  // an IPv6 literal
                               : endpoint->host;
  const std::string host_header = default_port ? host : host + ":" + endpoint->port;
  c.lowest().expires_never();  // the WebSocket's own timeouts take over
  if (endpoint->tls) {
    auto client = std::make_unique<Client<beast::ssl_stream<beast::tcp_stream>>>(
        std::move(*c.tls), std::move(tls), endpoint->host, options);
    auto shaken = co_await client->Handshake(host_header, endpoint->target);
    if (!shaken) co_return shaken.error();
    co_return std::unique_ptr<WebSocket>(std::move(client));
  }
  auto client = std::make_unique<Client<beast::tcp_stream>>(std::move(*c.plain), nullptr,
                                                            endpoint->host, options);
  auto shaken = co_await client->Handshake(host_header, endpoint->target);
  if (!shaken) co_return shaken.error();
  co_return std::unique_ptr<WebSocket>(std::move(client));
}

}  // namespace amanah::transport
