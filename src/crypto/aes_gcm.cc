#include "crypto/aes_gcm.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>

#include "base/check.h"

namespace amanah::crypto {
namespace {

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

base::Result<void> CheckSizes(ByteView key, ByteView nonce) {
  if (key.size() != kAesGcmKeySize) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "AES-256-GCM needs a 32-byte key");
  }
  if (nonce.size() != kAesGcmNonceSize) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "AES-256-GCM needs a 12-byte nonce");
  }
  return {};
}

CipherCtx Init(ByteView key, ByteView nonce, bool encrypt) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  AMANAH_CHECK(ctx != nullptr);
  AMANAH_CHECK(EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data(),
                                 encrypt ? 1 : 0) == 1);
  return ctx;
}

void AddAad(EVP_CIPHER_CTX* ctx, ByteView aad) {
  int n = 0;
  if (!aad.empty()) {
    AMANAH_CHECK(EVP_CipherUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1);
  }
}

}  // namespace

base::Result<Bytes> AesGcmSeal(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext) {
  AMANAH_TRY(CheckSizes(key, nonce));
  CipherCtx ctx = Init(key, nonce, true);
  AddAad(ctx.get(), aad);
  Bytes out(plaintext.size() + kAesGcmTagSize);
  int n = 0, tail = 0;
  if (!plaintext.empty()) {
    AMANAH_CHECK(EVP_CipherUpdate(ctx.get(), out.data(), &n, plaintext.data(),
                                  static_cast<int>(plaintext.size())) == 1);
  }
  AMANAH_CHECK(EVP_CipherFinal_ex(ctx.get(), out.data() + n, &tail) == 1);
  AMANAH_CHECK(static_cast<size_t>(n + tail) == plaintext.size());
  AMANAH_CHECK(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAesGcmTagSize,
                                   out.data() + plaintext.size()) == 1);
  return out;
}

base::Result<SecretBytes> AesGcmOpen(ByteView key, ByteView nonce, ByteView aad, ByteView sealed) {
  AMANAH_TRY(CheckSizes(key, nonce));
  auto failed = [] {
    ERR_clear_error();
    return base::Fail(base::ErrorCode::kDataLoss,
                      "sealed data failed authentication (corrupt, tampered or wrong key)");
  };
  if (sealed.size() < kAesGcmTagSize) return failed();
  const size_t length = sealed.size() - kAesGcmTagSize;
  CipherCtx ctx = Init(key, nonce, false);
  AddAad(ctx.get(), aad);
  SecretBytes plain(length);
  int n = 0, tail = 0;
  if (length > 0) {
    AMANAH_CHECK(EVP_CipherUpdate(ctx.get(), plain.mutable_bytes().data(), &n, sealed.data(),
                                  static_cast<int>(length)) == 1);
  }
  uint8_t tag[kAesGcmTagSize];
  std::copy_n(sealed.data() + length, kAesGcmTagSize, tag);
  AMANAH_CHECK(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAesGcmTagSize, tag) == 1);
  // On failure `plain` is destroyed (zeroized) here and nothing of it leaves.
  if (EVP_CipherFinal_ex(ctx.get(), plain.mutable_bytes().data() + n, &tail) != 1) return failed();
  return plain;
}

}  // namespace amanah::crypto
