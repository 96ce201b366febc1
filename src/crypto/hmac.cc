#include "crypto/hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <cstdio>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/openssl_error.h"

namespace amanah::crypto {
namespace {

template <size_t N>
std::array<uint8_t, N> OneShot(const EVP_MD* md, ByteView key, ByteView message) {
  std::array<uint8_t, N> out;
  unsigned int n = 0;
  // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
  static const uint8_t kEmpty = 0;
  AMANAH_CHECK(HMAC(md, key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
                    message.data(), message.size(), out.data(), &n) != nullptr &&
               n == N);
  return out;
}

EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  AMANAH_CHECK(mac != nullptr, "OpenSSL has no HMAC");
  return mac;
}

}  // namespace

std::array<uint8_t, 32> HmacSha256(ByteView key, ByteView message) {
  return OneShot<32>(EVP_sha256(), key, message);
}
std::array<uint8_t, 64> HmacSha512(ByteView key, ByteView message) {
  return OneShot<64>(EVP_sha512(), key, message);
}
std::string HmacSha256Hex(ByteView key, ByteView message) {
  return HexEncode(HmacSha256(key, message));
}
std::string HmacSha256Base64(ByteView key, ByteView message) {
  return Base64Encode(HmacSha256(key, message));
}
std::string HmacSha512Base64(ByteView key, ByteView message) {
  return Base64Encode(HmacSha512(key, message));
}

void HmacSigner::Free::operator()(evp_mac_ctx_st* ctx) const { EVP_MAC_CTX_free(ctx); }

base::Result<HmacSigner> HmacSigner::Create(HashAlgorithm algorithm, ByteView key) {
  std::unique_ptr<evp_mac_ctx_st, Free> ctx(EVP_MAC_CTX_new(HmacAlgorithm()));
  if (!ctx) return OpenSslError(base::ErrorCode::kInternal, "cannot create an HMAC context");
  char digest[16];
  std::snprintf(digest, sizeof digest, "%s",
                algorithm == HashAlgorithm::kSha256 ? "SHA256" : "SHA512");
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  static const uint8_t kEmpty = 0;
  if (EVP_MAC_init(ctx.get(), key.empty() ? &kEmpty : key.data(), key.size(), params) != 1) {
    return OpenSslError(base::ErrorCode::kInternal, "cannot key HMAC");
  }
  return HmacSigner(std::move(ctx), algorithm == HashAlgorithm::kSha256 ? 32 : 64);
}

Bytes HmacSigner::Sign(ByteView message) const {
  std::unique_ptr<evp_mac_ctx_st, Free> ctx(EVP_MAC_CTX_dup(ctx_.get()));
  AMANAH_CHECK(ctx != nullptr);
  Bytes out(size_);
  size_t n = 0;
  AMANAH_CHECK(EVP_MAC_update(ctx.get(), message.data(), message.size()) == 1);
  AMANAH_CHECK(EVP_MAC_final(ctx.get(), out.data(), &n, out.size()) == 1 && n == size_);
  return out;
}

}  // namespace amanah::crypto
