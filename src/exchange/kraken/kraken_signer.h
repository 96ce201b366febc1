// KrakenSigner: turns a Kraken spot REST call into a signed HttpRequest as Kraken documents it
// (../shared/reference/exchanges/kraken.md §1): the form body `nonce=N&…` (the nonce first, as
// ccxt sends it), and API-Sign = Base64(HMAC-SHA512(key = Base64-decoded secret, URI path ‖
// SHA-256(nonce ‖ body))), with API-Key beside it. The decoded secret lives only in the HMAC's
// locked pads. The nonce is given by the caller (a NonceSource draws it).
//
// Spot only, structurally. Every private method is `POST /0/private/<Method>` on one host, so the
// allow-list is by method, and what an order says is checked before signing: AddOrder never with
// `leverage` (other than "none"), `reduce_only`, `margin`, a conditional close (`close[…]`), an
// `asset_class` or the `settle-position` type; WalletTransfer (which Kraken allows with only the
// Query Funds permission), withdrawals, deposits' addresses, earn, sub-accounts, exports, batch
// and edit orders, and anything off `/0/` (Kraken Futures has its own host and paths) are refused.
// WithdrawMethods and DepositMethods — reads that tell whether the key can move funds — are
// signed only as the audit's probes. Thread-safe (const).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "exchange/http_request.h"

namespace amanah::exchange::kraken {

/// What an allowed endpoint's request must say besides its method and path.
enum class KrakenRule {
  kNone,        ///< nothing (time, status, reads)
  kSpotOrder,   ///< AddOrder: plain spot (see the file comment)
  kAuditProbe,  ///< a read of the funding group: the audit's probe, never a trading call's
};

struct AllowedEndpoint {
  HttpMethod method;
  std::string_view path;
  bool signed_request;
  KrakenRule rule;
};

/// Every (method, path) the Kraken adapter may send.
const std::vector<AllowedEndpoint>& AllowList();
const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path);

/// The order types AddOrder is signed with (settle-position, which closes margin positions, is
/// not one).
bool IsSpotOrderType(std::string_view type);

class KrakenSigner {
 public:
  /// `secret` is the key's private key as Kraken shows it (Base64 text).
  static base::Result<KrakenSigner> Create(std::string api_key, const crypto::SecretBytes& secret);
  ~KrakenSigner();
  KrakenSigner(KrakenSigner&&) noexcept;
  KrakenSigner& operator=(KrakenSigner&&) noexcept;

  /// A signed POST of `path` with body `nonce=N&params…`; refused (kPermissionDenied) before
  /// signing when the method is not on the allow-list or the body breaks its rule.
  base::Result<HttpRequest> SignPost(std::string_view path, const Params& params,
                                     int64_t nonce) const;
  /// An unsigned GET to a public endpoint on the allow-list.
  static base::Result<HttpRequest> Public(std::string_view path, const Params& query);

  /// API-Sign for `path`, the nonce's decimal text and the body: what K1 and K2 check.
  std::string SignatureOf(std::string_view path, std::string_view nonce,
                          std::string_view body) const;
  const std::string& api_key() const { return api_key_; }

 private:
  struct Key;
  KrakenSigner(std::string api_key, std::unique_ptr<Key> key);
  std::string api_key_;
  std::unique_ptr<Key> key_;
};

}  // namespace amanah::exchange::kraken
