#include "exchange/kraken/kraken_signer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/sha2.h"
#include "exchange/allow_list.h"
#include "exchange/query_writer.h"

namespace amanah::exchange::kraken {

using base::Error;
using base::ErrorCode;
using base::Result;

const std::vector<AllowedEndpoint>& AllowList() {
  static const std::vector<AllowedEndpoint> kAllowed = {
      // Public data and status.
      {HttpMethod::kGet, "/0/public/Time", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/SystemStatus", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/Assets", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/AssetPairs", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/Ticker", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/OHLC", false, KrakenRule::kNone},
      {HttpMethod::kGet, "/0/public/Depth", false, KrakenRule::kNone},
      // Spot orders and their reads.
      {HttpMethod::kPost, "/0/private/AddOrder", true, KrakenRule::kSpotOrder},
      {HttpMethod::kPost, "/0/private/CancelOrder", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/OpenOrders", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/ClosedOrders", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/QueryOrders", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/TradesHistory", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/QueryTrades", true, KrakenRule::kNone},
      // Balances, and the audit's reads: the key itself, margin state, positions.
      {HttpMethod::kPost, "/0/private/Balance", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/BalanceEx", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/TradeBalance", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/OpenPositions", true, KrakenRule::kNone},
      {HttpMethod::kPost, "/0/private/GetApiKeyInfo", true, KrakenRule::kNone},
      // The audit's probes (kraken.md §2) where GetApiKeyInfo does not answer.
      {HttpMethod::kPost, "/0/private/WithdrawMethods", true, KrakenRule::kAuditProbe},
      {HttpMethod::kPost, "/0/private/DepositMethods", true, KrakenRule::kAuditProbe},
  };
  return kAllowed;
}

const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path) {
  return FindEndpoint(AllowList(), method, path);
}

bool IsSpotOrderType(std::string_view type) {
  for (const char* t : {"market", "limit", "stop-loss", "take-profit", "stop-loss-limit",
                        "take-profit-limit", "trailing-stop", "trailing-stop-limit", "iceberg"}) {
    if (type == t) return true;
  }
  return false;
}

namespace {

std::string Short(std::string_view v) { return std::string(v.substr(0, 32)); }

bool IsFalse(std::string_view v) { return v == "false" || v == "0"; }

// Why an AddOrder body is not a plain spot order, or nullopt.
std::optional<std::string> OrderRuleBroken(const Params& params) {
  bool has_pair = false, has_type = false;
  for (const auto& [name, value] : params) {
    if (name == "leverage" && value != "none") {
      return "with leverage=" + Short(value) + ": margin trading is never signed";
    }
    if (name == "reduce_only" && !IsFalse(value)) {
      return "with reduce_only: positions are not spot";
    }
    if (name == "margin" && !IsFalse(value)) {
      return "with margin=" + Short(value) + ": margin trading is never signed";
    }
    if (name.starts_with("close[") || name == "close") {
      return "with a conditional close order: only plain spot orders are signed";
    }
    if (name == "asset_class") {
      return "with asset_class=" + Short(value) + ": only currency pairs are signed";
    }
    if (name == "ordertype") {
      if (!IsSpotOrderType(value)) return "with ordertype=" + Short(value) + ": not a spot order";
      has_type = true;
    }
    if (name == "pair") has_pair = !value.empty();
  }
  if (!has_pair) return "without a pair";
  if (!has_type) return "without an ordertype";
  return std::nullopt;
}

// A parameter named twice is refused: which one the exchange reads is its guess.
std::optional<std::string> Repeated(const Params& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    for (size_t j = i + 1; j < params.size(); ++j) {
      if (params[i].first == params[j].first) return "with " + Short(params[i].first) + " twice";
    }
  }
  return std::nullopt;
}

}  // namespace

struct KrakenSigner::Key {
  crypto::HmacSigner hmac;
};

KrakenSigner::KrakenSigner(std::string api_key, std::unique_ptr<Key> key)
    : api_key_(std::move(api_key)), key_(std::move(key)) {}
KrakenSigner::~KrakenSigner() = default;
KrakenSigner::KrakenSigner(KrakenSigner&&) noexcept = default;
KrakenSigner& KrakenSigner::operator=(KrakenSigner&&) noexcept = default;

Result<KrakenSigner> KrakenSigner::Create(std::string api_key, const crypto::SecretBytes& secret) {
  // Kraken's public keys are Base64 text (56 characters).
  const bool shaped =
      !api_key.empty() && api_key.size() <= 128 &&
      std::all_of(api_key.begin(), api_key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
      });
  if (!shaped) {
    return Error(ErrorCode::kInvalidArgument,
                 "the API key has characters other than Base64's (letters, digits, + / =)");
  }
  if (secret.empty()) return Error(ErrorCode::kInvalidArgument, "the private key is empty");
  auto decoded = crypto::Base64DecodeSecret(secret.view());
  if (!decoded || decoded->empty()) {
    return Error(ErrorCode::kInvalidArgument,
                 "the private key is not Base64 text: copy it again from Kraken's API page");
  }
  AMANAH_ASSIGN_OR_RETURN(
      auto hmac, crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha512, decoded->bytes()));
  return KrakenSigner(std::move(api_key), std::make_unique<Key>(Key{std::move(hmac)}));
}

