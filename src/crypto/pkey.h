// Shared plumbing for asymmetric keys held in OpenSSL EVP_PKEY objects: PEM import/export, one-shot
// sign and verify. Internal to crypto; Ed25519 and RSA keys are built on it. A Pkey is move-only;
// OpenSSL cleanses private key material when the object is freed.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

struct evp_pkey_st;
struct evp_md_st;

namespace amanah::crypto::internal {

struct PkeyFree {
  void operator()(evp_pkey_st* key) const;
};
using Pkey = std::unique_ptr<evp_pkey_st, PkeyFree>;

/// Reads a private key PEM (PKCS#8, or the algorithm's traditional form) of OpenSSL type
/// `expected_type` (EVP_PKEY_ED25519, EVP_PKEY_RSA); `what` names it in errors.
base::Result<Pkey> ReadPrivatePem(std::string_view pem, int expected_type, std::string_view what);
/// Reads a SubjectPublicKeyInfo PEM of `expected_type`.
base::Result<Pkey> ReadPublicPem(std::string_view pem, int expected_type, std::string_view what);

/// PKCS#8 PEM of the private key, unencrypted, in locked memory.
SecretBytes WritePrivatePem(evp_pkey_st* key);
/// SubjectPublicKeyInfo PEM of the public key.
std::string WritePublicPem(evp_pkey_st* key);

/// Signs `message` (digest nullptr for Ed25519, which hashes internally).
Bytes Sign(evp_pkey_st* key, const evp_md_st* digest, ByteView message);
bool Verify(evp_pkey_st* key, const evp_md_st* digest, ByteView message, ByteView signature);

}  // namespace amanah::crypto::internal
