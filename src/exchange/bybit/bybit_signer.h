// BybitSigner: turns a v5 call into a signed HttpRequest exactly as Bybit documents it
// (../shared/reference/exchanges/bybit.md §1) — HMAC-SHA256 as lowercase hex (RSA-SHA256 as
// base64 for self-generated keys) over timestamp ‖ api key ‖ recv window ‖ (the query string of a
// GET | the JSON body of a POST), byte for byte what is sent; the key, timestamp, window and
// signature in the X-BAPI-* headers.
//
// Spot only, structurally: the allow-list is (method, path) plus what the body or query says.
// Spot and margin share /v5/order/*, so an order is signed only with `category` "spot" and
// `isLeverage` absent or 0, a cancel or an order query only with `category` "spot", and every
// path not listed (transfers, withdrawals, borrowing, leverage, positions' writes, key
// management) is refused before a signature is computed. Thread-safe (const).
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

namespace amanah::exchange::bybit {

/// What an allowed endpoint's request must say besides its method and path.
enum class SpotRule {
  kNone,          ///< nothing (market data, the key's and the account's reads)
  kSpotCategory,  ///< `category` is "spot"
  kSpotOrder,     ///< `category` is "spot" and `isLeverage` absent or 0 (an order)
};

struct AllowedEndpoint {
  HttpMethod method;
  std::string_view path;
  bool signed_request;
  SpotRule rule;
};

/// Every (method, path) the Bybit adapter may send.
const std::vector<AllowedEndpoint>& AllowList();
const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path);

/// What v5 signs: timestamp ‖ api key ‖ recv window ‖ payload (the query string or the body).
std::string StringToSign(int64_t timestamp_ms, std::string_view api_key, int64_t recv_window_ms,
                         std::string_view payload);

class BybitSigner {
 public:
  enum class KeyType { kHmac, kRsa };

  /// `secret` is the HMAC secret, or the PEM (PKCS#8) RSA private key.
  static base::Result<BybitSigner> Create(KeyType type, std::string api_key,
                                          const crypto::SecretBytes& secret);
  ~BybitSigner();
  BybitSigner(BybitSigner&&) noexcept;
  BybitSigner& operator=(BybitSigner&&) noexcept;

  /// A signed GET with `query` in order; refused (kPermissionDenied) before signing when the path
  /// is not on the allow-list or the query breaks its spot rule.
  base::Result<HttpRequest> SignGet(std::string_view path, const Params& query,
                                    int64_t timestamp_ms, int64_t recv_window_ms) const;
  /// A signed POST whose body is `body` serialised once (compact JSON, in the object's order):
  /// the bytes signed are the bytes sent. Refused as SignGet is.
  base::Result<HttpRequest> SignPost(std::string_view path, const boost::json::object& body,
                                     int64_t timestamp_ms, int64_t recv_window_ms) const;
  /// An unsigned GET to a public endpoint on the allow-list.
  static base::Result<HttpRequest> Public(std::string_view path, const Params& query);

  /// The signature of `payload` as X-BAPI-SIGN carries it: lowercase hex, or base64 (RSA).
  std::string SignatureOf(std::string_view payload) const;

  KeyType type() const { return type_; }
  const std::string& api_key() const { return api_key_; }

 private:
  struct Key;
  BybitSigner(KeyType type, std::string api_key, std::unique_ptr<Key> key);
  HttpRequest Signed(HttpMethod method, std::string_view path, std::string query, std::string body,
                     int64_t timestamp_ms, int64_t recv_window_ms) const;
  KeyType type_;
  std::string api_key_;
  std::unique_ptr<Key> key_;
};

}  // namespace amanah::exchange::bybit
