#include "venues/binance/binance_auth.h"

#include <algorithm>

namespace amanah::paper::binance {

using base::Decimal;

namespace {

constexpr int64_t kMaxRecvWindow = 60000;

bool SignatureValid(KeyVerifiers& verifiers, const ApiKey& key, const BinanceParams& params) {
  switch (key.type) {
    case KeyType::kHmac:
      return verifiers.HmacHex(key, crypto::HashAlgorithm::kSha256, params.payload(),
                               params.signature());
    case KeyType::kEd25519:
      return verifiers.Ed25519Base64(key, params.payload(), params.signature());
    case KeyType::kRsa:
      return verifiers.RsaBase64(key, params.payload(), params.signature());
  }
  return false;
}

Answer<int64_t> RecvWindowMillis(const BinanceParams& params) {
  auto text = params.Get("recvWindow");
  if (!text) return int64_t{5000};
  AMANAH_ASSIGN_OR_RETURN(Decimal window, DecimalParam("recvWindow", *text));
  if (window.scale() > 3) return IllegalChars("recvWindow", "up to 3 decimals");
  if (window > Decimal::FromInt(kMaxRecvWindow)) return BadRecvWindow();
  // Whole milliseconds are what the comparison needs; the fraction can only widen the window.
  return static_cast<int64_t>(window.Rescale(0, base::Rounding::kCeiling).value().mantissa());
}

}  // namespace

Answer<ApiKey*> Authenticate(Exchange& ex, KeyVerifiers& verifiers, const BinanceRequest& c) {
  auto header = c.http.Header("x-mbx-apikey");
  if (!header || header->size() != 64 || !Matches(*header, 64, IsAlnum)) return BadApiKeyFormat();
  ApiKey* key = ex.FindKey(*header);
  if (key == nullptr || key->venue != "binance") return RejectedMbxKey();
  if (!key->ip_whitelist.empty() && std::find(key->ip_whitelist.begin(), key->ip_whitelist.end(),
                                              c.http.peer_ip) == key->ip_whitelist.end())
    return RejectedMbxKey();
  AMANAH_ASSIGN_OR_RETURN(std::string_view ts_text, c.Required("timestamp"));
  AMANAH_ASSIGN_OR_RETURN(int64_t timestamp, IntParam("timestamp", ts_text));
  if (timestamp > 100'000'000'000'000) timestamp /= 1000;  // microseconds
  AMANAH_ASSIGN_OR_RETURN(int64_t window, RecvWindowMillis(c.params));
  if (c.params.signature().empty()) return MandatoryParam("signature");
  int64_t now = ex.NowMillis();
  if (timestamp >= now + ex.Window(1000)) return InvalidTimestampAhead();
  if (now - timestamp > ex.Window(window)) return InvalidTimestampWindow();
  if (!SignatureValid(verifiers, *key, c.params)) return InvalidSignature();
  return key;
}

bool Permitted(const ApiKey& key, Need need) {
  const Permissions& p = key.permissions;
  switch (need) {
    case Need::kNothing:
      return true;
    case Need::kRead:
      return p.read;
    case Need::kTrade:  // Binance's one flag, enableSpotAndMarginTrading
      return p.read && p.spot_trade;
    case Need::kMargin:
      return p.read && p.spot_trade && p.margin;
    case Need::kFutures:
      return p.read && p.futures;
    // Binance allows withdrawals only on IP-restricted keys.
    case Need::kWithdraw:
      return p.read && p.withdraw && !key.ip_whitelist.empty();
    case Need::kUniversalTransfer:
      return p.read && p.universal_transfer;
  }
  return false;
}

}  // namespace amanah::paper::binance
