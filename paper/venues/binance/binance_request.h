// BinanceRequest: one admitted Binance request as its handlers see it — the decoded parameters,
// the authenticated key and its account (signed endpoints), the exchange time and the account's
// order counters — and the typed parameter readers every handler uses, each failing with
// Binance's own code and text: -1102 missing, empty or malformed; -1100 illegal characters;
// -1130 data out of range (an integer beyond 64 bits); -1121 an unknown symbol.
#pragma once

#include <cctype>
#include <cstdint>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "base/decimal.h"
#include "core/exchange.h"
#include "core/rate_limiter.h"
#include "http/http_server.h"
#include "venues/binance/binance_error.h"
#include "venues/binance/binance_params.h"

namespace amanah::paper::binance {

template <typename T>
using Answer = boost::system::result<T, BinanceError>;

struct BinanceRequest {
  const HttpRequest& http;
  BinanceParams params;
  ApiKey* key = nullptr;
  Account* account = nullptr;
  const RateLimiter* orders_10s = nullptr;  ///< for GET /rateLimit/order
  const RateLimiter* orders_1d = nullptr;
  const RateLimiter* weight = nullptr;  ///< REQUEST_WEIGHT per IP, for exchangeInfo's rateLimits
  int64_t now = 0;
  /// Where the answer's JSON is built: an arena that lives as long as the call.
  boost::json::storage_ptr storage{};

  /// The parameter `name`: -1102 when absent or empty.
  Answer<std::string_view> Required(std::string_view name) const;
};

/// What a route's handler answers: the JSON body, or Binance's error.
using Handler = Answer<boost::json::value> (*)(Exchange&, BinanceRequest&);

/// A decimal in Binance's grammar ^([0-9]{1,20})(\.[0-9]{1,20})?$ (-1100 otherwise).
Answer<base::Decimal> DecimalParam(std::string_view name, std::string_view text);
/// A non-negative integer: -1102 when not digits, -1130 beyond the signed 64-bit range.
Answer<int64_t> IntParam(std::string_view name, std::string_view text);
/// The `symbol` parameter, which must name a listed market.
Answer<Market*> SymbolParam(Exchange& exchange, const BinanceRequest& request);
/// The `limit` parameter clamped to [1, max]; `fallback` when absent.
Answer<int64_t> LimitParam(const BinanceRequest& request, int64_t fallback, int64_t max);

/// [A-Za-z0-9], whatever the locale.
inline bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// Whether `text` is 1..max characters, each allowed by `allowed`.
template <typename Allowed>
bool Matches(std::string_view text, size_t max, Allowed allowed) {
  if (text.empty() || text.size() > max) return false;
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}

}  // namespace amanah::paper::binance
