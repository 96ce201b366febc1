// HttpClient: sends HTTP/1.1 requests to one origin as Asio coroutines and returns whole responses
// — HTTPS over OpenSSL (SNI, verify_peer against the system CA store or a given CA file, host-name
// check) or plain HTTP (allowed only to loopback addresses, for the paper exchange), with a
// keep-alive pool, connect and read deadlines, a response-size cap, and retries only for idempotent
// reads that failed before any byte of a response arrived. It knows no exchange. Thread-safe: its
// coroutines may run on every thread of the executor's io_context at once; each takes a pooled
// connection or opens one, so one connection never carries two requests at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "base/result.h"
#include "transport/http_sender.h"

namespace amanah::transport {

struct Options {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
  size_t max_response_bytes = 8 << 20;
  int idempotent_retries = 1;  ///< extra attempts for GET when the connection failed
  std::string ca_file;  ///< PEM bundle to trust instead of the system store (tests, self-signed)
  size_t max_idle_connections = 4;
};

class HttpClient final : public HttpSender {
 public:
  /// `origin` is "https://host[:port]" or "http://127.0.0.1:port" (plain HTTP only to loopback);
  /// user information ("user:password@") and paths are refused. I/O runs on `executor`.
  static base::Result<std::unique_ptr<HttpClient>> Create(boost::asio::any_io_executor executor,
                                                          std::string_view origin,
                                                          Options options = {});
  ~HttpClient() override;

  boost::asio::awaitable<base::Result<Response>> Send(Request request) override;

  const std::string& host() const;

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Checks that `origin` is one HttpClient accepts (scheme, loopback rule, no user information, no
/// path), without opening anything.
base::Result<void> CheckOrigin(std::string_view origin);

}  // namespace amanah::transport
