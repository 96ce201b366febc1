// BinanceVenue: the paper exchange speaking Binance's spot REST protocol. One call per HTTP
// request: route → request weight per IP (429, then 418) → parameters → authentication exactly as
// Binance (X-MBX-APIKEY, key format, IP whitelist against the TCP peer, timestamp/recvWindow,
// HMAC-SHA256 / Ed25519 / RSA signature over query ‖ body, the endpoint's permission flag) →
// order-rate limits → maintenance → the handler on the Exchange → Binance's JSON, headers and error
// codes. Also serves the margin, futures, withdrawal and transfer endpoints a spot-only key must be
// refused on, so that permissions are really enforced. Thread-safe: each call takes the Exchange
// lock.
#pragma once

#include <cstdint>

#include "core/exchange.h"
#include "core/rate_limiter.h"
#include "http/http_server.h"

namespace amanah::paper::binance {

struct Limits {
  int64_t weight_per_minute = 6000;        ///< REQUEST_WEIGHT per IP, /api
  int64_t sapi_weight_per_minute = 12000;  ///< per IP, /sapi (429 only, never 418)
  int64_t orders_per_10s = 50;             ///< ORDERS per account
  int64_t orders_per_day = 160000;
  int ban_after = 5;  ///< 429s in a row before a 418 ban
};

class BinanceVenue {
 public:
  explicit BinanceVenue(Exchange& exchange, Limits limits = {});

  HttpResponse Handle(const HttpRequest& request);
  /// REQUIRES: the Exchange lock is held.
  void SetLimits(const Limits& limits);
  const Limits& limits() const { return limits_; }
  /// Forgets every rate-limit counter and ban. REQUIRES: the Exchange lock is held.
  void ResetRateLimits();

  struct Context;
  struct Route;

 private:
  Exchange& exchange_;
  Limits limits_;
  RateLimiter weight_;
  RateLimiter sapi_weight_;
  RateLimiter orders_10s_;
  RateLimiter orders_1d_;
};

}  // namespace amanah::paper::binance
