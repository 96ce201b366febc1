#include "notify/webhook_signature.h"

#include "base/wipe.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"

namespace amanah::notify {

std::string SignWebhook(crypto::ByteView key, std::string_view id, int64_t timestamp_s,
                        std::string_view body) {
  std::string content;
  content.reserve(id.size() + body.size() + 24);
  content.append(id).append(".").append(std::to_string(timestamp_s)).append(".").append(body);
  auto mac = crypto::HmacSha256(key, crypto::AsBytes(content));
  std::string out = "v1," + crypto::Base64Encode(mac);
  base::Wipe(mac.data(), mac.size());
  return out;
}

crypto::SecretBytes SecretText(crypto::ByteView key) {
  std::string text = std::string(kSecretPrefix) + crypto::Base64Encode(key);
  crypto::SecretBytes out = crypto::SecretBytes::CopyFrom(std::string_view(text));
  base::Wipe(text);
  return out;
}

base::Result<crypto::SecretBytes> SecretKey(std::string_view secret) {
  if (secret.starts_with(kSecretPrefix)) secret.remove_prefix(kSecretPrefix.size());
  auto key = crypto::Base64DecodeSecret(secret);
  if (!key || key->bytes().empty()) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "not a webhook secret (whsec_ followed by base64)");
  }
  return key;
}

}  // namespace amanah::notify
