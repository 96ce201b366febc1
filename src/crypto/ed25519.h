// Ed25519 (RFC 8032) keys: what Binance's Ed25519 API keys sign requests with (base64 signature
// over the query string). Private keys come from a PKCS#8 PEM (the form Binance's key generator
// writes) or a raw 32-byte seed, or are generated (tests, the paper exchange). Move-only;
// Sign/Verify are const and thread-safe.
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
  SecretBytes ToPem() const;

 private:
  explicit Ed25519PrivateKey(internal::Pkey key) : key_(std::move(key)) {}
  internal::Pkey key_;
};

}  // namespace amanah::crypto
