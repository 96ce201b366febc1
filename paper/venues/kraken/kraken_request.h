// KrakenRequest and KrakenError: one request to the paper exchange's Kraken venue as its handlers
// see it — the parameters (a GET's query, or a POST's form or JSON body, each value as text, in
// the order sent), the authenticated key and account — and Kraken's answer: the `result` of its
// envelope {"error": [], "result": …}, or one error string in `error` ("EOrder:Insufficient
// funds", kraken.md §7). REQUIRES the Exchange lock throughout.
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

namespace amanah::paper::kraken {

/// Kraken's error: its string in `error`, under `http`.
struct KrakenError {
  // A constructor, not an aggregate: a bare string must not convert to an error by accident.
  KrakenError() = default;
  explicit KrakenError(std::string e, unsigned status = 200) : error(std::move(e)), http(status) {}
  std::string error = "EGeneral:Internal error";
  unsigned http = 200;
};

struct KrakenRequest {
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

template <class T>
using Got = boost::system::result<T, KrakenError>;
using KrakenReply = Got<boost::json::value>;
using KrakenHandler = KrakenReply (*)(Exchange&, KrakenRequest&);

// Parameters, checked as Kraken checks them ("EGeneral:Invalid arguments:<name>").
Got<std::string_view> Required(const KrakenRequest& c, std::string_view name);
Got<base::Decimal> DecimalParam(const KrakenRequest& c, std::string_view name);
/// An integer parameter, `fallback` when absent.
Got<int64_t> IntParam(const KrakenRequest& c, std::string_view name, int64_t fallback);
/// The market `pair` names (Kraken's pair name, "XBTUSDT", or its wsname "XBT/USDT"):
/// "EQuery:Unknown asset pair" otherwise.
Got<Market*> PairParam(Exchange& ex, const KrakenRequest& c);

/// Kraken's name of a pair: its base's and quote's altnames ("XBTUSDT"); also its id.
std::string PairName(const Market& m);
/// Kraken's id of an asset (XXBT, XETH, ZUSD, …, or the name itself) and its altname (XBT, XDG).
std::string AssetId(std::string_view asset);
std::string AssetAltname(std::string_view asset);
/// A decimal as Kraken writes it: plain digits.
std::string Text(const base::Decimal& value);
/// Milliseconds as Kraken writes a time: seconds with four decimals, a JSON number.
boost::json::value Seconds(int64_t ms);
/// Order and trade ids in Kraken's shape ("OUF4EM-FRGI2-MQMWZD", "T…") and back (0: not one).
std::string OrderTxid(uint64_t id);
std::string TradeTxid(uint64_t id);
uint64_t IdOfTxid(std::string_view txid, char prefix);

/// "2021-04-01T00:18:45Z" (RFC 3339, UTC, optionally with a fraction) → ms; nullopt otherwise.
std::optional<int64_t> ParseRfc3339(std::string_view text);

/// Renders `reply` in Kraken's envelope.
HttpResponse Envelope(const KrakenReply& reply);

// Kraken's documented errors (kraken.md §7), exactly as it writes them.
KrakenError InvalidKey();                             ///< EAPI:Invalid key
KrakenError InvalidSignature();                       ///< EAPI:Invalid signature
KrakenError InvalidNonce();                           ///< EAPI:Invalid nonce
KrakenError PermissionDenied();                       ///< EGeneral:Permission denied
KrakenError InvalidArguments(std::string_view name);  ///< EGeneral:Invalid arguments[:name]
KrakenError UnknownPair();                            ///< EQuery:Unknown asset pair
KrakenError UnknownOrder();                           ///< EOrder:Unknown order
KrakenError InsufficientFunds();                      ///< EOrder:Insufficient funds
KrakenError OrderMinimum();                           ///< EOrder:Order minimum not met
KrakenError CostMinimum();                            ///< EOrder:Cost minimum not met
KrakenError RateLimit();                              ///< EAPI:Rate limit exceeded
KrakenError Unavailable();                            ///< EService:Unavailable (HTTP 503)
KrakenError InternalError();                          ///< EGeneral:Internal error (HTTP 500)
KrakenError UnknownMethod();                          ///< EGeneral:Unknown method
KrakenError CannotOpenPosition();                     ///< EOrder:Cannot open position

}  // namespace amanah::paper::kraken
