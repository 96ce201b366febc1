#include "exchange/key_material.h"

#include <cctype>

#include "crypto/ed25519.h"
#include "crypto/rsa.h"

namespace amanah::exchange {

bool IsAlnumText(std::string_view text) {
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

base::Result<void> CheckApiKeyId(std::string_view api_key) {
  if (api_key.empty() || api_key.size() > 128) {
    return base::Error(base::ErrorCode::kInvalidArgument, "the API key is empty or too long");
  }
  if (!IsAlnumText(api_key)) {
    return base::Error(base::ErrorCode::kInvalidArgument,
                       "the API key has characters other than letters and digits");
  }
  return {};
}

base::Result<std::string> PrivateKeyType(std::string_view pem) {
  if (crypto::Ed25519PrivateKey::FromPem(pem)) return std::string("ed25519");
  if (crypto::RsaPrivateKey::FromPem(pem)) return std::string("rsa");
  return base::Fail(base::ErrorCode::kInvalidArgument,
                    "the private key is not an Ed25519 or RSA private key in PEM");
}

}  // namespace amanah::exchange
