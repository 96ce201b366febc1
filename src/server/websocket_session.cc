#include "server/websocket_session.h"

#include <deque>
#include <mutex>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "base/logging.h"

namespace amanah::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

constexpr auto kWsToken = net::as_tuple(net::use_awaitable);
constexpr size_t kMaxMessage = 64 << 10;
constexpr size_t kMaxQueued = 4096;

// The queue between Send (any thread) and the writer (the connection's strand). A wake-up is
// posted to the strand, so it runs after the writer has checked the queue and begun to wait.
class Peer final : public WebSocketPeer, public std::enable_shared_from_this<Peer> {
 public:
  explicit Peer(net::any_io_executor executor) : wake_(std::move(executor)) {}

  bool Send(std::string text) override {
    {
      std::lock_guard lock(mu_);
      if (closing_) return false;
      if (queue_.size() >= kMaxQueued) {
        closing_ = true;
        overflowed_ = true;
      } else {
        queue_.push_back(std::move(text));
      }
    }
    Wake();
    return !overflowed();
  }

  void Close() override {
    {
      std::lock_guard lock(mu_);
      closing_ = true;
    }
    Wake();
  }

  // What the writer sends next; none when it should close (or wait, if `closing` is false).
  std::optional<std::string> Next(bool& closing) {
    std::lock_guard lock(mu_);
    closing = closing_;
    if (queue_.empty() || overflowed_) return std::nullopt;
    std::string text = std::move(queue_.front());
    queue_.pop_front();
    return text;
  }

  bool overflowed() const {
    std::lock_guard lock(mu_);
    return overflowed_;
  }

  net::steady_timer& wake() { return wake_; }

 private:
  void Wake() {
    net::post(wake_.get_executor(), [self = shared_from_this()] { self->wake_.cancel(); });
  }

  mutable std::mutex mu_;
  std::deque<std::string> queue_;  // GUARDED_BY(mu_)
  bool closing_ = false;           // GUARDED_BY(mu_)
  bool overflowed_ = false;        // GUARDED_BY(mu_)
  net::steady_timer wake_;         // used on the connection's strand only
};

template <typename Ws>
net::awaitable<void> WriteQueued(Ws& ws, std::shared_ptr<Peer> peer) {
  for (;;) {
    bool closing = false;
    std::optional<std::string> text = peer->Next(closing);
    if (text) {
      ws.text(true);
      auto [error, n] = co_await ws.async_write(net::buffer(*text), kWsToken);
      if (error) co_return;
      continue;
    }
    if (closing) break;
    peer->wake().expires_at(net::steady_timer::time_point::max());
    co_await peer->wake().async_wait(kWsToken);
  }
  const websocket::close_reason reason(peer->overflowed() ? websocket::close_code::policy_error
                                                          : websocket::close_code::normal);
  co_await ws.async_close(reason, kWsToken);
}

template <typename Stream>
net::awaitable<void> ServeSession(Stream& stream, const UpgradeRequest& request,
                                  const WebSocketAccept& accept, const std::string& name) {
  beast::get_lowest_layer(stream).expires_never();  // the WebSocket's own timeouts take over
  websocket::stream<Stream&> ws(stream);
  websocket::stream_base::timeout timeout{};
  timeout.handshake_timeout = std::chrono::seconds(30);
  timeout.idle_timeout = std::chrono::seconds(60);  // a ping after 30 s idle, dropped after 60
  timeout.keep_alive_pings = true;
  ws.set_option(timeout);
  ws.set_option(websocket::stream_base::decorator(
      [name](websocket::response_type& response) { response.set(http::field::server, name); }));
  ws.read_message_max(kMaxMessage);
  auto [accept_error] = co_await ws.async_accept(request, kWsToken);
  if (accept_error) co_return;

  const net::any_io_executor executor = co_await net::this_coro::executor;
  auto peer = std::make_shared<Peer>(executor);
  WebSocketHandlers handlers;
  try {
    handlers = accept(peer);
  } catch (const std::exception& e) {
    spdlog::error("{}: a WebSocket handler failed to start: {}", name, e.what());
    co_return;
  }
  // The writer runs beside the reader (Beast allows one read and one write at a time) and is
  // awaited before `ws` goes out of scope.
  auto finished = std::make_shared<net::steady_timer>(executor);
  finished->expires_at(net::steady_timer::time_point::max());
  auto writer_done = std::make_shared<bool>(false);
  net::co_spawn(executor, WriteQueued(ws, peer), [finished, writer_done](std::exception_ptr) {
    *writer_done = true;
    finished->cancel();
  });

  beast::flat_buffer buffer;
  for (;;) {
    auto [read_error, n] = co_await ws.async_read(buffer, kWsToken);
    if (read_error) break;
    if (!ws.got_text()) {  // only JSON text frames are spoken here
      peer->Close();
      break;
    }
    std::string message = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    if (!handlers.on_message) continue;
    try {
      handlers.on_message(message);
    } catch (const std::exception& e) {
      spdlog::error("{}: a WebSocket message failed: {}", name, e.what());
      peer->Close();
      break;
    }
  }
  peer->Close();
  if (!*writer_done) {
    // A reader that ended on an error leaves nothing to close politely: stop the writer's wait.
    beast::get_lowest_layer(stream).cancel();
    co_await finished->async_wait(kWsToken);
  }
  if (handlers.on_close) handlers.on_close();
}

}  // namespace

bool IsWebSocketUpgrade(const UpgradeRequest& request) { return websocket::is_upgrade(request); }

net::awaitable<void> ServeWebSocket(beast::tcp_stream& stream, const UpgradeRequest& request,
                                    const WebSocketAccept& accept, const std::string& name) {
  co_await ServeSession(stream, request, accept, name);
}

net::awaitable<void> ServeWebSocket(beast::ssl_stream<beast::tcp_stream>& stream,
                                    const UpgradeRequest& request, const WebSocketAccept& accept,
                                    const std::string& name) {
  co_await ServeSession(stream, request, accept, name);
}

}  // namespace amanah::server
