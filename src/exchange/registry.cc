#include "exchange/registry.h"

#include "transport/http_client.h"

namespace amanah::exchange {

using base::Error;
using base::ErrorCode;

void Registry::Add(std::unique_ptr<ExchangeDriver> driver) {
  drivers_.push_back(std::move(driver));
}

base::Result<const ExchangeDriver*> Registry::Find(std::string_view name) const {
  for (const auto& d : drivers_) {
    if (d->name() == name) return d.get();
  }
  std::string known;
  for (const auto& d : drivers_) known += (known.empty() ? "" : ", ") + std::string(d->name());
  return Error(
      ErrorCode::kInvalidArgument,
      "unknown exchange \"" + std::string(name).substr(0, 32) + "\" (known: " + known + ")");
}

std::vector<std::string_view> Registry::Names() const {
  std::vector<std::string_view> out;
  for (const auto& d : drivers_) out.push_back(d->name());
  return out;
}

base::Result<std::string> Registry::OriginFor(std::string_view exchange,
                                              const std::optional<std::string>& endpoint) const {
  AMANAH_ASSIGN_OR_RETURN(const ExchangeDriver* driver, Find(exchange));
  std::string origin =
      endpoint && !endpoint->empty() ? *endpoint : std::string(driver->default_origin());
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  AMANAH_TRY(transport::CheckOrigin(origin));
  return origin;
}

std::shared_ptr<RateState> Registry::RateFor(std::string_view exchange, std::string_view origin) {
  std::string key = std::string(exchange) + " " + std::string(origin);
  std::lock_guard lock(mu_);
  auto it = rates_.find(key);
  if (it == rates_.end()) {
    it = rates_
             .emplace(std::move(key), Rate{std::string(exchange), std::string(origin),
                                           std::make_shared<RateState>()})
             .first;
  }
  return it->second.state;
}

std::vector<Registry::Rate> Registry::Rates() {
  std::lock_guard lock(mu_);
  std::vector<Rate> out;
  for (const auto& [_, rate] : rates_) out.push_back(rate);
  return out;
}

base::Result<std::unique_ptr<SpotExchange>> Registry::Open(
    std::string_view exchange, const std::optional<std::string>& endpoint, KeyMaterial key) {
  AMANAH_ASSIGN_OR_RETURN(const ExchangeDriver* driver, Find(exchange));
  AMANAH_ASSIGN_OR_RETURN(std::string origin, OriginFor(exchange, endpoint));
  AMANAH_TRY(driver->CheckKeyShape(key));
  AMANAH_ASSIGN_OR_RETURN(auto sender, transport_.Open(origin));
  return driver->Open(std::move(key), AdapterParts{std::move(sender), RateFor(exchange, origin),
                                                   &clock_, &transport_, origin, nonces_});
}

}  // namespace amanah::exchange
