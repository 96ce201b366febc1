// Ed25519 (RFC 8032) keys: what Binance's Ed25519 API keys sign requests with (base64 signature
// over the query string). Private keys come from a PKCS#8 PEM (the form Binance's key generator
// writes) or a raw 32-byte seed, or are generated (tests, the paper exchange). Move-only;
// Sign/Verify are const and thread-safe.
//
// The private key is held in SecretBytes and signed with by libsodium, which copies it nowhere:
// OpenSSL 3.0 keeps an Ed25519 private key in its ordinary heap (its parameter import mallocs the
// seed; its PKCS#8 decoder frees an uncleared copy), where a core image would show it. Public keys
// and verification stay with OpenSSL.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/pkey.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

class Ed25519PublicKey {
 public:
  static base::Result<Ed25519PublicKey> FromPem(std::string_view pem);
  static base::Result<Ed25519PublicKey> FromRaw(ByteView raw32);

  bool Verify(ByteView message, ByteView signature) const;
  Bytes Raw() const;
  std::string ToPem() const;

 private:
  explicit Ed25519PublicKey(internal::Pkey key) : key_(std::move(key)) {}
  internal::Pkey key_;
};

class Ed25519PrivateKey {
 public:
  static base::Result<Ed25519PrivateKey> FromPem(std::string_view pem);
  static base::Result<Ed25519PrivateKey> FromSeed(ByteView seed32);
  static Ed25519PrivateKey Generate();

  /// The 64-byte signature of `message`.
  Bytes Sign(ByteView message) const;
  Ed25519PublicKey PublicKey() const;
  /// PKCS#8 PEM, built in locked memory.
  SecretBytes ToPem() const;

 private:
  explicit Ed25519PrivateKey(SecretBytes secret_key) : secret_key_(std::move(secret_key)) {}
  SecretBytes secret_key_;  ///< libsodium's 64 bytes: seed ‖ public key
};

}  // namespace amanah::crypto
