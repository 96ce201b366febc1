// Registry: the exchanges Amanah can connect to, and the one place an adapter is opened for a key —
// it finds the driver, picks the connection's endpoint (or the exchange's own origin), gets the
// origin's sender from the injected Transport and the origin's shared RateState, and opens the
// adapter. Adding an exchange is one registration line in drivers.cc. Thread-safe after set-up.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/exchange_driver.h"
#include "transport/transport.h"

namespace amanah::exchange {

class Registry {
 public:
  Registry(transport::Transport& transport, const base::Clock& clock)
      : transport_(transport),
        clock_(clock),
        nonces_(std::make_shared<ProcessNonceSource>(clock)) {}

  void Add(std::unique_ptr<ExchangeDriver> driver);
  /// The driver for `name`; kInvalidArgument naming the exchanges there are.
  base::Result<const ExchangeDriver*> Find(std::string_view name) const;
  std::vector<std::string_view> Names() const;

  /// The origin calls go to: `endpoint` if set, else the exchange's own.
  base::Result<std::string> OriginFor(std::string_view exchange,
                                      const std::optional<std::string>& endpoint) const;
  /// An adapter for `key` on `exchange` at `endpoint` (default: the exchange's own origin).
  base::Result<std::unique_ptr<SpotExchange>> Open(std::string_view exchange,
                                                   const std::optional<std::string>& endpoint,
                                                   KeyMaterial key);
  /// Where adapters draw nonces and signing turns (the store's, shared by every process and node;
  /// by default one for this process).
  void set_nonce_source(std::shared_ptr<NonceSource> nonces) { nonces_ = std::move(nonces); }

  /// The shared rate state of an exchange's origin (for metrics and the shared rate budgets).
  std::shared_ptr<RateState> RateFor(std::string_view exchange, std::string_view origin);
  struct Rate {
    std::string exchange;
    std::string origin;
    std::shared_ptr<RateState> state;
  };
  /// Every origin's rate state, by exchange and origin (for /metrics and the rate-budget sync).
  std::vector<Rate> Rates();

 private:
  transport::Transport& transport_;
  const base::Clock& clock_;
  std::vector<std::unique_ptr<ExchangeDriver>> drivers_;
  std::shared_ptr<NonceSource> nonces_;
  std::mutex mu_;
  // GUARDED_BY(mu_), by "<exchange> <origin>"
  std::map<std::string, Rate, std::less<>> rates_;
};

/// Every exchange Amanah supports, registered.
void RegisterAll(Registry& registry);

}  // namespace amanah::exchange
