// Venue: one exchange's wire protocol over the venue-neutral Exchange — its routes, how it
// authenticates a request (key id, signature, passphrase, IP whitelist, the endpoint's
// permission), its rate limits and their headers, and its error bodies. A venue admits a request
// (or answers it at once: unknown path, bad signature, too much weight) and hands the shared
// VenueStage a VenueCall; the stage applies maintenance and the injected faults to every venue
// alike and asks the call to say the refusal in the venue's own words. Venues are told apart by
// name; an account, and so each of its keys, names the venue it is on. Every method REQUIRES
// the Exchange lock to be held.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "core/api_key.h"
#include "core/exchange.h"
#include "http/http_server.h"

namespace amanah::paper {

/// What an admitted request does: decides what the shared stage applies to it.
enum class CallKind {
  kPublic,      ///< market data, time, status: answered in maintenance too
  kRead,        ///< signed reads of the account: answered in maintenance too
  kTrade,       ///< signed changes (cancel, test order, transfers): refused in maintenance
  kPlaceOrder,  ///< places an order: refused in maintenance, subject to the order faults
};

/// Why the shared stage did not let a call run normally.
enum class Refusal {
  kMaintenance,       ///< the exchange is in maintenance (Binance -1016, 503)
  kFailBeforeAccept,  ///< injected: 5xx, the order was NOT placed (Binance -1007, 503)
  kFailAfterAccept,   ///< injected: 5xx, the order WAS placed (Binance -1006, 500)
  kInternal,          ///< the handler failed; logged (Binance -1000, 500)
};

class VenueCall {
 public:
  virtual ~VenueCall() = default;
  virtual CallKind kind() const = 0;
  /// Runs the request on the exchange and renders the answer.
  virtual HttpResponse Execute() = 0;
  /// The venue's answer for `refusal`, with the headers this request has earned so far.
  virtual HttpResponse Refuse(Refusal refusal) const = 0;
};

/// `response` with `headers` (the rate-limit headers a request has earned) added.
inline HttpResponse WithHeaders(HttpResponse response,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  response.headers.insert(response.headers.end(), headers.begin(), headers.end());
  return response;
}

/// A request the venue answered itself, or the call the stage runs.
using Admission = std::variant<HttpResponse, std::unique_ptr<VenueCall>>;

class Venue {
 public:
  virtual ~Venue() = default;
  /// The name accounts and keys use: "binance".
  virtual std::string_view name() const = 0;
  /// Routes, decodes, authenticates and counts `request`.
  virtual Admission Admit(const HttpRequest& request) = 0;

  /// A fresh key id and HMAC secret in the venue's own format.
  virtual std::string NewKeyId(Exchange& exchange) const = 0;
  virtual std::string NewSecret(Exchange& exchange) const = 0;
  /// A fresh passphrase on venues whose keys have one (OKX); empty elsewhere.
  virtual std::string NewPassphrase(Exchange&) const { return {}; }
  /// Whether `key` is a key this venue could have issued: its id format, its type, whether it
  /// needs a passphrase. The error names the field.
  virtual base::Result<void> CheckKey(const ApiKey& key) const = 0;

  /// Rate limits in the admin API's and scenario's shape, e.g. {"weight_per_minute": 6000}.
  virtual boost::json::object Limits() const = 0;
  /// Sets the limits named in `in` (others keep their value); nothing changes on an error.
  virtual base::Result<void> SetLimits(const boost::json::object& in) = 0;
  /// Forgets every rate-limit counter and ban.
  virtual void ResetRateLimits() = 0;
};

/// The venues one paper exchange serves, by name.
class Venues {
 public:
  explicit Venues(std::vector<Venue*> venues) : venues_(std::move(venues)) {}
  Venue* Find(std::string_view name) const;
  const std::vector<Venue*>& all() const { return venues_; }
  /// "binance, bybit": for messages.
  std::string Names() const;

 private:
  std::vector<Venue*> venues_;
};

}  // namespace amanah::paper
