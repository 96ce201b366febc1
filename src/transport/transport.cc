#include "transport/transport.h"

namespace amanah::transport {

base::Result<std::shared_ptr<HttpSender>> ClientPool::Open(std::string_view origin) {
  std::lock_guard lock(mu_);
  if (auto it = clients_.find(origin); it != clients_.end()) return it->second;
  AMANAH_ASSIGN_OR_RETURN(auto client, HttpClient::Create(executor_, origin, options_));
  std::shared_ptr<HttpClient> shared(std::move(client));
  clients_.emplace(std::string(origin), shared);
  return std::shared_ptr<HttpSender>(shared);
}

boost::asio::awaitable<base::Result<std::unique_ptr<WebSocket>>> Transport::DialWebSocket(
    std::string url) {
  co_return base::Error(base::ErrorCode::kUnavailable,
                        "this transport opens no WebSocket (" + url.substr(0, 64) + ")");
}

boost::asio::awaitable<base::Result<std::unique_ptr<WebSocket>>> ClientPool::DialWebSocket(
    std::string url) {
  WebSocketOptions options;
  options.connect_timeout = options_.connect_timeout;
  options.ca_file = options_.ca_file;
  co_return co_await transport::DialWebSocket(executor_, std::move(url), std::move(options));
}

}  // namespace amanah::transport
