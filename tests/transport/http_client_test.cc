// The HTTP client against a real local server (the paper exchange's HttpServer on 127.0.0.1, port
// 0): plain and TLS, certificate and host-name checks, deadlines, the size cap, keep-alive, and the
// rule that only reads are retried.
#include "transport/http_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "transport/run_blocking.h"

#include <atomic>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "http/http_server.h"
#include "testing/temp_dir.h"

namespace amanah::transport {
namespace {

using paper::HttpResponse;

class Server {
 public:
  explicit Server(paper::HttpHandler handler, std::optional<paper::TlsIdentity> tls = std::nullopt)
      : server_(io_, std::move(handler), std::move(tls)) {
    port_ = server_.Listen("127.0.0.1", 0).value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Server() {
    io_.stop();
    thread_.join();
  }
  uint16_t port() const { return port_; }
  std::string origin(std::string scheme = "http", std::string host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(port_);
  }

 private:
  boost::asio::io_context io_;
  paper::HttpServer server_;
  uint16_t port_ = 0;
  std::thread thread_;
};

// A client with an io_context of its own, sent to with RunBlocking as the CLI does.
class TestClient {
 public:
  TestClient(std::unique_ptr<boost::asio::io_context> io, std::unique_ptr<HttpClient> client)
      : io_(std::move(io)), client_(std::move(client)) {}
  base::Result<Response> Send(Request request) {
    return RunBlocking(*io_, client_->Send(std::move(request)));
  }

 private:
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<HttpClient> client_;
};

base::Result<std::unique_ptr<TestClient>> MakeClient(std::string_view origin,
                                                     Options options = {}) {
  auto io = std::make_unique<boost::asio::io_context>();
  AMANAH_ASSIGN_OR_RETURN(auto client, HttpClient::Create(io->get_executor(), origin, options));
  return std::make_unique<TestClient>(std::move(io), std::move(client));
}

HttpResponse Text(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

TEST(HttpClient, PlainHttpToLoopbackWithKeepAlive) {
  std::atomic<int> calls{0};
  std::set<std::string> seen;
  Server s([&](const paper::HttpRequest& r) {
    ++calls;
    return Text(r.method + " " + r.target + " " + std::string(r.Header("x-test").value_or("")) +
                " " + r.body);
  });
  auto client = MakeClient(s.origin()).value();
  for (int i = 0; i < 3; ++i) {
    auto r = client->Send(Request{"POST", "/a?b=1", {{"X-Test", "yes"}}, "body"});
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->status, 200u);
    EXPECT_EQ(r->body, "POST /a?b=1 yes body");
    EXPECT_EQ(r->Header("server"), "amanah-paper");
  }
  EXPECT_EQ(calls, 3);
}

TEST(HttpClient, PlainHttpIsOnlyForLoopback) {
  auto r = MakeClient("http://api.binance.com");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(),
            "plain http is allowed only to loopback; use https:// for api.binance.com");
}

TEST(HttpClient, OriginsWithCredentialsOrPathsAreRefused) {
  EXPECT_NE(CheckOrigin("https://user:password@api.binance.com")
                .error()
                .message()
                .find("user name or password"),
            std::string::npos);
  EXPECT_NE(CheckOrigin("https://api.binance.com/api").error().message().find("without a path"),
            std::string::npos);
  EXPECT_FALSE(CheckOrigin("ftp://api.binance.com"));
  EXPECT_TRUE(CheckOrigin("https://api.binance.com"));
  EXPECT_TRUE(CheckOrigin("http://127.0.0.1:8080"));
}

TEST(HttpClient, ManyRequestsInFlightOnTwoThreadsShareOneClient) {
  std::atomic<int> calls{0};
  Server s([&](const paper::HttpRequest& r) {
    ++calls;
    return Text(r.target);
  });
  boost::asio::io_context io;
  auto client = HttpClient::Create(io.get_executor(), s.origin()).value();
  constexpr int kRequests = 200;
  std::atomic<int> ok{0};
  for (int i = 0; i < kRequests; ++i) {
    boost::asio::co_spawn(
        io,
        [&, i]() -> boost::asio::awaitable<void> {
          Request request{"GET", "/n/" + std::to_string(i), {}, ""};
          auto r = co_await client->Send(std::move(request));
          if (r && r->body == "/n/" + std::to_string(i)) ++ok;
        },
        boost::asio::detached);
  }
  std::thread second([&] { io.run(); });
  io.run();
  second.join();
  EXPECT_EQ(ok.load(), kRequests);
  EXPECT_EQ(calls.load(), kRequests);
}

TEST(HttpClient, TlsVerifiesTheCertificateAndTheHostName) {
  testing::TempDir dir;
  auto identity = paper::GenerateSelfSignedIdentity("127.0.0.1").value();
  std::string ca = dir.path() + "/ca.pem";
  std::ofstream(ca) << identity.certificate_pem;
  Server s([](const paper::HttpRequest&) { return Text("secure"); }, identity);

  Options trusted;
  trusted.ca_file = ca;
  auto ok = MakeClient(s.origin("https"), trusted).value()->Send(Request{"GET", "/", {}, ""});
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->body, "secure");

