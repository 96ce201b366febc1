// `amanah serve` as its own process: first-run setup token, login and an authenticated call over
// real HTTP on 127.0.0.1 (port 0, read from --port-file), JSON-lines request logs, refusal of plain
// HTTP beyond loopback, and a graceful stop on SIGTERM (exit 0).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "testing/paper_server.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

namespace http = boost::beast::http;
using ::testing::HasSubstr;
using ::testing::Not;

struct Answer {
  unsigned status = 0;
  std::string body;
  std::string set_cookie;
};

Answer Send(uint16_t port, http::verb method, const std::string& target, const std::string& body,
            const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return {res.result_int(), res.body(), std::string(res[http::field::set_cookie])};
}

constexpr std::string_view kNoKeys =
    R"({"markets": [], "accounts": [{"name": "a", "balances": {"USDT": "1"}}], "keys": []})";

class ServeProcessTest : public ::testing::Test {
 protected:
  explicit ServeProcessTest(std::string_view scenario = kNoKeys) : paper_(scenario) {
    ::setenv("AMANAH_BINANCE_ENDPOINT", paper_.url().c_str(), 1);
    ::setenv("AMANAH_PASSWORD_MEMORY_KIB", "8", 1);
    ::setenv("AMANAH_PASSWORD_ITERATIONS", "1", 1);
    ::setenv("AMANAH_LOG_JSON", "true", 1);
  }
  ~ServeProcessTest() override {
    for (const char* v : {"AMANAH_BINANCE_ENDPOINT", "AMANAH_PASSWORD_MEMORY_KIB",
                          "AMANAH_PASSWORD_ITERATIONS", "AMANAH_LOG_JSON"}) {
      ::unsetenv(v);
    }
  }
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::AmanahBinary(), "--data-dir", dir_.File("data")});
    return args;
  }
  int Run(std::vector<std::string> args, std::string* out = nullptr) {
    return testing::RunAmanah(dir_.File("data"), dir_.File("run"), std::move(args), out);
  }
  /// Starts `amanah serve` on port 0 and waits until it listens; its port.
  uint16_t Serve(std::optional<testing::Process>& process) {
    const std::string port_file = dir_.File("port");
    std::remove(port_file.c_str());
    process.emplace(Args({"serve", "--listen", "127.0.0.1:0", "--port-file", port_file}),
                    dir_.File("serve"));
    for (int i = 0; i < 500; ++i) {
      std::ifstream in(port_file);
      int port = 0;
      if (in >> port && port > 0) return static_cast<uint16_t>(port);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "amanah serve did not start: " << process->err();
    return 0;
  }

  testing::TempDir dir_;
  testing::PaperServer paper_;
};

TEST_F(ServeProcessTest, FirstRunSetupLoginAndAGracefulStop) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  std::optional<testing::Process> serve;
  const uint16_t port = Serve(serve);
  ASSERT_NE(port, 0);
  EXPECT_EQ(Send(port, http::verb::get, "/healthz", "").status, 200u);
  // The one-time setup token is printed at first start.
  std::string err;
  for (int i = 0; i < 100 && err.find("setup_token") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    err = serve->err();
  }
  const size_t at = err.find("\"setup_token\": \"");
  ASSERT_NE(at, std::string::npos) << err;
  const std::string token = err.substr(at + 16, err.find('"', at + 16) - at - 16);
  Answer setup =
      Send(port, http::verb::post, "/api/v1/setup",
           boost::json::serialize(boost::json::object{{"setup_token", token},
                                                      {"tenant", "home"},
                                                      {"name", "fatima"},
                                                      {"password", "a long passphrase"}}));
  ASSERT_EQ(setup.status, 201u) << setup.body;
  const std::string cookie = setup.set_cookie.substr(0, setup.set_cookie.find(';'));
  Answer list = Send(port, http::verb::get, "/api/v1/connections", "", {{"Cookie", cookie}});
  EXPECT_EQ(list.status, 200u);
  EXPECT_EQ(list.body, "[]");
  // SIGTERM: it stops accepting, finishes, and exits 0.
  serve->Signal(SIGTERM);
  EXPECT_EQ(serve->Wait(), 0) << serve->err();
  err = serve->err();
  EXPECT_THAT(err, HasSubstr("amanah: serving http://127.0.0.1:" + std::to_string(port)));
  EXPECT_THAT(err, HasSubstr(R"("route":"/api/v1/connections","status":200)"));
  EXPECT_EQ(err.find("a long passphrase"), std::string::npos);
}

