// OkxVenue: the paper exchange speaking OKX's v5 REST protocol. Admit runs OKX's order of checks:
// route (404) → the body's JSON (50002) → authentication (okx_auth.h: 5010x, 50111, 50105,
// 50112, 50102, 50113, 50110) → the endpoint's permission (50120) → its limit per 2 seconds,
// per IP for public data and per user otherwise (50011, HTTP 429). The shared VenueStage then
// applies maintenance (50001) and the faults, and the call answers in OKX's envelope. Every
// method REQUIRES the Exchange lock (VenueStage holds it).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/exchange.h"
#include "core/rate_limiter.h"
#include "venues/key_verifiers.h"
#include "venues/venue.h"

namespace amanah::paper::okx {

struct Limits {
  /// Scales every endpoint's limit (100 = as OKX documents them).
  int64_t limit_percent = 100;
};

class OkxVenue final : public Venue {
 public:
  explicit OkxVenue(Exchange& exchange, okx::Limits limits = {});

  std::string_view name() const override { return "okx"; }
  Admission Admit(const HttpRequest& request) override;
  /// A UUID key id and a 32-digit uppercase hexadecimal secret, as OKX issues them.
  std::string NewKeyId(Exchange& exchange) const override;
  std::string NewSecret(Exchange& exchange) const override;
  /// 16 letters and digits (OKX lets the user choose it; the paper chooses for them).
  std::string NewPassphrase(Exchange& exchange) const override;
  /// An OKX key: a UUID id, HMAC, and a passphrase (1 to 64 printable ASCII characters).
  base::Result<void> CheckKey(const ApiKey& key) const override;
  boost::json::object Limits() const override;
  base::Result<void> SetLimits(const boost::json::object& in) override;
  void ResetRateLimits() override;

 private:
  class Call;
  RateLimiter& EndpointLimiter(std::string_view path, int64_t per_2s);

  Exchange& exchange_;
  okx::Limits limits_;
  std::map<std::string, RateLimiter, std::less<>> endpoints_;
  KeyVerifiers verifiers_;
};

}  // namespace amanah::paper::okx
