#include "crypto/rsa.h"

#include <openssl/evp.h>

#include "base/check.h"

namespace amanah::crypto {
namespace {
constexpr int kMinBits = 2048;
}

base::Result<RsaPublicKey> RsaPublicKey::FromPem(std::string_view pem) {
  AMANAH_ASSIGN_OR_RETURN(auto key, internal::ReadPublicPem(pem, EVP_PKEY_RSA, "RSA"));
  if (EVP_PKEY_get_bits(key.get()) < kMinBits) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "RSA keys under 2048 bits are refused");
  }
  return RsaPublicKey(std::move(key));
}

bool RsaPublicKey::VerifyPkcs1Sha256(ByteView message, ByteView signature) const {
  return internal::Verify(key_.get(), EVP_sha256(), message, signature);
}

std::string RsaPublicKey::ToPem() const { return internal::WritePublicPem(key_.get()); }
int RsaPublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

base::Result<RsaPrivateKey> RsaPrivateKey::FromPem(std::string_view pem) {
  AMANAH_ASSIGN_OR_RETURN(auto key, internal::ReadPrivatePem(pem, EVP_PKEY_RSA, "RSA"));
  if (EVP_PKEY_get_bits(key.get()) < kMinBits) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "RSA keys under 2048 bits are refused");
  }
  return RsaPrivateKey(std::move(key));
}

RsaPrivateKey RsaPrivateKey::Generate(unsigned bits) {
  AMANAH_CHECK(bits >= kMinBits);
  internal::Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  AMANAH_CHECK(key != nullptr, "RSA key generation failed");
  return RsaPrivateKey(std::move(key));
}

Bytes RsaPrivateKey::SignPkcs1Sha256(ByteView message) const {
  return internal::Sign(key_.get(), EVP_sha256(), message);
}

RsaPublicKey RsaPrivateKey::PublicKey() const {
  auto pub = RsaPublicKey::FromPem(internal::WritePublicPem(key_.get()));
  AMANAH_CHECK(pub.has_value());
  return std::move(*pub);
}

SecretBytes RsaPrivateKey::ToPem() const { return internal::WritePrivatePem(key_.get()); }

}  // namespace amanah::crypto
