// Binance RequestSigner: turns (method, path, parameters) into a signed HttpRequest exactly as
// Binance documents (../shared/reference/exchanges/binance.md §1) — parameters percent-encoded in
// order, then recvWindow and timestamp, signed over query ‖ body with the key's algorithm (HMAC-
// SHA256 hex; Ed25519 or RSA-PKCS#1-v1.5-SHA256 as base64, percent-encoded), the key in
// X-MBX-APIKEY. GET and DELETE carry everything in the query; POST in a form body (as ccxt does).
//
// Spot only, structurally: the signer holds the allow-list of (method, path) pairs a spot gateway
// needs — spot orders, spot and account reads, the permission and account-state reads of the
// audit — and refuses anything else *before* computing a signature, so no code path can produce a
// signed withdrawal, transfer, margin or futures request. The secret lives in SecretBytes (or an
// OpenSSL key) for the signer's lifetime only. Thread-safe (const).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "exchange/http_request.h"

namespace amanah::exchange::binance {

struct AllowedEndpoint {
  HttpMethod method;
  std::string_view path;
  bool signed_request;  ///< USER_DATA/TRADE (signed) or public
};

/// Every (method, path) the Binance adapter may send.
const std::vector<AllowedEndpoint>& AllowList();
/// The entry for (method, path), if allowed.
const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path);

class RequestSigner {
 public:
  enum class KeyType { kHmac, kEd25519, kRsa };

  /// `secret` is the HMAC secret, or the PEM (PKCS#8) private key for Ed25519/RSA.
  static base::Result<RequestSigner> Create(KeyType type, std::string api_key,
                                            const crypto::SecretBytes& secret);
  ~RequestSigner();
  RequestSigner(RequestSigner&&) noexcept;
  RequestSigner& operator=(RequestSigner&&) noexcept;

  /// A signed request; refused (kPermissionDenied) if (method, path) is not on the allow-list or is
  /// a public endpoint. `timestamp_ms` comes from the caller's clock plus the server-time offset.
  base::Result<HttpRequest> Sign(HttpMethod method, std::string_view path, const Params& params,
                                 int64_t timestamp_ms, std::optional<int64_t> recv_window_ms) const;
  /// The same, with the parameters already percent-encoded ("a=1&b=2"); they must not set
  /// signature, timestamp or recvWindow.
  base::Result<HttpRequest> SignEncoded(HttpMethod method, std::string_view path,
                                        std::string_view encoded, int64_t timestamp_ms,
                                        std::optional<int64_t> recv_window_ms) const;
  /// An unsigned request to a public endpoint on the allow-list.
  static base::Result<HttpRequest> Public(HttpMethod method, std::string_view path,
                                          const Params& params);

  /// The signature of `payload` as it goes on the wire (hex, or percent-encoded base64).
  std::string SignatureOf(std::string_view payload) const;

  /// The signed parameters of a WebSocket API request (web-socket-api.md, SIGNED requests): the
  /// caller's `params` plus apiKey, timestamp and recvWindow, sorted by name, signed over
  /// "name=value&…" as they are (no percent-encoding), the signature added (hex, or plain
  /// base64). Only methods on the WebSocket allow-list — the user data stream's
  /// `userDataStream.subscribe.signature` — are signed; anything else is refused
  /// (kPermissionDenied) before a signature is computed.
  base::Result<Params> SignWebSocket(std::string_view ws_method, const Params& params,
                                     int64_t timestamp_ms,
                                     std::optional<int64_t> recv_window_ms) const;
  /// The signature of a WebSocket payload as its `signature` parameter carries it: hex, or plain
  /// base64 (JSON needs no percent-encoding).
  std::string WebSocketSignatureOf(std::string_view payload) const;

  KeyType type() const { return type_; }
  const std::string& api_key() const { return api_key_; }

 private:
  struct Key;
  RequestSigner(KeyType type, std::string api_key, std::unique_ptr<Key> key);
  KeyType type_;
  std::string api_key_;
  std::unique_ptr<Key> key_;
};

/// Every WebSocket API method the Binance adapter may sign.
const std::vector<std::string_view>& WebSocketAllowList();

/// What a WebSocket API request signs: `params` sorted by name, "name=value&…", not encoded.
std::string WebSocketPayload(Params params);

}  // namespace amanah::exchange::binance
