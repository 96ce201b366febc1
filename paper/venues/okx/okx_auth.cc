#include "venues/okx/okx_auth.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "crypto/constant_time.h"

namespace amanah::paper::okx {

std::optional<int64_t> ParseIsoMillis(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (t.size() != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != '.' || t[23] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) -> std::optional<int> {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (std::isdigit(static_cast<unsigned char>(t[i])) == 0) return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
       s = num(17, 2), ms = num(20, 3);
  if (!y || !mo || !d || !h || !mi || !s || !ms) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(*mo),
                                         std::chrono::day(*d)};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((static_cast<int64_t>(days) * 24 + *h) * 60 + *mi) * 60'000 + *s * 1000LL + *ms;
}

Got<ApiKey*> Authenticate(Exchange& ex, KeyVerifiers& verifiers, const HttpRequest& request) {
  auto key_id = request.Header("ok-access-key");
  if (!key_id || key_id->empty()) return EmptyHeader("OK-ACCESS-KEY", 50103);
  auto sign = request.Header("ok-access-sign");
  if (!sign || sign->empty()) return EmptyHeader("OK-ACCESS-SIGN", 50106);
  auto timestamp = request.Header("ok-access-timestamp");
  if (!timestamp || timestamp->empty()) return EmptyHeader("OK-ACCESS-TIMESTAMP", 50107);
  auto passphrase = request.Header("ok-access-passphrase");
  if (!passphrase || passphrase->empty()) return EmptyHeader("OK-ACCESS-PASSPHRASE", 50104);

  ApiKey* key = ex.FindKey(*key_id);
  if (key == nullptr || key->venue != "okx") return InvalidKey();
  if (!crypto::ConstantTimeEquals(*passphrase, key->passphrase)) return BadPassphrase();

  auto at = ParseIsoMillis(*timestamp);
  if (!at) return InvalidTimestamp();
  const int64_t now = ex.NowMillis();
  const int64_t window = ex.Window(kTimestampWindowMs);
  if (*at < now - window || *at > now + window) return TimestampExpired();

  // What OKX signs: the timestamp, the method, the path with its query as sent, and the body.
  std::string message(*timestamp);
  message += request.method;
  message += request.target;
  message += request.body;
  if (key->type != KeyType::kHmac ||
      !verifiers.HmacBase64(*key, crypto::HashAlgorithm::kSha256, message, *sign)) {
    return BadSignature();
  }
  if (!key->ip_whitelist.empty() && std::find(key->ip_whitelist.begin(), key->ip_whitelist.end(),
                                              request.peer_ip) == key->ip_whitelist.end()) {
    return IpNotAllowed(request.peer_ip);
  }
  return key;
}

}  // namespace amanah::paper::okx
