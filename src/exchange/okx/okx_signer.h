// OkxSigner: turns an OKX v5 call into a signed HttpRequest as OKX documents it
// (../shared/reference/exchanges/okx.md §1) — Base64 HMAC-SHA256 over timestamp ‖ METHOD ‖ request
// path (with its query) ‖ body, the timestamp in ISO 8601 with milliseconds ("2020-12-08T09:08:
// 57.715Z"), and the key, signature, timestamp and passphrase in the OK-ACCESS-* headers. The
// passphrase is the third secret: held in locked memory, sent only in its header.
//
// Spot only, structurally. OKX has no spot-only trade permission: a `trade` key may also move
// funds, borrow and change margin settings. So the boundary is here: the allow-list is (method,
// path) plus what the body or query says — an order is signed only on a SPOT instrument id
// (BASE-QUOTE) with tdMode "cash" and no attached algo orders or reduce-only flag; a cancel or a
// query only on a SPOT instrument; a list only with instType SPOT; and every path not listed
// (transfers, withdrawals, borrowing, leverage, account level, auto-loan, positions' writes, algo
// orders, finance, sub-accounts) is refused before a signature is computed. Thread-safe (const).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "exchange/http_request.h"

namespace amanah::exchange::okx {

/// What an allowed endpoint's request must say besides its method and path.
enum class OkxRule {
  kNone,       ///< nothing (time, status, the key's and the account's reads)
  kSpotInst,   ///< `instId`, when given, is a SPOT instrument id; `instType`, when given, is SPOT
  kSpotList,   ///< `instType` is SPOT or `instId` a SPOT id (each SPOT when given)
  kSpotQuery,  ///< `instId` is a SPOT instrument id
  kSpotOrder,  ///< a SPOT `instId`, `tdMode` "cash", no `attachAlgoOrds`, no `reduceOnly` true
};

struct AllowedEndpoint {
  HttpMethod method;
  std::string_view path;
  bool signed_request;
  OkxRule rule;
};

/// Every (method, path) the OKX adapter may send.
const std::vector<AllowedEndpoint>& AllowList();
const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path);

/// Whether `inst_id` names a SPOT instrument: BASE-QUOTE, two parts of letters and digits (swaps,
/// futures and options have three or more: BTC-USDT-SWAP, BTC-USD-250328, …).
bool IsSpotInstId(std::string_view inst_id);

/// "2020-12-08T09:08:57.715Z": OKX's timestamp for `unix_ms`.
std::string IsoMillis(int64_t unix_ms);

/// What v5 signs: timestamp ‖ METHOD ‖ request path (with "?query" for a GET) ‖ body.
std::string PreHash(std::string_view timestamp, HttpMethod method, std::string_view request_path,
                    std::string_view body);

class OkxSigner {
 public:
  static base::Result<OkxSigner> Create(std::string api_key, const crypto::SecretBytes& secret,
                                        const crypto::SecretBytes& passphrase);
  ~OkxSigner();
  OkxSigner(OkxSigner&&) noexcept;
  OkxSigner& operator=(OkxSigner&&) noexcept;

  /// A signed GET with `query` in order; refused (kPermissionDenied) before signing when the path
  /// is not on the allow-list or the query breaks its spot rule.
  base::Result<HttpRequest> SignGet(std::string_view path, const Params& query,
                                    int64_t timestamp_ms) const;
  /// A signed POST whose body is `body` serialised once (compact JSON, in the object's order): the
  /// bytes signed are the bytes sent. Refused as SignGet is.
  base::Result<HttpRequest> SignPost(std::string_view path, const boost::json::object& body,
                                     int64_t timestamp_ms) const;
  /// An unsigned GET to a public endpoint on the allow-list.
  static base::Result<HttpRequest> Public(std::string_view path, const Params& query);

  /// OK-ACCESS-SIGN for `prehash`: Base64 of HMAC-SHA256 under the secret.
  std::string SignatureOf(std::string_view prehash) const;
  const std::string& api_key() const { return api_key_; }

 private:
  struct Key;
  OkxSigner(std::string api_key, std::unique_ptr<Key> key);
  HttpRequest Signed(HttpMethod method, std::string_view path, std::string query, std::string body,
                     int64_t timestamp_ms) const;
  std::string api_key_;
  std::unique_ptr<Key> key_;
};

}  // namespace amanah::exchange::okx