  auto untrusted = MakeClient(s.origin("https")).value()->Send(Request{"GET", "/", {}, ""});
  ASSERT_FALSE(untrusted);
  EXPECT_EQ(untrusted.error().code(), base::ErrorCode::kUnavailable);
  EXPECT_NE(untrusted.error().message().find("TLS handshake"), std::string::npos)
      << untrusted.error();

  auto other = paper::GenerateSelfSignedIdentity("exchange.example").value();
  std::string other_ca = dir.path() + "/other.pem";
  std::ofstream(other_ca) << other.certificate_pem;
  Server wrong_name([](const paper::HttpRequest&) { return Text("x"); }, other);
  Options trust_other;
  trust_other.ca_file = other_ca;
  auto mismatch = MakeClient(wrong_name.origin("https"), trust_other)
                      .value()
                      ->Send(Request{"GET", "/", {}, ""});
  ASSERT_FALSE(mismatch) << "a certificate for exchange.example must not be accepted for 127.0.0.1";
}

TEST(HttpClient, ReadsRetryOnceButAnOrderWhoseAnswerIsLostIsOutcomeUnknown) {
  std::atomic<int> calls{0};
  Server s([&](const paper::HttpRequest&) {
    ++calls;
    HttpResponse r;
    r.drop = true;  // accepted, never answered
    return r;
  });
  auto client = MakeClient(s.origin()).value();
  auto read = client->Send(Request{"GET", "/api/v3/order", {}, ""});
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(calls, 2);  // one retry
  calls = 0;
  auto order = client->Send(Request{"POST", "/api/v3/order", {}, "symbol=BTCUSDT"});
  ASSERT_FALSE(order);
  EXPECT_EQ(order.error().code(), base::ErrorCode::kOutcomeUnknown);
  EXPECT_NE(order.error().message().find("do not send it again"), std::string::npos);
  EXPECT_EQ(calls, 1);  // never resent
}

TEST(HttpClient, ReadDeadlineAndSizeCap) {
  Server slow([](const paper::HttpRequest&) {
    HttpResponse r = Text("late");
    r.delay = std::chrono::milliseconds(400);
    return r;
  });
  Options quick;
  quick.read_timeout = std::chrono::milliseconds(100);
  quick.idempotent_retries = 0;
  auto late = MakeClient(slow.origin(), quick).value()->Send(Request{"GET", "/", {}, ""});
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message().find("timed out"), std::string::npos) << late.error();

  Server big([](const paper::HttpRequest&) { return Text(std::string(2 << 20, 'x')); });
  Options capped;
  capped.max_response_bytes = 1 << 20;
  auto huge = MakeClient(big.origin(), capped).value()->Send(Request{"GET", "/", {}, ""});
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code(), base::ErrorCode::kDataLoss);
}

TEST(HttpClient, ConnectionRefusedIsUnavailable) {
  uint16_t port;
  {
    Server gone([](const paper::HttpRequest&) { return Text(""); });
    port = gone.port();
  }
  auto r = MakeClient("http://127.0.0.1:" + std::to_string(port))
               .value()
               ->Send(Request{"POST", "/", {}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kUnavailable);  // nothing was sent, so not "unknown"
}

}  // namespace
}  // namespace amanah::transport
