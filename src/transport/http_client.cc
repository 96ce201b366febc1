#include "transport/http_client.h"

#include <sys/socket.h>

#include <cerrno>
#include <mutex>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace amanah::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Error;
using base::ErrorCode;
using base::Result;

std::optional<std::string_view> Response::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

namespace {

// One connection: its own io_context so a blocking Send can run it with deadlines.
struct Connection {
  net::io_context io;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

// False when the peer has closed an idle connection (or sent something unasked, e.g. a TLS alert).
bool Alive(Connection& c) {
  char byte;
  ssize_t n = ::recv(c.lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

bool IsLoopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  return (!ec && address.is_loopback()) || host == "localhost";
}

}  // namespace

struct HttpClient::Impl {
  std::string host;
  std::string port;
  bool use_tls = false;
  Options options;
  std::unique_ptr<ssl::context> tls_context;
  std::mutex mutex;  // guards idle
  std::vector<std::unique_ptr<Connection>> idle;

  // Runs the connection's io_context until `done` or the deadline; returns false on timeout.
  template <typename Op>
  boost::system::error_code Run(Connection& c, std::chrono::milliseconds deadline, Op op) {
    boost::system::error_code result = net::error::would_block;
    c.lowest().expires_after(deadline);
    op(result);
    c.io.restart();
    c.io.run();
    return result;
  }

  Result<std::unique_ptr<Connection>> Open() {
    auto c = std::make_unique<Connection>();
    tcp::resolver resolver(c->io);
    boost::system::error_code ec;
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return Error(ErrorCode::kUnavailable, "cannot resolve " + host + ": " + ec.message());
    if (use_tls) {
      c->tls.emplace(c->io, *tls_context);
    } else {
      c->plain.emplace(c->io);
    }
    ec = Run(*c, options.connect_timeout, [&](boost::system::error_code& out) {
      c->lowest().async_connect(
          endpoints, [&](boost::system::error_code e, const tcp::endpoint&) { out = e; });
    });
    if (ec)
      return Error(ErrorCode::kUnavailable,
                   "cannot connect to " + host + ":" + port + ": " +
                       (ec == beast::error::timeout ? std::string("timed out") : ec.message()));
    c->lowest().socket().set_option(tcp::no_delay(true));
    if (use_tls) {
      if (!SSL_set_tlsext_host_name(c->tls->native_handle(), host.c_str()))
        return Error(ErrorCode::kInternal, "cannot set TLS SNI");
      c->tls->set_verify_callback(ssl::host_name_verification(host));
      ec = Run(*c, options.connect_timeout, [&](boost::system::error_code& out) {
        c->tls->async_handshake(ssl::stream_base::client,
                                [&](boost::system::error_code e) { out = e; });
      });
      if (ec)
        return Error(ErrorCode::kUnavailable,
                     "TLS handshake with " + host + " failed: " + ec.message() +
                         " (is the certificate trusted and issued for this host?)");
    }
    return c;
  }