std::string KrakenSigner::SignatureOf(std::string_view path, std::string_view nonce,
                                      std::string_view body) const {
  std::string inner(nonce);
  inner += body;
  const auto digest = crypto::Sha256(crypto::AsBytes(inner));
  std::string message(path);
  message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  return crypto::Base64Encode(key_->hmac.Sign(crypto::AsBytes(message)));
}

Result<HttpRequest> KrakenSigner::SignPost(std::string_view path, const Params& params,
                                           int64_t nonce) const {
  const AllowedEndpoint* allowed = FindAllowed(HttpMethod::kPost, path);
  if (allowed == nullptr || !allowed->signed_request) {
    return RefusedBeforeSigning(HttpMethod::kPost, path, "is not on the Kraken spot allow-list");
  }
  if (nonce <= 0) return RefusedBeforeSigning(HttpMethod::kPost, path, "without a nonce");
  if (auto twice = Repeated(params)) return RefusedBeforeSigning(HttpMethod::kPost, path, *twice);
  for (const auto& [name, _] : params) {
    if (name == "nonce")
      return RefusedBeforeSigning(HttpMethod::kPost, path, "with a nonce of its own");
  }
  if (allowed->rule == KrakenRule::kSpotOrder) {
    if (auto broken = OrderRuleBroken(params)) {
      return RefusedBeforeSigning(HttpMethod::kPost, path, *broken);
    }
  }
  const std::string nonce_text = std::to_string(nonce);
  std::string body = "nonce=" + nonce_text;
  if (!params.empty()) body += "&" + EncodeParams(params);
  HttpRequest request;
  request.method = HttpMethod::kPost;
  request.path = std::string(path);
  request.headers = {
      {"API-Key", api_key_},
      {"API-Sign", SignatureOf(path, nonce_text, body)},
      {"Content-Type", "application/x-www-form-urlencoded"},
  };
  request.body = std::move(body);
  return request;
}

Result<HttpRequest> KrakenSigner::Public(std::string_view path, const Params& query) {
  const AllowedEndpoint* allowed = FindAllowed(HttpMethod::kGet, path);
  if (allowed == nullptr || allowed->signed_request) {
    return Error(ErrorCode::kPermissionDenied,
                 "GET " + std::string(path).substr(0, 128) +
                     " is not a public endpoint on the Kraken spot allow-list");
  }
  if (auto twice = Repeated(query)) {
    return Error(ErrorCode::kPermissionDenied, "GET " + std::string(path) + " " + *twice);
  }
  HttpRequest request;
  request.path = std::string(path);
  request.query = EncodeParams(query);
  return request;
}

}  // namespace amanah::exchange::kraken
