// Transport: where adapters get their HttpSender for an origin — the injected network. The real
// one, ClientPool, keeps one keep-alive HttpClient per origin shared by every connection to it (so
// a daemon holding thousands of keys on one exchange holds a handful of sockets); tests give
// recorders or a fixed answer. It also opens WebSockets (exchanges' streams), one connection each.
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "base/result.h"
#include "transport/http_client.h"
#include "transport/http_sender.h"
#include "transport/websocket.h"
#include "transport/websocket_client.h"

namespace amanah::transport {

class Transport {
 public:
  virtual ~Transport() = default;
  /// A sender for `origin` ("https://host[:port]"); kInvalidArgument for an origin HttpClient
  /// refuses.
  virtual base::Result<std::shared_ptr<HttpSender>> Open(std::string_view origin) = 0;
  /// A WebSocket to `url` ("wss://host/path"); kUnavailable from a transport that opens none
  /// (test transports that only answer HTTP).
  virtual boost::asio::awaitable<base::Result<std::unique_ptr<WebSocket>>> DialWebSocket(
      std::string url);
};

class ClientPool final : public Transport {
 public:
  ClientPool(boost::asio::any_io_executor executor, Options options)
      : executor_(std::move(executor)), options_(std::move(options)) {}

  base::Result<std::shared_ptr<HttpSender>> Open(std::string_view origin) override;
  boost::asio::awaitable<base::Result<std::unique_ptr<WebSocket>>> DialWebSocket(
      std::string url) override;

 private:
  boost::asio::any_io_executor executor_;
  const Options options_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<HttpClient>, std::less<>> clients_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::transport
