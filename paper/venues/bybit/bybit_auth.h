// Bybit v5 authentication on the paper exchange (bybit.md §1): the X-BAPI-API-KEY,
// X-BAPI-TIMESTAMP, X-BAPI-RECV-WINDOW (default 5000) and X-BAPI-SIGN headers; the key must be a
// Bybit key (10003), the timestamp inside server_time − recv_window ≤ timestamp < server_time +
// 1000 (10002), the signature the HMAC-SHA256 (hex) or RSA-SHA256 (Base64) of timestamp ‖ key ‖
// recv window ‖ (the query string as sent | the body as sent) (10004), and the caller's address
// one the key is bound to (10010). REQUIRES the Exchange lock.
#pragma once

#include "core/exchange.h"
#include "venues/bybit/bybit_request.h"
#include "venues/key_verifiers.h"

namespace amanah::paper::bybit {

Got<ApiKey*> Authenticate(Exchange& exchange, KeyVerifiers& verifiers, const HttpRequest& request);

}  // namespace amanah::paper::bybit
