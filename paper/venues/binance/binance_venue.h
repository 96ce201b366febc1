// BinanceVenue: the paper exchange speaking Binance's spot REST protocol. Admit runs Binance's
// order of checks: route (404) → request weight per IP (429, then a 418 ban; /sapi counted on its
// own) → parameters (-1100/-1101/-1102/-1130) → authentication and the endpoint's permission
// (binance_auth.h) → order-rate limits per account (429 -1015). The shared VenueStage then applies
// maintenance and the faults, and the call answers with Binance's JSON, its X-MBX-USED-WEIGHT-1M /
// X-SAPI-USED-IP-WEIGHT-1M and X-MBX-ORDER-COUNT-* headers, and its error codes. Also serves the
// margin, futures, withdrawal and transfer endpoints a spot-only key must be refused on, and the
// WebSocket API's user data stream at /ws-api/v3 (binance_ws_api.h).
// Every method REQUIRES the Exchange lock (VenueStage holds it).
#pragma once

#include <cstdint>

#include "core/exchange.h"
#include "core/rate_limiter.h"
#include "venues/binance/binance_ws_api.h"
#include "venues/key_verifiers.h"
#include "venues/venue.h"

namespace amanah::paper::binance {

struct Limits {
  int64_t weight_per_minute = 6000;        ///< REQUEST_WEIGHT per IP, /api
  int64_t sapi_weight_per_minute = 12000;  ///< per IP, /sapi (429 only, never 418)
  int64_t orders_per_10s = 50;             ///< ORDERS per account
  int64_t orders_per_day = 160000;
  int ban_after = 5;  ///< 429s in a row before a 418 ban
};

class BinanceVenue final : public Venue {
 public:
  explicit BinanceVenue(Exchange& exchange, binance::Limits limits = {});

  std::string_view name() const override { return "binance"; }
  Admission Admit(const HttpRequest& request) override;
  std::string NewKeyId(Exchange& exchange) const override;
  std::string NewSecret(Exchange& exchange) const override;
  base::Result<void> CheckKey(const ApiKey& key) const override;
  boost::json::object Limits() const override;
  base::Result<void> SetLimits(const boost::json::object& in) override;
  void ResetRateLimits() override;

  void SetLimits(const binance::Limits& limits);
  const binance::Limits& limits() const { return limits_; }

 private:
  class Call;

  Exchange& exchange_;
  binance::Limits limits_;
  RateLimiter weight_;
  RateLimiter sapi_weight_;
  RateLimiter orders_10s_;
  RateLimiter orders_1d_;
  KeyVerifiers verifiers_;
  BinanceWsApi ws_api_{exchange_, verifiers_};
};

}  // namespace amanah::paper::binance
