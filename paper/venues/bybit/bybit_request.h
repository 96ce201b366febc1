// BybitRequest and BybitReply: one request to the paper exchange's Bybit venue as its handlers
// see it — the parameters (a GET's query, decoded, or a POST's JSON body, each value as text, in
// the order sent), the authenticated key and account — and what a handler answers: the `result`
// of Bybit's envelope, or Bybit's error (its retCode, retMsg and HTTP status). REQUIRES the
// Exchange lock throughout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "base/decimal.h"

#include "core/account.h"
#include "core/api_key.h"
#include "core/exchange.h"
#include "http/http_server.h"

namespace amanah::paper::bybit {

/// Bybit's error: retCode and retMsg in the envelope, under `http` (200 for business errors).
struct BybitError {
  // A constructor, not an aggregate: a bare integer must not convert to an error.
  BybitError() = default;
  BybitError(int64_t c, std::string m, unsigned status = 200)
      : code(c), message(std::move(m)), http(status) {}
  int64_t code = 10016;
  std::string message;
  unsigned http = 200;
};

struct BybitRequest {
  const HttpRequest& http;
  std::vector<std::pair<std::string, std::string>> params;
  ApiKey* key = nullptr;
  Account* account = nullptr;
  int64_t now = 0;

  std::optional<std::string_view> Get(std::string_view name) const {
    for (const auto& [n, v] : params) {
      if (n == name) return std::string_view(v);
    }
    return std::nullopt;
  }
};

/// A value or Bybit's error (AMANAH_ASSIGN_OR_RETURN and AMANAH_TRY work on it).
template <class T>
using Got = boost::system::result<T, BybitError>;
/// A handler's answer: the envelope's `result`, or an error.
using BybitReply = Got<boost::json::value>;
using BybitHandler = BybitReply (*)(Exchange&, BybitRequest&);

// Parameters, checked as Bybit checks them (10001 naming the parameter).
Got<std::string_view> Required(const BybitRequest& c, std::string_view name);
/// `category` present and "spot" (the paper exchange lists spot only; other categories are
/// answered by each handler).
Got<std::string_view> Category(const BybitRequest& c);
Got<base::Decimal> DecimalParam(const BybitRequest& c, std::string_view name);
/// An integer parameter in [min, max], `fallback` when absent.
Got<int64_t> IntParam(const BybitRequest& c, std::string_view name, int64_t fallback, int64_t min,
                      int64_t max);
/// The market named by `symbol` (170121 "Invalid symbol." otherwise).
Got<Market*> SymbolParam(Exchange& ex, const BybitRequest& c);
/// A decimal as Bybit writes it: plain digits, no exponent, trailing zeros dropped.
std::string Text(const base::Decimal& value);

/// Renders `reply` in Bybit's envelope {"retCode","retMsg","result","retExtInfo","time"}.
HttpResponse Envelope(const BybitReply& reply, int64_t now_ms);

// Bybit's documented errors (bybit.md §7), with their exact codes and texts.
BybitError InvalidApiKey();                 ///< 10003
BybitError BadSignature();                  ///< 10004
BybitError PermissionDenied();              ///< 10005
BybitError TooManyVisits();                 ///< 10006
BybitError UnmatchedIp();                   ///< 10010
BybitError TimeWindow();                    ///< 10002
BybitError ParamError(std::string detail);  ///< 10001
BybitError ServerTimeout();                 ///< 10000 (maintenance, faults before acceptance)
BybitError ServerError();                   ///< 10016
BybitError NotFoundPath();                  ///< HTTP 404
BybitError IpRateLimited();                 ///< HTTP 403, "access too frequent"

}  // namespace amanah::paper::bybit
