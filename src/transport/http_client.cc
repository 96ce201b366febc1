#include "transport/http_client.h"

#include <sys/socket.h>

#include <cerrno>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "base/wipe.h"

namespace amanah::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr auto kTuple = net::as_tuple(net::use_awaitable);

struct Connection {
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

std::string Describe(const boost::system::error_code& ec) {
  return ec == beast::error::timeout ? std::string("timed out") : ec.message();
}

struct ParsedOrigin {
  std::string host, port;
  bool tls = false;
};

Result<ParsedOrigin> ParseOrigin(std::string_view origin) {
  auto url = boost::urls::parse_absolute_uri(origin);
  if (!url) return Error(ErrorCode::kInvalidArgument, "not a URL: " + std::string(origin));
  if (url->has_userinfo()) {
    return Error(ErrorCode::kInvalidArgument,
                 "the URL must not carry a user name or password (user:password@host)");
  }
  if (!url->encoded_path().empty() && url->encoded_path() != "/") {
    return Error(ErrorCode::kInvalidArgument,
                 "the URL must be an origin (scheme://host[:port]) without a path");
  }
  if (url->has_query() || url->has_fragment()) {
    return Error(ErrorCode::kInvalidArgument, "the URL must not carry a query or a fragment");
  }
  ParsedOrigin out;
  const std::string scheme(url->scheme());
  out.host = std::string(url->host());
  out.tls = scheme == "https";
  if (!out.tls && scheme != "http")
    return Error(ErrorCode::kInvalidArgument, "the URL must be https:// (or http:// to loopback)");
  if (out.host.empty()) return Error(ErrorCode::kInvalidArgument, "the URL has no host");
  if (!out.tls && !IsLoopback(out.host))
    return Error(ErrorCode::kInvalidArgument,
                 "plain http is allowed only to loopback; use https:// for " + out.host);
  out.port = url->has_port() ? std::string(url->port()) : (out.tls ? "443" : "80");
  return out;
}

}  // namespace

Result<void> CheckOrigin(std::string_view origin) {
  AMANAH_TRY(ParseOrigin(origin));
  return {};
}

struct HttpClient::Impl {
  net::any_io_executor executor;
  ParsedOrigin origin;
  Options options;
  std::unique_ptr<ssl::context> tls_context;
  std::mutex mutex;  // guards idle
  std::vector<std::unique_ptr<Connection>> idle;

  std::unique_ptr<Connection> TakeIdle() {
    std::lock_guard lock(mutex);
    while (!idle.empty()) {
      std::unique_ptr<Connection> c = std::move(idle.back());
      idle.pop_back();
      if (Alive(*c)) return c;  // else the server closed it while idle
    }
    return nullptr;
  }

