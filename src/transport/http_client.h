// HttpClient: sends HTTP/1.1 requests to one origin and returns whole responses — HTTPS over
// OpenSSL (SNI, verify_peer against the system CA store or a given CA file, host-name check) or
// plain HTTP (allowed only to loopback addresses, for the paper exchange), with a keep-alive pool,
// connect and read deadlines, a response-size cap, and retries only for idempotent reads that
// failed before any byte of a response arrived. It knows no exchange. Thread-safe: concurrent
// Send calls each take a pooled connection or open one.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace amanah::transport {

struct Request {
  std::string method;  ///< "GET", "POST", "DELETE"
  std::string target;  ///< path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
};

struct Options {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
  size_t max_response_bytes = 8 << 20;
  int idempotent_retries = 1;  ///< extra attempts for GET when the connection failed
  std::string ca_file;  ///< PEM bundle to trust instead of the system store (tests, self-signed)
  size_t max_idle_connections = 4;
};

class HttpClient {
 public:
  /// `origin` is "https://host[:port]" or "http://127.0.0.1:port" (plain HTTP only to loopback).
  static base::Result<std::unique_ptr<HttpClient>> Create(std::string_view origin,
                                                          Options options = {});
  ~HttpClient();

  /// Sends `request`. Errors: kUnavailable (DNS, connect, TLS, reset before a response — safe to
  /// retry reads), kOutcomeUnknown (a non-idempotent request whose response was lost), kDataLoss
  /// (a response over the size cap or malformed).
  base::Result<Response> Send(const Request& request);

  const std::string& host() const;

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace amanah::transport
