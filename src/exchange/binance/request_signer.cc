#include "exchange/binance/request_signer.h"

#include <algorithm>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/rsa.h"
#include "exchange/allow_list.h"
#include "exchange/key_material.h"
#include "exchange/query_writer.h"

namespace amanah::exchange::binance {

using base::Error;
using base::ErrorCode;
using base::Result;

const std::vector<AllowedEndpoint>& AllowList() {
  static const std::vector<AllowedEndpoint> kAllowed = {
      // Public market data and status.
      {HttpMethod::kGet, "/api/v3/ping", false},
      {HttpMethod::kGet, "/api/v3/time", false},
      {HttpMethod::kGet, "/api/v3/exchangeInfo", false},
      {HttpMethod::kGet, "/api/v3/depth", false},
      {HttpMethod::kGet, "/api/v3/ticker/price", false},
      {HttpMethod::kGet, "/api/v3/ticker/bookTicker", false},
      {HttpMethod::kGet, "/api/v3/ticker/24hr", false},
      {HttpMethod::kGet, "/api/v3/klines", false},
      {HttpMethod::kGet, "/sapi/v1/system/status", false},
      // Spot account and orders.
      {HttpMethod::kGet, "/api/v3/account", true},
      {HttpMethod::kPost, "/api/v3/order", true},
      {HttpMethod::kPost, "/api/v3/order/test", true},
      {HttpMethod::kGet, "/api/v3/order", true},
      {HttpMethod::kDelete, "/api/v3/order", true},
      {HttpMethod::kGet, "/api/v3/openOrders", true},
      {HttpMethod::kDelete, "/api/v3/openOrders", true},
      {HttpMethod::kGet, "/api/v3/allOrders", true},
      {HttpMethod::kGet, "/api/v3/myTrades", true},
      {HttpMethod::kGet, "/api/v3/rateLimit/order", true},
      // The audit's reads: key permissions and account state (reads only).
      {HttpMethod::kGet, "/sapi/v1/account/apiRestrictions", true},
      {HttpMethod::kGet, "/sapi/v1/margin/account", true},
      {HttpMethod::kGet, "/sapi/v1/margin/isolated/account", true},
  };
  return kAllowed;
}

const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path) {
  return FindEndpoint(AllowList(), method, path);
}

struct RequestSigner::Key {
  std::optional<crypto::HmacSigner> hmac;
  std::optional<crypto::Ed25519PrivateKey> ed25519;
  std::optional<crypto::RsaPrivateKey> rsa;
};

RequestSigner::RequestSigner(KeyType type, std::string api_key, std::unique_ptr<Key> key)
    : type_(type), api_key_(std::move(api_key)), key_(std::move(key)) {}
RequestSigner::~RequestSigner() = default;
RequestSigner::RequestSigner(RequestSigner&&) noexcept = default;
RequestSigner& RequestSigner::operator=(RequestSigner&&) noexcept = default;

Result<RequestSigner> RequestSigner::Create(KeyType type, std::string api_key,
                                            const crypto::SecretBytes& secret) {
  AMANAH_TRY(CheckApiKeyId(api_key));
  auto key = std::make_unique<Key>();
  switch (type) {
    case KeyType::kHmac: {
      if (secret.empty()) return Error(ErrorCode::kInvalidArgument, "the HMAC secret is empty");
      AMANAH_ASSIGN_OR_RETURN(
          auto signer, crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha256, secret.bytes()));
      key->hmac.emplace(std::move(signer));
      break;
    }
    case KeyType::kEd25519: {
      auto pem = crypto::Ed25519PrivateKey::FromPem(secret.view());
      if (!pem)
        return Error(ErrorCode::kInvalidArgument, "not an Ed25519 private key in PEM (PKCS#8)");
      key->ed25519.emplace(std::move(*pem));
      break;
    }
    case KeyType::kRsa: {
      auto pem = crypto::RsaPrivateKey::FromPem(secret.view());
      if (!pem) return Error(ErrorCode::kInvalidArgument, "not an RSA private key in PEM (PKCS#8)");
      key->rsa.emplace(std::move(*pem));
      break;
    }
  }
  return RequestSigner(type, std::move(api_key), std::move(key));
}

Result<HttpRequest> RequestSigner::Public(HttpMethod method, std::string_view path,
                                          const Params& params) {
  const AllowedEndpoint* allowed = FindAllowed(method, path);
  if (allowed == nullptr || allowed->signed_request)
    return Error(ErrorCode::kPermissionDenied,
                 std::string(MethodName(method)) + " " + std::string(path) +
                     " is not a public endpoint on the Binance spot allow-list");
  HttpRequest request;
  request.method = method;
  request.path = std::string(path);
  request.query = EncodeParams(params);
  return request;
}

const std::vector<std::string_view>& WebSocketAllowList() {
  static const std::vector<std::string_view> kMethods = {"userDataStream.subscribe.signature"};
  return kMethods;
}