  void GiveBack(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mutex);
    if (idle.size() < options.max_idle_connections) idle.push_back(std::move(c));
  }

  net::awaitable<Result<std::unique_ptr<Connection>>> Open() {
    const std::string& host = origin.host;
    auto c = std::make_unique<Connection>();
    tcp::resolver resolver(executor);
    auto [rec, endpoints] = co_await resolver.async_resolve(host, origin.port, kTuple);
    if (rec)
      co_return Error(ErrorCode::kUnavailable, "cannot resolve " + host + ": " + rec.message());
    // Each connection on a strand of its own: a stream's operation and its deadline timer may
    // complete on different threads of a multi-threaded io_context, and must not run together.
    auto strand = net::make_strand(executor);
    if (origin.tls) {
      c->tls.emplace(strand, *tls_context);
    } else {
      c->plain.emplace(strand);
    }
    c->lowest().expires_after(options.connect_timeout);
    auto [cec, ep] = co_await c->lowest().async_connect(endpoints, kTuple);
    (void)ep;
    if (cec) {
      co_return Error(ErrorCode::kUnavailable,
                      "cannot connect to " + host + ":" + origin.port + ": " + Describe(cec));
    }
    c->lowest().socket().set_option(tcp::no_delay(true));
    if (origin.tls) {
      if (!SSL_set_tlsext_host_name(c->tls->native_handle(), host.c_str()))
        co_return Error(ErrorCode::kInternal, "cannot set TLS SNI");
      c->tls->set_verify_callback(ssl::host_name_verification(host));
      c->lowest().expires_after(options.connect_timeout);
      auto [hec] = co_await c->tls->async_handshake(ssl::stream_base::client, kTuple);
      if (hec) {
        co_return Error(ErrorCode::kUnavailable,
                        "TLS handshake with " + host + " failed: " + hec.message() +
                            " (is the certificate trusted and issued for this host?)");
      }
    }
    co_return std::move(c);
  }

  // Sends on `c`; `reusable` says whether the connection may serve another request.
  net::awaitable<Result<Response>> Exchange(Connection& c, const Request& request, bool& reusable) {
    const std::string& host = origin.host;
    reusable = false;
    http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "amanah");
    for (const auto& [k, v] : request.headers) req.set(k, v);
    req.body() = request.body;
    req.keep_alive(true);
    req.prepare_payload();
    c.lowest().expires_after(options.read_timeout);
    boost::system::error_code wec;
    if (c.tls) {
      std::tie(wec, std::ignore) = co_await http::async_write(*c.tls, req, kTuple);
    } else {
      std::tie(wec, std::ignore) = co_await http::async_write(*c.plain, req, kTuple);
    }
    // The copy sent held the key's signature headers and, through --server, a secret in the body.
    base::Wipe(req.body());
    base::WipeFieldValues(req.base());
    if (wec)
      co_return Error(ErrorCode::kUnavailable, "sending to " + host + " failed: " + wec.message());
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_response_bytes);
    c.lowest().expires_after(options.read_timeout);
    boost::system::error_code rec;
    if (c.tls) {
      std::tie(rec, std::ignore) = co_await http::async_read(*c.tls, c.buffer, parser, kTuple);
    } else {
      std::tie(rec, std::ignore) = co_await http::async_read(*c.plain, c.buffer, parser, kTuple);
    }
    if (rec == http::error::body_limit) {
      co_return Error(ErrorCode::kDataLoss, "response from " + host + " is larger than " +
                                                std::to_string(options.max_response_bytes) +
                                                " bytes");
    }
    if (rec)
      co_return Error(ErrorCode::kUnavailable, "no response from " + host + ": " + Describe(rec));
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
    co_return response;
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

const std::string& HttpClient::host() const { return impl_->origin.host; }

Result<std::unique_ptr<HttpClient>> HttpClient::Create(net::any_io_executor executor,
                                                       std::string_view origin, Options options) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrigin parsed, ParseOrigin(origin));
  auto impl = std::make_unique<Impl>();
  impl->executor = std::move(executor);
  impl->origin = std::move(parsed);
  impl->options = std::move(options);
  if (impl->origin.tls) {
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

net::awaitable<Result<Response>> HttpClient::Send(Request request) {
  // Reads are retried when the connection failed; anything else is sent at most once, because a
  // lost answer does not mean the exchange did not act (an order may exist): the caller settles it.
  // The caller's request is this frame's own: wiped when it ends, whatever the outcome.
  struct WipeRequest {
    Request& r;
    ~WipeRequest() {
      base::Wipe(r.body);
      for (auto& [name, value] : r.headers) base::Wipe(value);
    }
  } wipe_request{request};
  const bool idempotent = request.method == "GET";
  const int attempts = 1 + (idempotent ? impl_->options.idempotent_retries : 0);
  Error last(ErrorCode::kUnavailable, "not sent");
  for (int attempt = 0; attempt < attempts; ++attempt) {
    std::unique_ptr<Connection> c = impl_->TakeIdle();
    if (!c) {
      auto opened = co_await impl_->Open();
      if (!opened) {
        last = opened.error();  // nothing was sent
        continue;
      }
      c = std::move(*opened);
    }
    bool reusable = false;
    auto response = co_await impl_->Exchange(*c, request, reusable);
    if (response) {
      if (reusable) impl_->GiveBack(std::move(c));
      co_return response;
    }
    last = response.error();
    if (last.code() == ErrorCode::kDataLoss) co_return last;
    if (!idempotent) {
      co_return Error(
          ErrorCode::kOutcomeUnknown,
          last.message() + "; the request may have been executed: query it, do not send it again");
    }
  }
  co_return last;
}

}  // namespace amanah::transport
