// AdminApi: the paper exchange's control surface, on its own loopback port behind a bearer token —
// what a test or the demo does that an exchange user cannot: create accounts and keys (HMAC,
// Ed25519, RSA; permission flags; IP list; createTime), change or delete keys, set balances, open a
// margin loan or a futures position, place a *foreign* order on an account (as a thief holding the
// key would), maintenance mode, faults (latency, 5xx before/after accept, drop after accept, clock
// skew), rate limits, and a snapshot/restore of the whole state. The scenario file is applied
// through the same calls (Apply). JSON in and out; shapes in core/state_json.h and docs in
// paper/README.md. Thread-safe: each call takes the Exchange lock.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "core/exchange.h"
#include "http/http_server.h"
#include "venues/binance/binance_venue.h"

namespace amanah::paper {

class AdminApi {
 public:
  /// A key as created, with the material only its creator sees: the HMAC secret, or the private
  /// key PEM when the exchange generated the pair.
  struct CreatedKey {
    std::string name;
    std::string api_key;
    KeyType type = KeyType::kHmac;
    std::string secret;
    std::string private_key_pem;
  };

  AdminApi(Exchange& exchange, binance::BinanceVenue& binance, std::string token);

  HttpResponse Handle(const HttpRequest& request);

  /// Applies a scenario document. REQUIRES: the Exchange lock is held. Nothing is applied unless
  /// all of it is valid for markets; accounts and keys are applied in order and the first bad
  /// entry stops with its index named.
  base::Result<std::vector<CreatedKey>> Apply(const boost::json::object& scenario);

  // Each REQUIRES: the Exchange lock is held.
  base::Result<Account*> CreateAccount(const boost::json::object& in);
  base::Result<CreatedKey> CreateKey(const boost::json::object& in);
  base::Result<void> SetFaults(const boost::json::object& in);
  base::Result<void> SetLimits(const boost::json::object& in);
  boost::json::object Snapshot() const;
  base::Result<void> Restore(const boost::json::object& snapshot);

 private:
  base::Result<Account*> AccountRef(const boost::json::value& ref);

  Exchange& exchange_;
  binance::BinanceVenue& binance_;
  std::string token_;
};

}  // namespace amanah::paper
