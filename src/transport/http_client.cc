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

#include "base/wipe.h"
#include "transport/stream_connect.h"

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

// False when the peer has closed an idle connection (or sent something unasked, e.g. a TLS alert).
bool Alive(Connection& c) {
  char byte;
  ssize_t n = ::recv(c.lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

Result<void> CheckOrigin(std::string_view origin) {
  AMANAH_TRY(ParseEndpoint(origin, UrlKind::kOrigin));
  return {};
}

struct HttpClient::Impl {
  net::any_io_executor executor;
  Endpoint origin;
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
    co_return co_await OpenConnection(executor, origin, tls_context.get(), options.connect_timeout);
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
  AMANAH_ASSIGN_OR_RETURN(Endpoint parsed, ParseEndpoint(origin, UrlKind::kOrigin));
  auto impl = std::make_unique<Impl>();
  impl->executor = std::move(executor);
  impl->origin = std::move(parsed);
  impl->options = std::move(options);
  if (impl->origin.tls) {
    AMANAH_ASSIGN_OR_RETURN(impl->tls_context, MakeClientTls(impl->options.ca_file));
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
