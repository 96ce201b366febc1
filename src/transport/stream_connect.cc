#include "transport/stream_connect.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/url/parse.hpp>

namespace amanah::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr auto kConnectTuple = net::as_tuple(net::use_awaitable);

bool IsLoopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  return (!ec && address.is_loopback()) || host == "localhost";
}

}  // namespace

std::string Describe(const boost::system::error_code& ec) {
  return ec == beast::error::timeout ? std::string("timed out") : ec.message();
}

Result<Endpoint> ParseEndpoint(std::string_view text, UrlKind kind) {
  const bool origin = kind == UrlKind::kOrigin;
  auto url = boost::urls::parse_absolute_uri(text);
  if (!url) return Error(ErrorCode::kInvalidArgument, "not a URL: " + std::string(text));
  if (url->has_userinfo()) {
    return Error(ErrorCode::kInvalidArgument,
                 "the URL must not carry a user name or password (user:password@host)");
  }
  if (origin && !url->encoded_path().empty() && url->encoded_path() != "/") {
    return Error(ErrorCode::kInvalidArgument,
                 "the URL must be an origin (scheme://host[:port]) without a path");
  }
  if ((origin && url->has_query()) || url->has_fragment()) {
    return Error(ErrorCode::kInvalidArgument, "the URL must not carry a query or a fragment");
  }
  Endpoint out;
  const std::string scheme(url->scheme());
  const std::string secure = origin ? "https" : "wss";
  const std::string plain = origin ? "http" : "ws";
  out.host = std::string(url->host());
  // An IPv6 literal is written in brackets ("[::1]"); resolving and loopback checks want none.
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  out.tls = scheme == secure;
  if (!out.tls && scheme != plain) {
    return Error(ErrorCode::kInvalidArgument,
                 "the URL must be " + secure + ":// (or " + plain + ":// to loopback)");
  }
  if (out.host.empty()) return Error(ErrorCode::kInvalidArgument, "the URL has no host");
  if (!out.tls && !IsLoopback(out.host))
    return Error(
        ErrorCode::kInvalidArgument,
        "plain " + plain + " is allowed only to loopback; use " + secure + ":// for " + out.host);
  out.port = url->has_port() ? std::string(url->port()) : (out.tls ? "443" : "80");
  if (!origin) {
    out.target = url->encoded_path().empty() ? "/" : std::string(url->encoded_path());
    if (url->has_query()) out.target += "?" + std::string(url->encoded_query());
  }
  return out;
}

Result<std::unique_ptr<ssl::context>> MakeClientTls(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  context->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (ca_file.empty()) {
    context->set_default_verify_paths(ec);
  } else {
    context->load_verify_file(ca_file, ec);
  }
  if (ec) {
    return Error(ErrorCode::kFailedPrecondition,
                 "cannot load trusted certificates: " + ec.message());
  }
  return context;
}

net::awaitable<Result<std::unique_ptr<Connection>>> OpenConnection(
    net::any_io_executor executor, const Endpoint& endpoint, ssl::context* tls_context,
    std::chrono::milliseconds timeout) {
  const std::string& host = endpoint.host;
  auto c = std::make_unique<Connection>();
  tcp::resolver resolver(executor);
  auto [rec, endpoints] = co_await resolver.async_resolve(host, endpoint.port, kConnectTuple);
  if (rec)
    co_return Error(ErrorCode::kUnavailable, "cannot resolve " + host + ": " + rec.message());
  // Each connection on a strand of its own: a stream's operation and its deadline timer may
  // complete on different threads of a multi-threaded io_context, and must not run together.
  auto strand = net::make_strand(executor);
  if (endpoint.tls) {
    if (tls_context == nullptr) co_return Error(ErrorCode::kInternal, "no TLS context");
    c->tls.emplace(strand, *tls_context);
  } else {
    c->plain.emplace(strand);
  }
  c->lowest().expires_after(timeout);
  auto [cec, ep] = co_await c->lowest().async_connect(endpoints, kConnectTuple);
  (void)ep;
  if (cec) {
    co_return Error(ErrorCode::kUnavailable,
                    "cannot connect to " + host + ":" + endpoint.port + ": " + Describe(cec));
  }
  c->lowest().socket().set_option(tcp::no_delay(true));
  if (endpoint.tls) {
    if (!SSL_set_tlsext_host_name(c->tls->native_handle(), host.c_str()))
      co_return Error(ErrorCode::kInternal, "cannot set TLS SNI");
    c->tls->set_verify_callback(ssl::host_name_verification(host));
    c->lowest().expires_after(timeout);
    auto [hec] = co_await c->tls->async_handshake(ssl::stream_base::client, kConnectTuple);
    if (hec) {
      co_return Error(ErrorCode::kUnavailable,
                      "TLS handshake with " + host + " failed: " + hec.message() +
                          " (is the certificate trusted and issued for this host?)");
    }
  }
  c->lowest().expires_never();
  co_return std::move(c);
}

}  // namespace amanah::transport
