// WebSockets both ways on 127.0.0.1: HttpServer upgrading a request its handler asked to (and 426
// for one that did not ask), WebSocketClient over plain ws:// and TLS wss:// with a trusted
// self-signed certificate — messages each way in order, messages the server pushes from another
// thread, a close from the server seen as the end of the stream, Close() ending a waiting
// Receive, a message over the cap refused — and the URL rules (plain ws only to loopback).
#include <atomic>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/http_server.h"
#include "testing/temp_dir.h"
#include "transport/http_client.h"
#include "transport/run_blocking.h"
#include "transport/websocket_client.h"

namespace amanah::transport {
namespace {

namespace net = boost::asio;

// Echoes each message upper-cased; "push" makes another thread send three; "bye" closes.
class EchoServer {
 public:
  explicit EchoServer(std::optional<paper::TlsIdentity> tls = std::nullopt)
      : server_(
            io_, [this](const paper::HttpRequest& r) { return Handle(r); }, std::move(tls)) {
    port_ = server_.Listen("127.0.0.1", 0).value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~EchoServer() {
    io_.stop();
    thread_.join();
    for (auto& t : pushers_) t.join();
  }
  std::string url(std::string scheme = "ws") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + "/ws";
  }
  int closed() const { return closed_.load(); }

 private:
  paper::HttpResponse Handle(const paper::HttpRequest& r) {
    paper::HttpResponse response;
    if (r.Path() != "/ws") {
      response.status = 404;
      return response;
    }
    response.websocket = [this](std::shared_ptr<paper::WebSocketPeer> peer) {
      paper::WebSocketHandlers h;
      h.on_message = [this, peer](std::string_view m) {
        if (m == "bye") return peer->Close();
        if (m == "push") {
          pushers_.emplace_back([peer] {
            for (int i = 0; i < 3; ++i) peer->Send("pushed " + std::to_string(i));
          });
          return;
        }
        std::string up(m);
        for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        peer->Send(up);
      };
      h.on_close = [this] { ++closed_; };
      return h;
    };
    return response;
  }

