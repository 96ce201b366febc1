#include "exchange/okx/okx_signer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include <boost/json/serialize.hpp>

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "exchange/allow_list.h"
#include "exchange/key_material.h"
#include "exchange/query_writer.h"

namespace amanah::exchange::okx {

using base::Error;
using base::ErrorCode;
using base::Result;

const std::vector<AllowedEndpoint>& AllowList() {
  static const std::vector<AllowedEndpoint> kAllowed = {
      // Public data and status.
      {HttpMethod::kGet, "/api/v5/public/time", false, OkxRule::kNone},
      {HttpMethod::kGet, "/api/v5/public/instruments", false, OkxRule::kSpotList},
      {HttpMethod::kGet, "/api/v5/system/status", false, OkxRule::kNone},
      {HttpMethod::kGet, "/api/v5/market/ticker", false, OkxRule::kSpotQuery},
      {HttpMethod::kGet, "/api/v5/market/books", false, OkxRule::kSpotQuery},
      {HttpMethod::kGet, "/api/v5/market/candles", false, OkxRule::kSpotQuery},
      {HttpMethod::kGet, "/api/v5/market/history-candles", false, OkxRule::kSpotQuery},
      // Spot orders and their reads.
      {HttpMethod::kPost, "/api/v5/trade/order", true, OkxRule::kSpotOrder},
      {HttpMethod::kPost, "/api/v5/trade/cancel-order", true, OkxRule::kSpotQuery},
      {HttpMethod::kGet, "/api/v5/trade/order", true, OkxRule::kSpotQuery},
      {HttpMethod::kGet, "/api/v5/trade/orders-pending", true, OkxRule::kSpotList},
      {HttpMethod::kGet, "/api/v5/trade/orders-history", true, OkxRule::kSpotList},
      {HttpMethod::kGet, "/api/v5/trade/fills", true, OkxRule::kSpotList},
      {HttpMethod::kGet, "/api/v5/trade/fills-history", true, OkxRule::kSpotList},
      // Balances, and the audit's reads: the key and account configuration, positions, funding.
      {HttpMethod::kGet, "/api/v5/account/config", true, OkxRule::kNone},
      {HttpMethod::kGet, "/api/v5/account/balance", true, OkxRule::kNone},
      {HttpMethod::kGet, "/api/v5/account/positions", true, OkxRule::kNone},
      {HttpMethod::kGet, "/api/v5/asset/balances", true, OkxRule::kNone},
  };
  return kAllowed;
}

const AllowedEndpoint* FindAllowed(HttpMethod method, std::string_view path) {
  return FindEndpoint(AllowList(), method, path);
}

bool IsSpotInstId(std::string_view id) {
  const size_t dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size()) return false;
  const std::string_view base = id.substr(0, dash);
  const std::string_view quote = id.substr(dash + 1);
  return base.size() <= 20 && quote.size() <= 20 && IsAlnumText(base) && IsAlnumText(quote);
}

std::string IsoMillis(int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms % 1000));
  return out;
}

std::string PreHash(std::string_view timestamp, HttpMethod method, std::string_view request_path,
                    std::string_view body) {
  std::string out(timestamp);
  out += MethodName(method);
  out += request_path;
  out += body;
  return out;
}

namespace {

// What a request says, for its spot rule: each field as text, absent as nullopt.
struct Said {
  std::optional<std::string> inst_id, inst_type, td_mode, reduce_only;
  bool algo_orders = false;
};

std::optional<std::string> RuleBroken(OkxRule rule, const Said& s) {
  const auto short_text = [](const std::string& v) { return v.substr(0, 32); };
  if (rule == OkxRule::kNone) return std::nullopt;
  if (s.inst_id && !IsSpotInstId(*s.inst_id)) {
    return "with instId=" + short_text(*s.inst_id) + ": spot instruments only";
  }
  if (s.inst_type && *s.inst_type != "SPOT") {
    return "with instType=" + short_text(*s.inst_type) + ": spot only";
  }
  if (rule == OkxRule::kSpotList && !s.inst_type && !s.inst_id) {
    return "without instType=SPOT or a SPOT instId";
  }
  if ((rule == OkxRule::kSpotQuery || rule == OkxRule::kSpotOrder) && !s.inst_id) {
    return "without a SPOT instId";
  }
  if (rule == OkxRule::kSpotOrder) {
    if (!s.td_mode) return "without tdMode=cash";
    if (*s.td_mode != "cash") {
      return "with tdMode=" + short_text(*s.td_mode) + ": margin trading is never signed";
    }
    if (s.algo_orders) return "with attachAlgoOrds: only plain spot orders are signed";
    if (s.reduce_only && *s.reduce_only != "false") return "with reduceOnly: not a spot order";
  }
  return std::nullopt;
}

const AllowedEndpoint* AllowedSigned(HttpMethod method, std::string_view path) {
  const AllowedEndpoint* e = FindAllowed(method, path);
  return e != nullptr && e->signed_request ? e : nullptr;
}

// The fields a query names; a name twice is refused (which one the exchange reads is its guess).
Result<Said> FromQuery(HttpMethod method, std::string_view path, const Params& query) {
  Said s;
  for (const auto& [name, value] : query) {
    std::optional<std::string>* field = name == "instId"     ? &s.inst_id
                                        : name == "instType" ? &s.inst_type
                                        : name == "tdMode"   ? &s.td_mode
                                                             : nullptr;
    if (field == nullptr) continue;
    if (*field) return RefusedBeforeSigning(method, path, "with " + name + " twice");
    *field = value;
  }
  return s;
}

std::string Text(const boost::json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
}

}  // namespace

