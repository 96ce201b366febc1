// KrakenVenue: the paper exchange speaking Kraken's spot REST protocol. Admit runs Kraken's order
// of checks: route ("EGeneral:Unknown method") → the body (form or JSON) → for private methods,
// authentication (kraken_auth.h: "EAPI:Invalid key", "EAPI:Invalid signature", "EAPI:Invalid
// nonce", the allow-list) → the method's permission ("EGeneral:Permission denied") → the key's
// REST counter (kraken.md §8: each call adds its cost, the counter decays by `decay_per_s` a
// second, and past `counter_max` the call is "EAPI:Rate limit exceeded"). The shared VenueStage
// then applies maintenance ("EService:Unavailable") and the faults. Every method REQUIRES the
// Exchange lock (VenueStage holds it).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/exchange.h"
#include "venues/key_verifiers.h"
#include "venues/kraken/kraken_auth.h"
#include "venues/venue.h"

namespace amanah::paper::kraken {

struct Limits {
  /// The REST counter's maximum (Kraken: Starter 15, Intermediate and Pro 20).
  int64_t counter_max = 20;
  /// How much it decays a second, in hundredths (Starter 33, Intermediate 50, Pro 100).
  int64_t decay_per_s_percent = 100;
};

class KrakenVenue final : public Venue {
 public:
  explicit KrakenVenue(Exchange& exchange, kraken::Limits limits = {});

  std::string_view name() const override { return "kraken"; }
  Admission Admit(const HttpRequest& request) override;
  /// A 56-character Base64 key id and an 88-character Base64 private key (64 bytes), as Kraken
  /// issues them.
  std::string NewKeyId(Exchange& exchange) const override;
  std::string NewSecret(Exchange& exchange) const override;
  base::Result<void> CheckKey(const ApiKey& key) const override;
  boost::json::object Limits() const override;
  base::Result<void> SetLimits(const boost::json::object& in) override;
  void ResetRateLimits() override;

 private:
  class Call;
  /// Adds `cost` to the key's counter at `now`; false when it would pass the maximum.
  bool Count(const std::string& key, int64_t cost, int64_t now);

  Exchange& exchange_;
  kraken::Limits limits_;
  struct Counter {
    int64_t milli = 0;  ///< the counter × 1000
    int64_t at = 0;     ///< when it was last brought up to date
  };
  std::map<std::string, Counter, std::less<>> counters_;
  Nonces nonces_;
  KeyVerifiers verifiers_;
};

}  // namespace amanah::paper::kraken
