// KeyVerifiers: checks a request's signature against an API key's material, with the material
// prepared once per key rather than per request — the HMAC key schedule (crypto::HmacSigner's
// pre-keyed states) and the parsed Ed25519 or RSA public key. An entry is rebuilt when the key's
// material changes, and the cache is bounded. Every venue signs differently (hex or Base64,
// SHA-256 or SHA-512), so the checks take the encoding; the comparison is constant-time.
// Thread-compatible: used under the Exchange lock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/api_key.h"
#include "crypto/ed25519.h"
#include "crypto/hmac.h"
#include "crypto/rsa.h"

namespace amanah::paper {

class KeyVerifiers {
 public:
  /// Whether `signature_hex` (either case) is the HMAC of `message` under the key's secret.
  bool HmacHex(const ApiKey& key, crypto::HashAlgorithm algorithm, std::string_view message,
               std::string_view signature_hex);
  /// Whether the Base64 `signature` is the HMAC of `message` under the key's secret.
  bool HmacBase64(const ApiKey& key, crypto::HashAlgorithm algorithm, std::string_view message,
                  std::string_view signature);
  /// The same, keyed by the Base64-decoded secret (Kraken's private keys are Base64 text).
  bool HmacBase64DecodedKey(const ApiKey& key, crypto::HashAlgorithm algorithm,
                            std::string_view message, std::string_view signature);
  /// Whether the Base64 `signature` is the key's Ed25519 signature of `message`.
  bool Ed25519Base64(const ApiKey& key, std::string_view message, std::string_view signature);
  /// Whether the Base64 `signature` is the key's RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
  bool RsaBase64(const ApiKey& key, std::string_view message, std::string_view signature);

 private:
  struct Entry {
    std::string material;  // the secret or public PEM the entry was prepared from
    std::optional<crypto::HmacSigner> sha256;
    std::optional<crypto::HmacSigner> sha512;
    std::optional<crypto::HmacSigner> sha512_decoded;  // keyed by the Base64-decoded secret
    std::optional<crypto::Ed25519PublicKey> ed25519;
    std::optional<crypto::RsaPublicKey> rsa;
  };
  Entry& For(const ApiKey& key);
  const crypto::HmacSigner* Signer(const ApiKey& key, crypto::HashAlgorithm algorithm);
  bool HmacEquals(const ApiKey& key, crypto::HashAlgorithm algorithm, std::string_view message,
                  const base::Result<crypto::Bytes>& given);

  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace amanah::paper
