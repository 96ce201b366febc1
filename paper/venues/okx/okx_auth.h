// OKX v5 authentication on the paper exchange (okx.md §1): the OK-ACCESS-KEY, -SIGN, -TIMESTAMP
// and -PASSPHRASE headers, checked in OKX's order — each header present (50103, 50106, 50107,
// 50104), the key an OKX key (50111), the passphrase the key's (50105), the timestamp ISO 8601
// with milliseconds (50112) and within 30 s of the exchange's clock (50102), the signature the
// Base64 HMAC-SHA256 of timestamp ‖ METHOD ‖ path (with "?query" as sent) ‖ body as sent (50113),
// and the caller's address one the key is bound to (50110). REQUIRES the Exchange lock.
#pragma once

#include "core/exchange.h"
#include "venues/key_verifiers.h"
#include "venues/okx/okx_request.h"

namespace amanah::paper::okx {

/// OKX's timestamp tolerance, either side of its clock (okx.md §1: 30 s, as for WebSocket login).
inline constexpr int64_t kTimestampWindowMs = 30'000;

/// "2020-12-08T09:08:57.715Z" → ms since the epoch; nullopt when it is not exactly that shape.
std::optional<int64_t> ParseIsoMillis(std::string_view text);

Got<ApiKey*> Authenticate(Exchange& exchange, KeyVerifiers& verifiers, const HttpRequest& request);

}  // namespace amanah::paper::okx
