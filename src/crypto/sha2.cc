#include "crypto/sha2.h"

#include <openssl/evp.h>

#include "base/check.h"

namespace amanah::crypto {
namespace {

template <size_t N>
std::array<uint8_t, N> Digest(const EVP_MD* md, ByteView data) {
  std::array<uint8_t, N> out;
  unsigned int n = 0;
  AMANAH_CHECK(EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) == 1 && n == N);
  return out;
}

}  // namespace

Sha256Digest Sha256(ByteView data) { return Digest<32>(EVP_sha256(), data); }
Sha512Digest Sha512(ByteView data) { return Digest<64>(EVP_sha512(), data); }

void Sha256Hasher::Free::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  AMANAH_CHECK(ctx_ && EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) == 1);
}

Sha256Hasher& Sha256Hasher::Update(ByteView data) {
  AMANAH_CHECK(EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) == 1);
  return *this;
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest out;
  unsigned int n = 0;
  AMANAH_CHECK(EVP_DigestFinal_ex(ctx_.get(), out.data(), &n) == 1 && n == out.size());
  AMANAH_CHECK(EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) == 1);
  return out;
}

}  // namespace amanah::crypto
