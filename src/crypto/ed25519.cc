#include "crypto/ed25519.h"

#include <openssl/evp.h>

#include "base/check.h"
#include "crypto/openssl_error.h"

namespace amanah::crypto {

base::Result<Ed25519PublicKey> Ed25519PublicKey::FromPem(std::string_view pem) {
  AMANAH_ASSIGN_OR_RETURN(auto key, internal::ReadPublicPem(pem, EVP_PKEY_ED25519, "Ed25519"));
  return Ed25519PublicKey(std::move(key));
}

base::Result<Ed25519PublicKey> Ed25519PublicKey::FromRaw(ByteView raw32) {
  if (raw32.size() != 32) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "an Ed25519 public key is 32 bytes");
  }
  internal::Pkey key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw32.data(), raw32.size()));
  if (!key) return OpenSslError(base::ErrorCode::kInvalidArgument, "bad Ed25519 public key");
  return Ed25519PublicKey(std::move(key));
}

bool Ed25519PublicKey::Verify(ByteView message, ByteView signature) const {
  return signature.size() == 64 && internal::Verify(key_.get(), nullptr, message, signature);
}

Bytes Ed25519PublicKey::Raw() const {
  Bytes out(32);
  size_t n = out.size();
  AMANAH_CHECK(EVP_PKEY_get_raw_public_key(key_.get(), out.data(), &n) == 1 && n == 32);
  return out;
}

std::string Ed25519PublicKey::ToPem() const { return internal::WritePublicPem(key_.get()); }

base::Result<Ed25519PrivateKey> Ed25519PrivateKey::FromPem(std::string_view pem) {
  AMANAH_ASSIGN_OR_RETURN(auto key, internal::ReadPrivatePem(pem, EVP_PKEY_ED25519, "Ed25519"));
  return Ed25519PrivateKey(std::move(key));
}

base::Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(ByteView seed32) {
  if (seed32.size() != 32) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "an Ed25519 private key seed is 32 bytes");
  }
  internal::Pkey key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed32.data(), seed32.size()));
  if (!key) return OpenSslError(base::ErrorCode::kInvalidArgument, "bad Ed25519 private key");
  return Ed25519PrivateKey(std::move(key));
}

Ed25519PrivateKey Ed25519PrivateKey::Generate() {
  internal::Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  AMANAH_CHECK(key != nullptr, "Ed25519 key generation failed");
  return Ed25519PrivateKey(std::move(key));
}

Bytes Ed25519PrivateKey::Sign(ByteView message) const {
  return internal::Sign(key_.get(), nullptr, message);
}

Ed25519PublicKey Ed25519PrivateKey::PublicKey() const {
  Bytes raw(32);
  size_t n = raw.size();
  AMANAH_CHECK(EVP_PKEY_get_raw_public_key(key_.get(), raw.data(), &n) == 1 && n == 32);
  auto pub = Ed25519PublicKey::FromRaw(raw);
  AMANAH_CHECK(pub.has_value());
  return std::move(*pub);
}

SecretBytes Ed25519PrivateKey::ToPem() const { return internal::WritePrivatePem(key_.get()); }

}  // namespace amanah::crypto
