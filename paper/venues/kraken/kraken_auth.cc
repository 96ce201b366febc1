#include "venues/kraken/kraken_auth.h"

#include <algorithm>
#include <charconv>

#include "crypto/sha2.h"

namespace amanah::paper::kraken {

Got<ApiKey*> Authenticate(Exchange& ex, KeyVerifiers& verifiers, Nonces& nonces,
                          const KrakenRequest& c) {
  const HttpRequest& request = c.http;
  auto key_id = request.Header("api-key");
  if (!key_id || key_id->empty()) return InvalidKey();
  ApiKey* key = ex.FindKey(*key_id);
  if (key == nullptr || key->venue != "kraken" || key->type != KeyType::kHmac) return InvalidKey();

  auto sign = request.Header("api-sign");
  auto nonce_text = c.Get("nonce");
  if (!sign || sign->empty()) return InvalidSignature();
  if (!nonce_text || nonce_text->empty()) return InvalidNonce();
  // What Kraken signs: the path, then SHA-256 of the nonce and the body as sent.
  std::string inner(*nonce_text);
  inner += request.body;
  const auto digest = crypto::Sha256(crypto::AsBytes(inner));
  std::string message(request.Path());
  message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  if (!verifiers.HmacBase64DecodedKey(*key, crypto::HashAlgorithm::kSha512, message, *sign)) {
    return InvalidSignature();
  }

  uint64_t nonce = 0;
  auto [end, ec] =
      std::from_chars(nonce_text->data(), nonce_text->data() + nonce_text->size(), nonce);
  if (ec != std::errc() || end != nonce_text->data() + nonce_text->size() || nonce == 0) {
    return InvalidNonce();
  }
  uint64_t& last = nonces[key->api_key];
  if (nonce <= last) return InvalidNonce();
  last = nonce;

  if (!key->ip_whitelist.empty() && std::find(key->ip_whitelist.begin(), key->ip_whitelist.end(),
                                              request.peer_ip) == key->ip_whitelist.end()) {
    return PermissionDenied();
  }
  return key;
}

}  // namespace amanah::paper::kraken
