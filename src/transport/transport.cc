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

}  // namespace amanah::transport