struct OkxSigner::Key {
  crypto::HmacSigner hmac;
  crypto::SecretBytes passphrase;
};

OkxSigner::OkxSigner(std::string api_key, std::unique_ptr<Key> key)
    : api_key_(std::move(api_key)), key_(std::move(key)) {}
OkxSigner::~OkxSigner() = default;
OkxSigner::OkxSigner(OkxSigner&&) noexcept = default;
OkxSigner& OkxSigner::operator=(OkxSigner&&) noexcept = default;

Result<OkxSigner> OkxSigner::Create(std::string api_key, const crypto::SecretBytes& secret,
                                    const crypto::SecretBytes& passphrase) {
  // OKX's key ids are UUIDs: letters, digits and dashes.
  const bool shaped = !api_key.empty() && api_key.size() <= 64 &&
                      std::all_of(api_key.begin(), api_key.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
                      });
  if (!shaped) {
    return Error(ErrorCode::kInvalidArgument,
                 "the API key has characters other than letters, digits and dashes");
  }
  if (secret.empty()) return Error(ErrorCode::kInvalidArgument, "the secret key is empty");
  if (passphrase.empty()) return Error(ErrorCode::kInvalidArgument, "the passphrase is empty");
  // It travels in a header: a line break or a control character would split the request.
  const std::string_view phrase = passphrase.view();
  if (!std::all_of(phrase.begin(), phrase.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
      })) {
    return Error(ErrorCode::kInvalidArgument,
                 "the passphrase has characters other than printable ASCII");
  }
  AMANAH_ASSIGN_OR_RETURN(
      auto hmac, crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha256, secret.bytes()));
  auto key = std::make_unique<Key>(
      Key{std::move(hmac), crypto::SecretBytes::CopyFrom(passphrase.bytes())});
  return OkxSigner(std::move(api_key), std::move(key));
}

std::string OkxSigner::SignatureOf(std::string_view prehash) const {
  return crypto::Base64Encode(key_->hmac.Sign(crypto::AsBytes(prehash)));
}

HttpRequest OkxSigner::Signed(HttpMethod method, std::string_view path, std::string query,
                              std::string body, int64_t timestamp_ms) const {
  const std::string ts = IsoMillis(timestamp_ms);
  // GET parameters are part of the request path that is signed.
  const std::string request_path =
      query.empty() ? std::string(path) : std::string(path) + "?" + query;
  HttpRequest request;
  request.method = method;
  request.path = std::string(path);
  request.headers = {
      {"OK-ACCESS-KEY", api_key_},
      {"OK-ACCESS-SIGN", SignatureOf(PreHash(ts, method, request_path, body))},
      {"OK-ACCESS-TIMESTAMP", ts},
      {"OK-ACCESS-PASSPHRASE", std::string(key_->passphrase.view())},
  };
  if (method == HttpMethod::kPost) request.headers.emplace_back("Content-Type", "application/json");
  request.query = std::move(query);
  request.body = std::move(body);
  return request;
}

Result<HttpRequest> OkxSigner::SignGet(std::string_view path, const Params& query,
                                       int64_t timestamp_ms) const {
  const AllowedEndpoint* allowed = AllowedSigned(HttpMethod::kGet, path);
  if (allowed == nullptr)
    return RefusedBeforeSigning(HttpMethod::kGet, path, "is not on the OKX spot allow-list");
  AMANAH_ASSIGN_OR_RETURN(Said said, FromQuery(HttpMethod::kGet, path, query));
  if (auto broken = RuleBroken(allowed->rule, said))
    return RefusedBeforeSigning(HttpMethod::kGet, path, *broken);
  return Signed(HttpMethod::kGet, path, EncodeParams(query), "", timestamp_ms);
}

Result<HttpRequest> OkxSigner::SignPost(std::string_view path, const boost::json::object& body,
                                        int64_t timestamp_ms) const {
  const AllowedEndpoint* allowed = AllowedSigned(HttpMethod::kPost, path);
  if (allowed == nullptr) {
    return RefusedBeforeSigning(HttpMethod::kPost, path, "is not on the OKX spot allow-list");
  }
  Said said;
  if (const auto* v = body.if_contains("instId")) said.inst_id = Text(*v);
  if (const auto* v = body.if_contains("instType")) said.inst_type = Text(*v);
  if (const auto* v = body.if_contains("tdMode")) said.td_mode = Text(*v);
  if (const auto* v = body.if_contains("reduceOnly")) said.reduce_only = Text(*v);
  said.algo_orders = body.contains("attachAlgoOrds");
  if (auto broken = RuleBroken(allowed->rule, said)) {
    return RefusedBeforeSigning(HttpMethod::kPost, path, *broken);
  }
  return Signed(HttpMethod::kPost, path, "", boost::json::serialize(body), timestamp_ms);
}

Result<HttpRequest> OkxSigner::Public(std::string_view path, const Params& query) {
  const AllowedEndpoint* allowed = FindAllowed(HttpMethod::kGet, path);
  if (allowed == nullptr || allowed->signed_request) {
    return Error(ErrorCode::kPermissionDenied,
                 "GET " + std::string(path).substr(0, 128) +
                     " is not a public endpoint on the OKX spot allow-list");
  }
  AMANAH_ASSIGN_OR_RETURN(Said said, FromQuery(HttpMethod::kGet, path, query));
  if (auto broken = RuleBroken(allowed->rule, said)) {
    return Error(ErrorCode::kPermissionDenied, "GET " + std::string(path) + " " + *broken);
  }
  HttpRequest request;
  request.path = std::string(path);
  request.query = EncodeParams(query);
  return request;
}

}  // namespace amanah::exchange::okx
