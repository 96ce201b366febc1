#include "venues/bybit/bybit_auth.h"

#include <algorithm>
#include <charconv>

namespace amanah::paper::bybit {

namespace {

std::optional<int64_t> Number(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return out;
}

}  // namespace

Got<ApiKey*> Authenticate(Exchange& ex, KeyVerifiers& verifiers, const HttpRequest& request) {
  auto key_id = request.Header("x-bapi-api-key");
  if (!key_id || key_id->empty()) return InvalidApiKey();
  ApiKey* key = ex.FindKey(*key_id);
  if (key == nullptr || key->venue != "bybit") return InvalidApiKey();
  auto timestamp = Number(request.Header("x-bapi-timestamp"));
  auto sign = request.Header("x-bapi-sign");
  if (!timestamp || !sign || sign->empty()) {
    return ParamError("X-BAPI-TIMESTAMP and X-BAPI-SIGN are required");
  }
  auto window_header = request.Header("x-bapi-recv-window");
  std::optional<int64_t> window = window_header ? Number(window_header) : int64_t{5000};
  if (!window || *window <= 0) return ParamError("X-BAPI-RECV-WINDOW is not a number of ms");

  const std::string_view payload =
      request.method == "POST" ? std::string_view(request.body) : request.Query();
  // The window is signed as sent (or as Bybit's default when it is not).
  std::string message = std::to_string(*timestamp);
  message += key->api_key;
  message += window_header ? *window_header : std::string_view("5000");
  message += payload;
  const bool valid =
      key->type == KeyType::kRsa
          ? verifiers.RsaBase64(*key, message, *sign)
          : key->type == KeyType::kHmac &&
                verifiers.HmacHex(*key, crypto::HashAlgorithm::kSha256, message, *sign);
  if (!valid) return BadSignature();

  const int64_t now = ex.NowMillis();
  if (*timestamp < now - ex.Window(*window) || *timestamp >= now + ex.Window(1000)) {
    return TimeWindow();
  }
  if (!key->ip_whitelist.empty() && std::find(key->ip_whitelist.begin(), key->ip_whitelist.end(),
                                              request.peer_ip) == key->ip_whitelist.end()) {
    return UnmatchedIp();
  }
  return key;
}

}  // namespace amanah::paper::bybit
