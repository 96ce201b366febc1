#include "exchange/bybit/bybit_signer.h"

#include <boost/json/serialize.hpp>

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/rsa.h"
#include "exchange/allow_list.h"
#include "exchange/key_material.h"
#include "exchange/query_writer.h"

namespace amanah::exchange::bybit {

using base::Error;
using base::ErrorCode;
using base::Result;

const std::vector<AllowedEndpoint>& AllowList() {
  static const std::vector<AllowedEndpoint> kAllowed = {
      // Public market data and status.
      {HttpMethod::kGet, "/v5/market/time", false, SpotRule::kNone},
      {HttpMethod::kGet, "/v5/market/instruments-info", false, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/market/tickers", false, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/market/orderbook", false, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/market/kline", false, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/system/status", false, SpotRule::kNone},
      // Spot orders and their reads.
      {HttpMethod::kPost, "/v5/order/create", true, SpotRule::kSpotOrder},
      {HttpMethod::kPost, "/v5/order/cancel", true, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/order/realtime", true, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/order/history", true, SpotRule::kSpotCategory},
      {HttpMethod::kGet, "/v5/execution/list", true, SpotRule::kSpotCategory},
      // Balances, and the audit's reads: the key, the account mode, spot margin, positions.
      {HttpMethod::kGet, "/v5/account/wallet-balance", true, SpotRule::kNone},
      {HttpMethod::kGet, "/v5/user/query-api", true, SpotRule::kNone},
      {HttpMethod::kGet, "/v5/account/info", true, SpotRule::kNone},
      {HttpMethod::kGet, "/v5/spot-margin-trade/state", true, SpotRule::kNone},
      {HttpMethod::kGet, "/v5/position/list", true, SpotRule::kNone},
  };
  return kAllowed;
}

const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path) {
  return FindEndpoint(AllowList(), method, path);
}

std::string StringToSign(int64_t timestamp_ms, std::string_view api_key, int64_t recv_window_ms,
                         std::string_view payload) {
  std::string out = std::to_string(timestamp_ms);
  out += api_key;
  out += std::to_string(recv_window_ms);
  out += payload;
  return out;
}

namespace {

// The endpoint's spot rule against the category and isLeverage the request carries.
std::optional<std::string> RuleBroken(SpotRule rule, const std::string* category,
                                      std::optional<std::string> is_leverage) {
  if (rule == SpotRule::kNone) return std::nullopt;
  if (category == nullptr) return "without category=spot";
  if (*category != "spot") return "with category=" + category->substr(0, 32) + ": spot only";
  if (rule == SpotRule::kSpotOrder && is_leverage && *is_leverage != "0") {
    return "with isLeverage=" + is_leverage->substr(0, 32) + ": margin trading is never signed";
  }
  return std::nullopt;
}

const AllowedEndpoint* Allowed(HttpMethod method, std::string_view path) {
  const AllowedEndpoint* e = FindAllowed(method, path);
  return e != nullptr && e->signed_request ? e : nullptr;
}

}  // namespace

struct BybitSigner::Key {
  std::optional<crypto::HmacSigner> hmac;
  std::optional<crypto::RsaPrivateKey> rsa;
};

BybitSigner::BybitSigner(KeyType type, std::string api_key, std::unique_ptr<Key> key)
    : type_(type), api_key_(std::move(api_key)), key_(std::move(key)) {}
BybitSigner::~BybitSigner() = default;
BybitSigner::BybitSigner(BybitSigner&&) noexcept = default;
BybitSigner& BybitSigner::operator=(BybitSigner&&) noexcept = default;

Result<BybitSigner> BybitSigner::Create(KeyType type, std::string api_key,
                                        const crypto::SecretBytes& secret) {
  AMANAH_TRY(CheckApiKeyId(api_key));
  auto key = std::make_unique<Key>();
  if (type == KeyType::kHmac) {
    if (secret.empty()) return Error(ErrorCode::kInvalidArgument, "the HMAC secret is empty");
    AMANAH_ASSIGN_OR_RETURN(
        auto signer, crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha256, secret.bytes()));
    key->hmac.emplace(std::move(signer));
  } else {
    auto pem = crypto::RsaPrivateKey::FromPem(secret.view());
    if (!pem) return Error(ErrorCode::kInvalidArgument, "not an RSA private key in PEM (PKCS#8)");
    key->rsa.emplace(std::move(*pem));
  }
  return BybitSigner(type, std::move(api_key), std::move(key));
}

