#include "crypto/hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <cstdio>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/openssl_error.h"
#include "crypto/secret_bytes.h"

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

void HmacSigner::Free::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

base::Result<HmacSigner> HmacSigner::Create(HashAlgorithm algorithm, ByteView key) {
  const EVP_MD* md = algorithm == HashAlgorithm::kSha256 ? EVP_sha256() : EVP_sha512();
  const size_t block = static_cast<size_t>(EVP_MD_get_block_size(md));
  const size_t size = static_cast<size_t>(EVP_MD_get_size(md));
  // K0: the key, or its digest when longer than a block, zero-padded to a block (RFC 2104 §2).
  SecretBytes k0(block);
  if (key.size() > block) {
    unsigned int n = 0;
    if (EVP_Digest(key.data(), key.size(), k0.mutable_bytes().data(), &n, md, nullptr) != 1) {
      return OpenSslError(base::ErrorCode::kInternal, "cannot hash the HMAC key");
    }
  } else {
    std::copy(key.begin(), key.end(), k0.mutable_bytes().begin());
  }
  SecretBytes pad(block);
  auto keyed = [&](uint8_t byte) -> base::Result<MdCtx> {
    for (size_t i = 0; i < block; ++i) pad.mutable_bytes()[i] = k0.bytes()[i] ^ byte;
    MdCtx ctx(EVP_MD_CTX_new());
    // One whole block: the hash consumes it at once and keeps only its state, no copy of it.
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), pad.bytes().data(), block) != 1) {
      return OpenSslError(base::ErrorCode::kInternal, "cannot key HMAC");
    }
    return ctx;
  };
  AMANAH_ASSIGN_OR_RETURN(MdCtx inner, keyed(0x36));
  AMANAH_ASSIGN_OR_RETURN(MdCtx outer, keyed(0x5c));
  return HmacSigner(std::move(inner), std::move(outer), size);
}

void HmacSigner::SignInto(ByteView message, std::span<uint8_t> out) const {
  AMANAH_CHECK(out.size() == size_);
  MdCtx ctx(EVP_MD_CTX_new());
  AMANAH_CHECK(ctx != nullptr && EVP_MD_CTX_copy_ex(ctx.get(), inner_.get()) == 1);
  uint8_t inner_hash[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  AMANAH_CHECK(EVP_DigestUpdate(ctx.get(), message.data(), message.size()) == 1);
  AMANAH_CHECK(EVP_DigestFinal_ex(ctx.get(), inner_hash, &n) == 1 && n == size_);
  AMANAH_CHECK(EVP_MD_CTX_copy_ex(ctx.get(), outer_.get()) == 1);
  AMANAH_CHECK(EVP_DigestUpdate(ctx.get(), inner_hash, size_) == 1);
  AMANAH_CHECK(EVP_DigestFinal_ex(ctx.get(), out.data(), &n) == 1 && n == size_);
}

Bytes HmacSigner::Sign(ByteView message) const {
  Bytes out(size_);
  SignInto(message, out);
  return out;
}

}  // namespace amanah::crypto
