// BybitVenue: the paper exchange speaking Bybit's v5 REST protocol. Admit runs Bybit's order of
// checks: route (404) → requests per IP (600 in 5 s, then HTTP 403 "access too frequent") →
// parameters (a GET's query or a POST's JSON body, 10001) → authentication (bybit_auth.h:
// 10003, 10004, 10002, 10010) and the endpoint's permission group (10005) → the per-account
// limit of the endpoint per second (10006), reported in X-Bapi-Limit, X-Bapi-Limit-Status and
// X-Bapi-Limit-Reset-Timestamp. The shared VenueStage then applies maintenance and the faults,
// and the call answers in Bybit's envelope. Every method REQUIRES the Exchange lock (VenueStage
// holds it).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/exchange.h"
#include "core/rate_limiter.h"
#include "venues/key_verifiers.h"
#include "venues/venue.h"

namespace amanah::paper::bybit {

struct Limits {
  int64_t ip_requests_per_5s = 600;
  /// Scales every endpoint's per-account limit (100 = as Bybit documents them).
  int64_t account_limit_percent = 100;
};

class BybitVenue final : public Venue {
 public:
  explicit BybitVenue(Exchange& exchange, bybit::Limits limits = {});

  std::string_view name() const override { return "bybit"; }
  Admission Admit(const HttpRequest& request) override;
  /// 18 letters and digits, and a 36-character secret, as Bybit issues them.
  std::string NewKeyId(Exchange& exchange) const override;
  std::string NewSecret(Exchange& exchange) const override;
  base::Result<void> CheckKey(const ApiKey& key) const override;
  boost::json::object Limits() const override;
  base::Result<void> SetLimits(const boost::json::object& in) override;
  void ResetRateLimits() override;

 private:
  class Call;
  RateLimiter& EndpointLimiter(std::string_view path, int64_t per_second);

  Exchange& exchange_;
  bybit::Limits limits_;
  RateLimiter ip_;
  std::map<std::string, RateLimiter, std::less<>> endpoints_;
  KeyVerifiers verifiers_;
};

}  // namespace amanah::paper::bybit