Result<Params> RequestSigner::SignWebSocket(std::string_view ws_method, const Params& params,
                                            int64_t timestamp_ms,
                                            std::optional<int64_t> recv_window_ms) const {
  const auto& allowed = WebSocketAllowList();
  if (std::find(allowed.begin(), allowed.end(), ws_method) == allowed.end()) {
    return Error(ErrorCode::kPermissionDenied, "WebSocket method " +
                                                   std::string(ws_method).substr(0, 64) +
                                                   " is not on the Binance spot allow-list");
  }
  Params all = params;
  for (const auto& [name, _] : params) {
    if (name == "signature" || name == "timestamp" || name == "recvWindow" || name == "apiKey")
      return Error(ErrorCode::kInvalidArgument, "parameter '" + name + "' is set by the signer");
  }
  all.emplace_back("apiKey", api_key_);
  all.emplace_back("timestamp", std::to_string(timestamp_ms));
  if (recv_window_ms) all.emplace_back("recvWindow", std::to_string(*recv_window_ms));
  std::string signature = WebSocketSignatureOf(WebSocketPayload(all));
  all.emplace_back("signature", std::move(signature));
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return all;
}

std::string WebSocketPayload(Params params) {
  std::sort(params.begin(), params.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string payload;
  for (const auto& [name, value] : params) {
    if (!payload.empty()) payload += '&';
    payload += name;
    payload += '=';
    payload += value;
  }
  return payload;
}

std::string RequestSigner::WebSocketSignatureOf(std::string_view payload) const {
  switch (type_) {
    case KeyType::kHmac:
      return crypto::HexEncode(key_->hmac->Sign(crypto::AsBytes(payload)));
    case KeyType::kEd25519:
      return crypto::Base64Encode(key_->ed25519->Sign(crypto::AsBytes(payload)));
    case KeyType::kRsa:
      return crypto::Base64Encode(key_->rsa->SignPkcs1Sha256(crypto::AsBytes(payload)));
  }
  return {};
}

std::string RequestSigner::SignatureOf(std::string_view payload) const {
  // HMAC's hex needs no encoding; Base64's '+', '/' and '=' do, in a query or a form.
  std::string signature = WebSocketSignatureOf(payload);
  return type_ == KeyType::kHmac ? signature : crypto::PercentEncode(signature);
}

Result<HttpRequest> RequestSigner::Sign(HttpMethod method, std::string_view path,
                                        const Params& params, int64_t timestamp_ms,
                                        std::optional<int64_t> recv_window_ms) const {
  for (const auto& [name, _] : params) {
    if (name == "signature" || name == "timestamp" || name == "recvWindow")
      return Error(ErrorCode::kInvalidArgument, "parameter '" + name + "' is set by the signer");
  }
  return SignEncoded(method, path, EncodeParams(params), timestamp_ms, recv_window_ms);
}

Result<HttpRequest> RequestSigner::SignEncoded(HttpMethod method, std::string_view path,
                                               std::string_view encoded, int64_t timestamp_ms,
                                               std::optional<int64_t> recv_window_ms) const {
  const AllowedEndpoint* allowed = FindAllowed(method, path);
  if (allowed == nullptr || !allowed->signed_request)
    return RefusedBeforeSigning(method, path, "is not on the Binance spot allow-list");
  // One pass over the parameter names: the signer's own may not be given.
  for (size_t at = 0; at < encoded.size();) {
    size_t end = encoded.find('&', at);
    if (end == std::string_view::npos) end = encoded.size();
    const std::string_view pair = encoded.substr(at, end - at);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (name == "signature" || name == "timestamp" || name == "recvWindow") {
      return Error(ErrorCode::kInvalidArgument,
                   "parameter '" + std::string(name) + "' is set by the signer");
    }
    at = end + 1;
  }
  // One buffer: the payload, then "&signature=…" appended to it in place.
  QueryWriter payload;
  payload.AppendRaw(encoded);
  if (recv_window_ms) payload.AddInt("recvWindow", *recv_window_ms);
  payload.AddInt("timestamp", timestamp_ms);
  if (type_ == KeyType::kHmac) {
    uint8_t mac[32];
    key_->hmac->SignInto(crypto::AsBytes(payload.view()), mac);
    payload.AppendRaw("&signature=");
    payload.AppendHex(mac, sizeof mac);
  } else {
    const std::string signature = SignatureOf(payload.view());
    payload.AppendRaw("&signature=");
    payload.AppendRaw(signature);
  }
  std::string signed_payload = payload.str();
  HttpRequest request;
  request.method = method;
  request.path = std::string(path);
  request.headers.reserve(2);
  request.headers.emplace_back("X-MBX-APIKEY", api_key_);
  if (method == HttpMethod::kPost) {
    request.body = std::move(signed_payload);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  } else {
    request.query = std::move(signed_payload);
  }
  return request;
}

}  // namespace amanah::exchange::binance