TEST_F(ServeProcessTest, PlainHttpBeyondLoopbackIsRefusedAndUsersComeFromTheCli) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  std::string out;
  EXPECT_EQ(Run({"serve", "--listen", "0.0.0.0:0"}, &out), 1);
  EXPECT_THAT(out, HasSubstr("refusing plain HTTP on 0.0.0.0"));
  const std::string password = dir_.File("password");
  const std::string secret =
      testing::CreateOwnerToken(dir_.File("data"), dir_.File("run"), password, "read", out);
  ASSERT_FALSE(secret.empty()) << out;
  EXPECT_THAT(secret, ::testing::StartsWith("amanah_pat_"));
  std::optional<testing::Process> serve;
  const uint16_t port = Serve(serve);
  ASSERT_NE(port, 0);
  Answer me =
      Send(port, http::verb::get, "/api/v1/me", "", {{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(me.status, 200u);
  EXPECT_THAT(me.body, HasSubstr(R"("name":"amina")"));
  // The CLI against the daemon: the same JSON the API answers, with the token from the environment.
  const std::string server = "http://127.0.0.1:" + std::to_string(port);
  ::setenv("AMANAH_TOKEN", secret.c_str(), 1);
  std::string remote;
  EXPECT_EQ(Run({"--server", server, "connections", "--json"}, &remote), 0) << remote;
  Answer direct = Send(port, http::verb::get, "/api/v1/connections", "",
                       {{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(remote, direct.body + "\n");
  EXPECT_EQ(Run({"--server", server, "screen", "BTC", "--json"}, &remote), 0);
  EXPECT_THAT(remote, HasSubstr(R"("subject":"BTC")"));
  // And the same text: both forms render the same answer (cli/answer.h).
  std::string local;
  for (std::vector<std::string> command :
       {std::vector<std::string>{"screen", "BTC", "AAVE", "BTCUSDT"},
        std::vector<std::string>{"screen", "explain", "RIBA-4H"},
        std::vector<std::string>{"connections"}}) {
    ASSERT_EQ(Run(command, &local), 0) << local;
    command.insert(command.begin(), {"--server", server});
    EXPECT_EQ(Run(command, &remote), 0) << remote;
    EXPECT_EQ(remote, local) << command[2];
  }
  EXPECT_THAT(remote, HasSubstr("No connections."));
  // A read token cannot place an order: refused by the daemon, exit 1 with the problem's detail.
  EXPECT_EQ(
      Run({"--server", server, "order", "main", "buy", "BTCUSDT", "0.01", "--limit", "1"}, &remote),
      1);
  EXPECT_THAT(remote, HasSubstr("not scoped \"trade\" (HTTP 403)"));
  // Local-only commands say so instead of touching this host's store.
  EXPECT_EQ(Run({"--server", server, "vault", "status"}, &remote), 1);
  EXPECT_THAT(remote, HasSubstr("works on the local data directory only"));
  ::unsetenv("AMANAH_TOKEN");
  EXPECT_EQ(Run({"--server", server, "connections"}, &remote), 1);
  EXPECT_THAT(remote, HasSubstr("AMANAH_TOKEN"));
  // A user exists: no setup token is printed.
  serve->Signal(SIGTERM);
  EXPECT_EQ(serve->Wait(), 0);
  EXPECT_EQ(serve->err().find("setup_token"), std::string::npos);
}

// `amanah serve` follows each Binance connection's user data stream: it subscribes at start, and
// an order placed behind Amanah's back suspends the key within seconds, long before the polling
// reconciliation (every 5 minutes by default) would have run.
class ServeStreamTest : public ServeProcessTest {
 protected:
  ServeStreamTest()
      : ServeProcessTest(R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01",
               "step_size": "0.00001", "min_notional": "5", "start_price": "65000.00",
               "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}}],
  "keys": [{"name": "main", "account": "aisha",
            "permissions": {"reading": true, "spot_and_margin_trading": true},
            "ip_whitelist": ["127.0.0.1"]}]})") {
    ::setenv("AMANAH_EGRESS_IPS", "127.0.0.1", 1);
  }
  ~ServeStreamTest() override { ::unsetenv("AMANAH_EGRESS_IPS"); }

  /// GET /api/v1/connections until its body contains `want` (at most `limit`); the last body.
  std::string WaitForConnections(uint16_t port, const std::string& token, std::string_view want,
                                 std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::string body;
    while (std::chrono::steady_clock::now() < deadline) {
      body = Send(port, http::verb::get, "/api/v1/connections", "",
                  {{"Authorization", "Bearer " + token}})
                 .body;
      if (body.find(want) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return body;
  }
};

TEST_F(ServeStreamTest, AForeignOrderSuspendsTheKeyFromTheStream) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  const std::string key_file = dir_.File("main.key");
  paper_.WriteKeyFile("main", key_file);
  std::string out;
  ASSERT_EQ(Run({"connect", "binance", "--label", "main", "--key-file", key_file, "--base-url",
                 paper_.url()},
                &out),
            0)
      << out;
  const std::string token = testing::CreateOwnerToken(dir_.File("data"), dir_.File("run"),
                                                      dir_.File("password"), "read", out);
  ASSERT_FALSE(token.empty()) << out;
  std::optional<testing::Process> serve;
  const uint16_t port = Serve(serve);
  ASSERT_NE(port, 0);

  // The daemon subscribes the connection to its stream at start: the paper exchange sees the
  // account watched.
  auto watched = [&] {
    auto lock = paper_.exchange().Lock();
    const auto* key = paper_.exchange().FindKey(paper_.key("main").api_key);
    return key != nullptr && paper_.exchange().events().Watched(key->account);
  };
  for (int i = 0; i < 750 && !watched(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(watched()) << serve->err();
  std::string body = WaitForConnections(port, token, R"("live":true)", std::chrono::seconds(5));
  EXPECT_THAT(body, HasSubstr(R"("status":"active")"));
  // The API shows the stream that follows the connection: live, one subscription, no event yet.
  EXPECT_THAT(body, HasSubstr(R"("stream":{"live":true,"events":0,"subscriptions":1})")) << body;

  const auto placed = std::chrono::steady_clock::now();
  {
    auto lock = paper_.exchange().Lock();
    paper::NewOrder o;
    o.symbol = "BTCUSDT";
    o.side = paper::Side::kSell;
    o.type = paper::OrderType::kLimit;
    o.quantity = base::Decimal::Parse("0.01").value();
    o.price = base::Decimal::Parse("70000").value();
    o.client_order_id = "x-thief-0001";
    o.placed_by_admin = true;
    auto* key = paper_.exchange().FindKey(paper_.key("main").api_key);
    ASSERT_TRUE(key);
    ASSERT_TRUE(paper_.exchange().PlaceOrder(key->account, o));
  }
  body = WaitForConnections(port, token, R"("status":"suspended")", std::chrono::seconds(10));
  EXPECT_THAT(body, HasSubstr(R"("status":"suspended")")) << serve->err();
  // The suspension came from the stream's event (a suspended key's account is still watched).
  EXPECT_THAT(body, HasSubstr(R"("stream":{"live":true,"events":)")) << body;
  EXPECT_THAT(body, Not(HasSubstr(R"("events":0)"))) << body;
  std::cout << "amanah serve: foreign order to suspension, through the stream: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - placed)
                   .count()
            << " ms (polling would wait up to 5 min)\n";
  serve->Signal(SIGTERM);
  EXPECT_EQ(serve->Wait(), 0) << serve->err();
}

}  // namespace
}  // namespace amanah::cli
