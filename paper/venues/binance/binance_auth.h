// Binance's authentication on the paper exchange, exactly as Binance checks a signed request:
// the X-MBX-APIKEY header and its format (-2014), a known key of this venue (-2015), the IP
// whitelist against the TCP peer (-2015), timestamp and recvWindow (-1102, -1021, -1131), the
// signature — HMAC-SHA256 hex, Ed25519 or RSA Base64 — over query ‖ body (-1022), and the
// endpoint's permission mapped onto the key's neutral flags (-2015).
#pragma once

#include "venues/binance/binance_request.h"
#include "venues/binance/binance_routes.h"
#include "venues/key_verifiers.h"

namespace amanah::paper::binance {

/// The key that signed `request`, or Binance's error.
Answer<ApiKey*> Authenticate(Exchange& exchange, KeyVerifiers& verifiers,
                             const BinanceRequest& request);

/// Whether `key` may call an endpoint that needs `need`.
bool Permitted(const ApiKey& key, Need need);

}  // namespace amanah::paper::binance
