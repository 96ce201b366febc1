// OkxRequest and OkxAnswer: one request to the paper exchange's OKX venue as its handlers see it —
// the parameters (a GET's query, decoded, or a POST's JSON object, each value as text, in the
// order sent; a batch's array is kept whole), the authenticated key and account — and what a
// handler answers: the `data` of OKX's envelope with its code and msg (an order endpoint answers
// its per-order sCode/sMsg inside `data`), or OKX's error (its code, msg and HTTP status, okx.md
// §7). REQUIRES the Exchange lock throughout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "base/decimal.h"

#include "core/account.h"
#include "core/api_key.h"
#include "core/exchange.h"
#include "http/http_server.h"

namespace amanah::paper::okx {

/// OKX's error: code and msg in the envelope (data empty), under `http`.
struct OkxError {
  // A constructor, not an aggregate: a bare integer must not convert to an error.
  OkxError() = default;
  OkxError(int64_t c, std::string m, unsigned status = 200)
      : code(c), message(std::move(m)), http(status) {}
  int64_t code = 50026;
  std::string message;
  unsigned http = 200;
};

/// A successful call's `data`, and the envelope's code and msg: "0" and "" — or, for an order
/// endpoint whose orders all (1) or partly (2) failed, that code with each order's sCode in data.
struct OkxAnswer {
  OkxAnswer(boost::json::array d) : data(std::move(d)) {}  // NOLINT: a handler returns its data
  OkxAnswer(boost::json::array d, int64_t c, std::string m)
      : data(std::move(d)), code(c), msg(std::move(m)) {}
  boost::json::array data;
  int64_t code = 0;
  std::string msg;
  bool order_times = false;  ///< adds inTime and outTime, as OKX's trade endpoints do
};

struct OkxRequest {
  const HttpRequest& http;
  std::vector<std::pair<std::string, std::string>> params;
  boost::json::value body;  ///< a POST's parsed body (a batch's array)
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

/// A value or OKX's error (AMANAH_ASSIGN_OR_RETURN and AMANAH_TRY work on it).
template <class T>
using Got = boost::system::result<T, OkxError>;
using OkxReply = Got<OkxAnswer>;
using OkxHandler = OkxReply (*)(Exchange&, OkxRequest&);

// Parameters, checked as OKX checks them (51000 "Parameter {name} error", 50014 when missing).
Got<std::string_view> Required(const OkxRequest& c, std::string_view name);
Got<base::Decimal> DecimalParam(const OkxRequest& c, std::string_view name);
/// An integer parameter in [min, max], `fallback` when absent or empty.
Got<int64_t> IntParam(const OkxRequest& c, std::string_view name, int64_t fallback, int64_t min,
                      int64_t max);
/// `instType`, when given, must be one of OKX's; SPOT is what the paper lists.
Got<std::string_view> InstType(const OkxRequest& c, bool required);
/// The market an instrument id ("BTC-USDT") names: 51001 otherwise.
Got<Market*> MarketOf(Exchange& ex, std::string_view inst_id);
Got<Market*> InstParam(Exchange& ex, const OkxRequest& c);
/// "BTC-USDT" for the market.
std::string InstId(const Market& m);
/// Milliseconds as OKX writes them: a decimal string.
std::string Ms(int64_t ms);
/// A decimal as OKX writes it: plain digits, trailing zeros dropped.
std::string Text(const base::Decimal& value);

/// Renders `reply` in OKX's envelope {"code","msg","data"} (as strings, as OKX writes them).
HttpResponse Envelope(const OkxReply& reply, int64_t now_ms);

// OKX's documented errors (okx.md §7), with their exact codes, texts and HTTP statuses.
OkxError EmptyHeader(std::string_view header, int64_t code);  ///< 50103, 50104, 50106, 50107
OkxError InvalidKey();                                        ///< 50111, 401
OkxError BadPassphrase();                                     ///< 50105, 401
OkxError TimestampExpired();                                  ///< 50102, 401
OkxError InvalidTimestamp();                                  ///< 50112, 401
OkxError BadSignature();                                      ///< 50113, 401
OkxError IpNotAllowed(std::string_view ip);                   ///< 50110, 401
OkxError NoPermission();                                      ///< 50120
OkxError TooManyRequests();                                   ///< 50011, 429
OkxError Unavailable();                                       ///< 50001, 503 (maintenance)
OkxError SystemError();                                       ///< 50026, 500
OkxError ParamError(std::string_view name);                   ///< 51000 "Parameter {name} error"
OkxError ParamMissing(std::string_view name);                 ///< 50014
OkxError NotFoundPath();                                      ///< HTTP 404
OkxError BodyError();                                         ///< 50002 "JSON syntax error"

}  // namespace amanah::paper::okx
