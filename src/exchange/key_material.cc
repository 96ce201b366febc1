#include "exchange/key_material.h"

#include "crypto/ed25519.h"
#include "crypto/rsa.h"

namespace amanah::exchange {

base::Result<std::string> PrivateKeyType(std::string_view pem) {
  if (crypto::Ed25519PrivateKey::FromPem(pem)) return std::string("ed25519");
  if (crypto::RsaPrivateKey::FromPem(pem)) return std::string("rsa");
  return base::Fail(base::ErrorCode::kInvalidArgument,
                    "the private key is not an Ed25519 or RSA private key in PEM");
}

}  // namespace amanah::exchange
