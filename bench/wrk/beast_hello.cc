// beast_hello: the baseline for the paper exchange's wrk benchmark — a minimal HTTP/1.1
// keep-alive server written directly on Boost.Beast, sharing none of the project's code (not its
// HttpServer, not its handler plumbing), so the comparison measures what the paper exchange adds
// over the library itself. Answers every request with a small JSON body. Usage:
//   beast_hello PORT THREADS   (prints the bound port, serves until killed)
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto kToken = net::as_tuple(net::use_awaitable);

net::awaitable<void> Session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    auto [read_error, _] = co_await http::async_read(stream, buffer, request, kToken);
    if (read_error) break;
    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::server, "beast-hello");
    response.set(http::field::content_type, "application/json");
    response.body() = "{\"hello\":\"world\"}";
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    auto [write_error, __] = co_await http::async_write(stream, response, kToken);
    if (write_error || !response.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> Accept(tcp::acceptor& acceptor) {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(kToken);
    if (error) continue;
    socket.set_option(tcp::no_delay(true));
    auto executor = socket.get_executor();
    net::co_spawn(net::make_strand(executor), Session(std::move(socket)), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: beast_hello PORT THREADS\n";
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  int threads = std::max(1, std::atoi(argv[2]));
  net::io_context io(threads);
  tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  std::cout << acceptor.local_endpoint().port() << std::endl;
  net::co_spawn(io, Accept(acceptor), net::detached);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return 0;
}
