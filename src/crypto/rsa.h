// RSA keys for RSASSA-PKCS1-v1_5 with SHA-256: what Binance's RSA API keys sign requests with
// (base64 signature, then percent-encoded). Private keys come from a PKCS#8 (or PKCS#1) PEM, or are
// generated (tests, the paper exchange). Move-only; Sign/Verify are const and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/pkey.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

class RsaPublicKey {
 public:
  static base::Result<RsaPublicKey> FromPem(std::string_view pem);

  bool VerifyPkcs1Sha256(ByteView message, ByteView signature) const;
  std::string ToPem() const;
  int bits() const;

 private:
  explicit RsaPublicKey(internal::Pkey key) : key_(std::move(key)) {}
  internal::Pkey key_;
};

class RsaPrivateKey {
 public:
  static base::Result<RsaPrivateKey> FromPem(std::string_view pem);
  /// A new key of `bits` (2048 or more).
  static RsaPrivateKey Generate(unsigned bits);

  Bytes SignPkcs1Sha256(ByteView message) const;
  RsaPublicKey PublicKey() const;
  SecretBytes ToPem() const;

 private:
  explicit RsaPrivateKey(internal::Pkey key) : key_(std::move(key)) {}
  internal::Pkey key_;
};

}  // namespace amanah::crypto
