// AdminApi: the paper exchange's control surface, on its own loopback port behind a bearer token —
// what a test or the demo does that an exchange user cannot: create accounts on a venue and their
// keys (HMAC, Ed25519, RSA; neutral permission flags; IP list; passphrase; createTime), change or
// delete keys, set balances, open a margin loan or a futures position, place a *foreign* order on
// an account (as a thief holding the key would), maintenance mode, faults (latency, 5xx
// before/after accept, drop after accept, clock skew), each venue's rate limits, history
// retention, and a snapshot/restore of the whole state. Venue-neutral: an account names its
// venue, its keys are that venue's, and limits are given per venue. The scenario file is applied
// through the same calls (Apply). JSON in (read with the checked reader) and out; shapes in
// core/state_json.h and docs in paper/README.md. Thread-safe: each call takes the Exchange lock.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "core/exchange.h"
#include "http/http_server.h"
#include "venues/venue.h"

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
    std::string passphrase;  ///< OKX
  };

  AdminApi(Exchange& exchange, Venues venues, std::string token);

  HttpResponse Handle(const HttpRequest& request);

  /// Applies a scenario document. REQUIRES: the Exchange lock is held. Nothing is applied unless
  /// all of it is valid for markets; accounts and keys are applied in order and the first bad
  /// entry stops with its index named.
  base::Result<std::vector<CreatedKey>> Apply(const boost::json::object& scenario);

  // Each REQUIRES: the Exchange lock is held.
  base::Result<Account*> CreateAccount(const boost::json::object& in);
  base::Result<CreatedKey> CreateKey(const boost::json::object& in);
  base::Result<void> SetFaults(const boost::json::object& in);
  /// {"binance": {"weight_per_minute": 10}}: each named venue's limits; all or nothing.
  base::Result<void> SetLimits(const boost::json::object& in);
  /// {"maintenance": true, "retain_closed_orders": 1000, "retain_trades": 1000}
  base::Result<void> SetExchange(const boost::json::object& in);
  boost::json::object Snapshot() const;
  base::Result<void> Restore(const boost::json::object& snapshot);

 private:
  base::Result<Account*> AccountRef(const boost::json::value& ref);

  Exchange& exchange_;
  Venues venues_;
  std::string token_;
};

}  // namespace amanah::paper
