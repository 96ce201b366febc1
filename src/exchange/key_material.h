// KeyMaterial: an exchange API key as the user hands it over — the public key id, the key's type,
// the secret (an HMAC secret, or a private key PEM) and, where the exchange has one, a passphrase.
// Secrets live only in SecretBytes. Move-only; the adapter that signs with it takes ownership.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace amanah::exchange {

/// An API key id as the exchanges issue them: 1 to 128 letters and digits; kInvalidArgument
/// saying what is wrong otherwise (checked before anything is signed with it).
base::Result<void> CheckApiKeyId(std::string_view api_key);

/// Whether `text` is letters and digits only (the shape of most key ids and HMAC secrets).
bool IsAlnumText(std::string_view text);

/// "ed25519" or "rsa" for a private key in PEM; kInvalidArgument if it is neither.
base::Result<std::string> PrivateKeyType(std::string_view pem);

struct KeyMaterial {
  std::string api_key;
  std::string key_type;  ///< "hmac", "ed25519" or "rsa"
  crypto::SecretBytes secret;
  std::optional<crypto::SecretBytes> passphrase;  ///< OKX
};

}  // namespace amanah::exchange