  net::io_context io_;
  paper::HttpServer server_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::vector<std::thread> pushers_;
  std::atomic<int> closed_{0};
};

net::awaitable<void> Sleep(std::chrono::milliseconds d) {
  net::steady_timer timer(co_await net::this_coro::executor, d);
  co_await timer.async_wait(net::use_awaitable);
}

// One coroutine per test: an open WebSocket keeps its io_context busy until it is closed.
template <class Body>
void RunWith(std::string url, WebSocketOptions options, Body body) {
  net::io_context io;
  RunBlocking(io, [&]() -> net::awaitable<bool> {
    auto ws = co_await DialWebSocket(io.get_executor(), url, options);
    EXPECT_TRUE(ws) << ws.error();
    if (!ws) co_return false;
    co_await body(**ws);
    (*ws)->Close();
    co_return true;
  }());
}

TEST(WebSocket, MessagesGoBothWaysInOrderAndTheServerMayPushFromAnyThread) {
  EchoServer server;
  RunWith(server.url(), {}, [](WebSocket& ws) -> net::awaitable<void> {
    for (std::string m : {"salaam", "spot only", "{\"id\":1}"}) {
      auto sent = co_await ws.Send(m);
      EXPECT_TRUE(sent);
    }
    for (std::string want : {"SALAAM", "SPOT ONLY", "{\"ID\":1}"}) {
      auto got = co_await ws.Receive();
      EXPECT_TRUE(got && *got == want) << (got ? *got : got.error().ToString());
    }
    auto pushed = co_await ws.Send("push");
    EXPECT_TRUE(pushed);
    for (int i = 0; i < 3; ++i) {
      auto got = co_await ws.Receive();
      EXPECT_TRUE(got && *got == "pushed " + std::to_string(i));
    }
    // The server closes: the stream ends, saying so.
    auto bye = co_await ws.Send("bye");
    EXPECT_TRUE(bye);
    auto end = co_await ws.Receive();
    EXPECT_FALSE(end);
    if (!end) {
      EXPECT_EQ(end.error().code(), base::ErrorCode::kUnavailable);
      EXPECT_NE(end.error().message().find("closed by the server"), std::string::npos)
          << end.error();
    }
  });
}

TEST(WebSocket, CloseEndsAWaitingReceive) {
  EchoServer server;
  RunWith(server.url(), {}, [](WebSocket& ws) -> net::awaitable<void> {
    WebSocket* socket = &ws;
    auto closer = [socket]() -> net::awaitable<void> {
      co_await Sleep(std::chrono::milliseconds(50));
      socket->Close();
    };
    const net::any_io_executor executor = co_await net::this_coro::executor;
    net::co_spawn(executor, closer, net::detached);
    auto got = co_await ws.Receive();  // nothing comes; Close ends it
    EXPECT_FALSE(got);
  });
  for (int i = 0; i < 200 && server.closed() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(server.closed(), 1);
}

TEST(WebSocket, AMessageOverTheCapIsRefused) {
  EchoServer server;
  WebSocketOptions small;
  small.max_message_bytes = 16;
  RunWith(server.url(), small, [](WebSocket& ws) -> net::awaitable<void> {
    auto sent = co_await ws.Send("this message is longer than sixteen bytes");
    EXPECT_TRUE(sent);
    auto got = co_await ws.Receive();
    EXPECT_FALSE(got);
    if (!got) {
      EXPECT_EQ(got.error().code(), base::ErrorCode::kDataLoss) << got.error();
    }
  });
}

TEST(WebSocket, TlsWithATrustedCertificate) {
  auto identity = paper::GenerateSelfSignedIdentity("127.0.0.1").value();
  amanah::testing::TempDir dir;
  const std::string ca = dir.path() + "/ca.pem";
  std::ofstream(ca) << identity.certificate_pem;
  EchoServer server(identity);
  WebSocketOptions trusted;
  trusted.ca_file = ca;
  RunWith(server.url("wss"), trusted, [](WebSocket& ws) -> net::awaitable<void> {
    auto sent = co_await ws.Send("tls");
    EXPECT_TRUE(sent);
    auto got = co_await ws.Receive();
    EXPECT_TRUE(got && *got == "TLS");
  });
  // Without trusting it, the handshake fails and says why.
  net::io_context io;
  auto untrusted = RunBlocking(io, DialWebSocket(io.get_executor(), server.url("wss"), {}));
  ASSERT_FALSE(untrusted);
  EXPECT_NE(untrusted.error().message().find("TLS handshake"), std::string::npos);
}

TEST(WebSocket, APlainRequestToTheEndpointGets426) {
  EchoServer server;
  net::io_context io;
  auto client = HttpClient::Create(io.get_executor(),
                                   server.url("http").substr(0, server.url("http").size() - 3))
                    .value();
  Request request;
  request.method = "GET";
  request.target = "/ws";
  auto response = RunBlocking(io, client->Send(request));
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 426u);
}

TEST(WebSocket, PlainWebSocketsOnlyToLoopback) {
  EXPECT_TRUE(CheckWebSocketUrl("wss://ws-api.binance.com:443/ws-api/v3"));
  EXPECT_TRUE(CheckWebSocketUrl("ws://127.0.0.1:9000/ws-api/v3"));
  EXPECT_TRUE(CheckWebSocketUrl("ws://[::1]:9000/x?y=1"));
  auto remote = CheckWebSocketUrl("ws://ws-api.binance.com/ws-api/v3");
  ASSERT_FALSE(remote);
  EXPECT_NE(remote.error().message().find("only to loopback"), std::string::npos);
  EXPECT_FALSE(CheckWebSocketUrl("https://api.binance.com"));
  EXPECT_FALSE(CheckWebSocketUrl("wss://user:pw@example.com/x"));
  EXPECT_FALSE(CheckWebSocketUrl("not a url"));
  net::io_context io;
  auto refused = RunBlocking(io, DialWebSocket(io.get_executor(), "ws://192.0.2.1/x", {}));
  EXPECT_FALSE(refused);
}

}  // namespace
}  // namespace amanah::transport