std::string BybitSigner::SignatureOf(std::string_view payload) const {
  if (type_ == KeyType::kHmac) {
    return crypto::HexEncode(key_->hmac->Sign(crypto::AsBytes(payload)));
  }
  return crypto::Base64Encode(key_->rsa->SignPkcs1Sha256(crypto::AsBytes(payload)));
}

HttpRequest BybitSigner::Signed(HttpMethod method, std::string_view path, std::string query,
                                std::string body, int64_t timestamp_ms,
                                int64_t recv_window_ms) const {
  HttpRequest request;
  request.method = method;
  request.path = std::string(path);
  const std::string& payload = method == HttpMethod::kPost ? body : query;
  request.headers = {
      {"X-BAPI-API-KEY", api_key_},
      {"X-BAPI-TIMESTAMP", std::to_string(timestamp_ms)},
      {"X-BAPI-RECV-WINDOW", std::to_string(recv_window_ms)},
      {"X-BAPI-SIGN", SignatureOf(StringToSign(timestamp_ms, api_key_, recv_window_ms, payload))},
  };
  if (method == HttpMethod::kPost) request.headers.emplace_back("Content-Type", "application/json");
  request.query = std::move(query);
  request.body = std::move(body);
  return request;
}

Result<HttpRequest> BybitSigner::SignGet(std::string_view path, const Params& query,
                                         int64_t timestamp_ms, int64_t recv_window_ms) const {
  const AllowedEndpoint* allowed = Allowed(HttpMethod::kGet, path);
  if (allowed == nullptr) {
    return RefusedBeforeSigning(HttpMethod::kGet, path, "is not on the Bybit spot allow-list");
  }
  const std::string* category = nullptr;
  for (const auto& [name, value] : query) {
    if (name == "category") {
      if (category != nullptr)
        return RefusedBeforeSigning(HttpMethod::kGet, path, "with category twice");
      category = &value;
    }
  }
  if (auto broken = RuleBroken(allowed->rule, category, std::nullopt)) {
    return RefusedBeforeSigning(HttpMethod::kGet, path, *broken);
  }
  return Signed(HttpMethod::kGet, path, EncodeParams(query), "", timestamp_ms, recv_window_ms);
}

Result<HttpRequest> BybitSigner::SignPost(std::string_view path, const boost::json::object& body,
                                          int64_t timestamp_ms, int64_t recv_window_ms) const {
  const AllowedEndpoint* allowed = Allowed(HttpMethod::kPost, path);
  if (allowed == nullptr) {
    return RefusedBeforeSigning(HttpMethod::kPost, path, "is not on the Bybit spot allow-list");
  }
  std::string category_text;
  const std::string* category = nullptr;
  if (const auto* c = body.if_contains("category")) {
    category_text = c->is_string() ? std::string(c->as_string()) : boost::json::serialize(*c);
    category = &category_text;
  }
  std::optional<std::string> is_leverage;
  if (const auto* l = body.if_contains("isLeverage")) {
    is_leverage = l->is_string() ? std::string(l->as_string()) : boost::json::serialize(*l);
  }
  if (auto broken = RuleBroken(allowed->rule, category, is_leverage)) {
    return RefusedBeforeSigning(HttpMethod::kPost, path, *broken);
  }
  return Signed(HttpMethod::kPost, path, "", boost::json::serialize(body), timestamp_ms,
                recv_window_ms);
}

Result<HttpRequest> BybitSigner::Public(std::string_view path, const Params& query) {
  const AllowedEndpoint* allowed = FindAllowed(HttpMethod::kGet, path);
  if (allowed == nullptr || allowed->signed_request) {
    return Error(ErrorCode::kPermissionDenied,
                 "GET " + std::string(path).substr(0, 128) +
                     " is not a public endpoint on the Bybit spot allow-list");
  }
  const std::string* category = nullptr;
  for (const auto& [name, value] : query) {
    if (name == "category") category = &value;
  }
  if (auto broken = RuleBroken(allowed->rule, category, std::nullopt)) {
    return Error(ErrorCode::kPermissionDenied, "GET " + std::string(path) + " " + *broken);
  }
  HttpRequest request;
  request.path = std::string(path);
  request.query = EncodeParams(query);
  return request;
}

}  // namespace amanah::exchange::bybit
