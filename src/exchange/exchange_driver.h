// ExchangeDriver: everything Amanah knows about one exchange apart from its protocol details — its
// name, default API origin, what a well-formed key looks like, whether keys have a passphrase, its
// API-management page in words (AuditTexts), and how to open an adapter for a key. One driver per
// exchange directory (exchange/<name>/); the Registry holds them. Immutable; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "exchange/audit_texts.h"
#include "exchange/key_material.h"
#include "exchange/nonce_source.h"
#include "exchange/rate_state.h"
#include "exchange/spot_exchange.h"
#include "transport/http_sender.h"
#include "transport/transport.h"

namespace amanah::exchange {

/// What an adapter is opened with.
struct AdapterParts {
  std::shared_ptr<transport::HttpSender> sender;
  std::shared_ptr<RateState> rate;
  const base::Clock* clock = nullptr;
  transport::Transport* transport = nullptr;  ///< for the exchange's streams (WebSockets)
  std::string origin;                         ///< the REST origin the sender is for
  /// Nonces and signing turns for exchanges that authenticate by nonce (Kraken), shared by every
  /// adapter of the registry; null: the adapter keeps its own for this process.
  std::shared_ptr<NonceSource> nonces{};
};

class ExchangeDriver {
 public:
  virtual ~ExchangeDriver() = default;
  /// "binance": what connections store and commands take.
  virtual std::string_view name() const = 0;
  /// "Binance": what users read.
  virtual std::string_view display_name() const = 0;
  virtual std::string_view default_origin() const = 0;
  virtual bool uses_passphrase() const = 0;
  /// The request weight one audit of a key spends, one reconciliation of a connection (reading
  /// two symbols' orders), and the weight an egress IP may spend a minute: the daemon's scheduler
  /// spreads the work so that it stays inside the budget.
  virtual int64_t audit_request_weight() const = 0;
  virtual int64_t reconcile_request_weight() const = 0;
  /// What one balance snapshot costs: the balances and a price per held asset (an estimate).
  virtual int64_t snapshot_request_weight() const = 0;
  virtual int64_t request_weight_per_minute() const = 0;
  /// Checks the key's shape before anything leaves this machine; errors say what to check and
  /// never repeat the secret.
  virtual base::Result<void> CheckKeyShape(const KeyMaterial& key) const = 0;
  virtual const AuditTexts& audit_texts() const = 0;
  /// An adapter that signs with `key`.
  virtual base::Result<std::unique_ptr<SpotExchange>> Open(KeyMaterial key,
                                                           AdapterParts parts) const = 0;
};

}  // namespace amanah::exchange
