// Paper exchange over HTTP/1.1 keep-alive on loopback: signed Binance orders per second (HMAC
// verified, matched, settled, answered with the FULL response) against a hello-world handler on
// the same Beast server in the same run. Target: ≥ 20k signed orders/s on 2 cores
// (ARCHITECTURE.md §6). The load generator is deliberately the cheapest possible (pre-signed
// request bytes, blocking sockets, one thread per connection) so the server's cost dominates; it
// shares the machine's 2 cores with the server, which the figures include. Its hello-world is
// this project's own HttpServer with an empty handler, so it flatters the paper exchange: the
// comparison with an independent Beast server under wrk is bench/wrk/paper_wrk.sh.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstring>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "http/http_server.h"
#include "paper_bench_exchange.h"

namespace amanah::paper {
namespace {

constexpr int kConnections = 4;

struct Servers {
  Servers() : paper(clock, 2) {
    api = std::make_unique<HttpServer>(io, paper.stage.Handler());
    hello = std::make_unique<HttpServer>(io, [](const HttpRequest&) {
      HttpResponse r;
      r.body = "{}";
      return r;
    });
    api_port = *api->Listen("127.0.0.1", 0);
    hello_port = *hello->Listen("127.0.0.1", 0);
    thread = std::thread([this] { io.run(); });
  }
  ~Servers() {
    io.stop();
    thread.join();
  }
  base::RealClock clock;
  bench::PaperBenchExchange paper;
  boost::asio::io_context io{1};
  std::unique_ptr<HttpServer> api;
  std::unique_ptr<HttpServer> hello;
  uint16_t api_port = 0;
  uint16_t hello_port = 0;
  std::thread thread;
};

Servers& Shared() {
  static Servers servers;
  return servers;
}

std::string SignedOrder(bool buy) {
  return "POST /api/v3/order?" +
         bench::SignedOrderQuery(buy, base::UnixMillis(std::chrono::system_clock::now())) +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-MBX-APIKEY: " + std::string(bench::kKey) +
         "\r\nContent-Length: 0\r\n\r\n";
}

int Connect(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) std::abort();
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Sends `request`, reads one whole response; returns its status code (0 on failure).
int RoundTrip(int fd, const std::string& request, std::string& buffer) {
  if (::send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size()))
    return 0;
  buffer.clear();
  size_t need = std::string::npos;
  char chunk[16384];
  while (need == std::string::npos || buffer.size() < need) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t end = buffer.find("\r\n\r\n");
    if (need == std::string::npos && end != std::string::npos) {
      size_t at = buffer.find("Content-Length: ");
      if (at == std::string::npos) at = buffer.find("content-length: ");
      need = end + 4 + std::strtoul(buffer.c_str() + at + 16, nullptr, 10);
    }
  }
  return std::atoi(buffer.c_str() + 9);
}

void RunRequests(benchmark::State& state, uint16_t port, bool orders) {
  std::string hello = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
  for (auto _ : state) {
    std::atomic<int64_t> done{0};
    std::atomic<int64_t> failed{0};
    const int64_t per_connection = state.range(0) / kConnections;
    std::vector<std::thread> clients;
    for (int c = 0; c < kConnections; ++c) {
      clients.emplace_back([&, c] {
        int fd = Connect(port);
        std::string requests[2] = {orders ? SignedOrder(true) : hello,
                                   orders ? SignedOrder(false) : hello};
        std::string buffer;
        for (int64_t i = 0; i < per_connection; ++i) {
          int status = RoundTrip(fd, requests[(i + c) & 1], buffer);
          (status == 200 ? done : failed)++;
        }
        ::close(fd);
      });
    }
    for (auto& t : clients) t.join();
    if (failed > 0)
      state.SkipWithError(("failed requests: " + std::to_string(failed.load())).c_str());
    state.SetItemsProcessed(state.items_processed() + done.load());
  }
}

void BM_HelloWorldBeast(benchmark::State& state) { RunRequests(state, Shared().hello_port, false); }
void BM_SignedOrdersBinance(benchmark::State& state) {
  RunRequests(state, Shared().api_port, true);
}

BENCHMARK(BM_HelloWorldBeast)
    ->Arg(20000)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_SignedOrdersBinance)
    ->Arg(20000)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace amanah::paper