  // Sends on `c`; `reusable` says whether the connection may serve another request.
  Result<Response> Exchange(Connection& c, const Request& request, bool& reusable) {
    http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "amanah");
    for (const auto& [k, v] : request.headers) req.set(k, v);
    req.body() = request.body;
    req.keep_alive(true);
    req.prepare_payload();
    boost::system::error_code ec =
        Run(c, options.read_timeout, [&](boost::system::error_code& out) {
          auto done = [&](boost::system::error_code e, size_t) { out = e; };
          if (c.tls) {
            http::async_write(*c.tls, req, done);
          } else {
            http::async_write(*c.plain, req, done);
          }
        });
    if (ec)
      return Error(ErrorCode::kUnavailable, "sending to " + host + " failed: " + ec.message());
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_response_bytes);
    ec = Run(c, options.read_timeout, [&](boost::system::error_code& out) {
      auto done = [&](boost::system::error_code e, size_t) { out = e; };
      if (c.tls) {
        http::async_read(*c.tls, c.buffer, parser, done);
      } else {
        http::async_read(*c.plain, c.buffer, parser, done);
      }
    });
    reusable = false;
    if (ec == http::error::body_limit)
      return Error(ErrorCode::kDataLoss, "response from " + host + " is larger than " +
                                             std::to_string(options.max_response_bytes) + " bytes");
    if (ec)
      return Error(ErrorCode::kUnavailable,
                   "no response from " + host + ": " +
                       (ec == beast::error::timeout ? std::string("timed out") : ec.message()));
    auto msg = parser.release();
    Response response;
    response.status = msg.result_int();
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      response.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    response.body = std::move(msg.body());
    reusable = msg.keep_alive();
    return response;
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

const std::string& HttpClient::host() const { return impl_->host; }

Result<std::unique_ptr<HttpClient>> HttpClient::Create(std::string_view origin, Options options) {
  auto url = boost::urls::parse_absolute_uri(origin);
  if (!url) return Error(ErrorCode::kInvalidArgument, "not a URL: " + std::string(origin));
  auto impl = std::make_unique<Impl>();
  std::string scheme(url->scheme());
  impl->host = std::string(url->host());
  impl->use_tls = scheme == "https";
  if (!impl->use_tls && scheme != "http")
    return Error(ErrorCode::kInvalidArgument, "the URL must be https:// (or http:// to loopback)");
  if (!impl->use_tls && !IsLoopback(impl->host))
    return Error(ErrorCode::kInvalidArgument,
                 "plain http is allowed only to loopback; use https:// for " + impl->host);
  impl->port = url->has_port() ? std::string(url->port()) : (impl->use_tls ? "443" : "80");
  impl->options = std::move(options);
  if (impl->use_tls) {
    impl->tls_context = std::make_unique<ssl::context>(ssl::context::tls_client);
    impl->tls_context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                                   ssl::context::no_tlsv1_1);
    impl->tls_context->set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (impl->options.ca_file.empty()) {
      impl->tls_context->set_default_verify_paths(ec);
    } else {
      impl->tls_context->load_verify_file(impl->options.ca_file, ec);
    }
    if (ec)
      return Error(ErrorCode::kFailedPrecondition,
                   "cannot load trusted certificates: " + ec.message());
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

Result<Response> HttpClient::Send(const Request& request) {
  // Reads are retried when the connection failed; anything else is sent at most once, because a
  // lost answer does not mean the exchange did not act (an order may exist): the caller settles it.
  bool idempotent = request.method == "GET";
  int attempts = 1 + (idempotent ? impl_->options.idempotent_retries : 0);
  Error last(ErrorCode::kUnavailable, "not sent");
  for (int attempt = 0; attempt < attempts; ++attempt) {
    std::unique_ptr<Connection> c;
    {
      std::lock_guard lock(impl_->mutex);
      while (!impl_->idle.empty() && !c) {
        c = std::move(impl_->idle.back());
        impl_->idle.pop_back();
        if (!Alive(*c)) c.reset();  // the server closed it while idle
      }
    }
    if (!c) {
      auto opened = impl_->Open();
      if (!opened) {
        last = opened.error();  // nothing was sent
        continue;
      }
      c = std::move(*opened);
    }
    bool reusable = true;
    auto response = impl_->Exchange(*c, request, reusable);
    if (response) {
      if (reusable) {
        std::lock_guard lock(impl_->mutex);
        if (impl_->idle.size() < impl_->options.max_idle_connections)
          impl_->idle.push_back(std::move(c));
      }
      return response;
    }
    last = response.error();
    if (last.code() == ErrorCode::kDataLoss) return last;
    if (!idempotent) {
      return Error(
          ErrorCode::kOutcomeUnknown,
          last.message() + "; the request may have been executed: query it, do not send it again");
    }
  }
  return last;
}

}  // namespace amanah::transport
