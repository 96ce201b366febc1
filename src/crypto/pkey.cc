#include "crypto/pkey.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/openssl_error.h"

namespace amanah::crypto::internal {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Bio ReadOnlyBio(std::string_view pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

base::Result<Pkey> CheckType(Pkey key, int expected_type, std::string_view what) {
  if (!key) {
    return OpenSslError(base::ErrorCode::kInvalidArgument,
                        "not a readable " + std::string(what) + " PEM");
  }
  if (EVP_PKEY_get_base_id(key.get()) != expected_type) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "the PEM holds a key of another type, not " + std::string(what));
  }
  return key;
}

// A private key PEM whose line breaks were lost on the way (pasted into a one-line field, joined
// by a form): its DER from the base64 between the BEGIN and END lines, whitespace ignored. Only
// PKCS#8 ("PRIVATE KEY") and PKCS#1 ("RSA PRIVATE KEY"); encrypted keys are not read.
Pkey ReadUnwrappedPrivatePem(std::string_view pem) {
  for (std::string_view label : {"PRIVATE KEY", "RSA PRIVATE KEY"}) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    const size_t from = pem.find(begin);
    const size_t to = pem.find(end);
    if (from == std::string_view::npos || to == std::string_view::npos || to < from) continue;
    std::string_view body = pem.substr(from + begin.size(), to - from - begin.size());
    SecretBytes text(body.size());
    size_t n = 0;
    for (char c : body) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') text.mutable_bytes()[n++] = c;
    }
    auto der = Base64DecodeSecret(text.view().substr(0, n));
    if (!der) return nullptr;
    const unsigned char* p = der->bytes().data();
    return Pkey(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der->size())));
  }
  return nullptr;
}

}  // namespace

void PkeyFree::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

base::Result<Pkey> ReadPrivatePem(std::string_view pem, int expected_type, std::string_view what) {
  Bio bio = ReadOnlyBio(pem);
  AMANAH_CHECK(bio != nullptr);
  // An empty passphrase callback: encrypted PEMs fail instead of prompting on a terminal.
  Pkey key(PEM_read_bio_PrivateKey(
      bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
  if (!key) {
    key = ReadUnwrappedPrivatePem(pem);
    if (key) ERR_clear_error();  // the failed first reading left its errors behind
  }
  return CheckType(std::move(key), expected_type, std::string(what) + " private key");
}

base::Result<Pkey> ReadPublicPem(std::string_view pem, int expected_type, std::string_view what) {
  Bio bio = ReadOnlyBio(pem);
  AMANAH_CHECK(bio != nullptr);
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  return CheckType(std::move(key), expected_type, std::string(what) + " public key");
}

SecretBytes WritePrivatePem(evp_pkey_st* key) {
  Bio bio(BIO_new(BIO_s_secmem()));
  AMANAH_CHECK(bio != nullptr);
  AMANAH_CHECK(
      PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return SecretBytes::CopyFrom(std::string_view(data, static_cast<size_t>(n)));
}

std::string WritePublicPem(evp_pkey_st* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  AMANAH_CHECK(bio != nullptr);
  AMANAH_CHECK(PEM_write_bio_PUBKEY(bio.get(), key) == 1);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

Bytes Sign(evp_pkey_st* key, const evp_md_st* digest, ByteView message) {
  MdCtx ctx(EVP_MD_CTX_new());
  AMANAH_CHECK(ctx && EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, key) == 1);
  size_t n = 0;
  AMANAH_CHECK(EVP_DigestSign(ctx.get(), nullptr, &n, message.data(), message.size()) == 1);
  Bytes out(n);
  AMANAH_CHECK(EVP_DigestSign(ctx.get(), out.data(), &n, message.data(), message.size()) == 1);
  out.resize(n);
  return out;
}

bool Verify(evp_pkey_st* key, const evp_md_st* digest, ByteView message, ByteView signature) {
  MdCtx ctx(EVP_MD_CTX_new());
  AMANAH_CHECK(ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, digest, nullptr, key) == 1);
  const bool ok = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                                   message.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace amanah::crypto::internal
