#include "crypto/ed25519.h"

#include <openssl/evp.h>
#include <sodium.h>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/openssl_error.h"

#include <algorithm>
#include <optional>

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

namespace {

// The PKCS#8 DER of an Ed25519 private key without the optional public key (RFC 8410 §7): this
// prefix, then the 32-byte seed. What Binance's key generator and OpenSSL write.
constexpr uint8_t kPkcs8Prefix[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                    0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
constexpr std::string_view kBegin = "-----BEGIN PRIVATE KEY-----";
constexpr std::string_view kEnd = "-----END PRIVATE KEY-----";

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// The seed of a "PRIVATE KEY" PEM in that form, decoded only into locked memory; nullopt for any
// other form.
std::optional<SecretBytes> SeedOf(std::string_view pem) {
  const size_t begin = pem.find(kBegin);
  const size_t end = pem.find(kEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
    return std::nullopt;
  }
  const std::string_view body = pem.substr(begin + kBegin.size(), end - begin - kBegin.size());
  SecretBytes text(body.size());
  size_t n = 0;
  for (char c : body) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
      text.mutable_bytes()[n++] = static_cast<uint8_t>(c);
    }
  }
  text.Truncate(n);
  auto der = Base64DecodeSecret(text.view());
  if (!der || der->size() != sizeof kPkcs8Prefix + 32 ||
      !std::equal(std::begin(kPkcs8Prefix), std::end(kPkcs8Prefix), der->bytes().begin())) {
    return std::nullopt;
  }
  return SecretBytes::CopyFrom(der->bytes().subspan(sizeof kPkcs8Prefix));
}

}  // namespace

base::Result<Ed25519PrivateKey> Ed25519PrivateKey::FromPem(std::string_view pem) {
  if (auto seed = SeedOf(pem)) return FromSeed(seed->bytes());
  // Another PKCS#8 form (e.g. with the public key, RFC 8410 v2): read it with OpenSSL only to
  // take the seed out, then let the key go.
  AMANAH_ASSIGN_OR_RETURN(auto key, internal::ReadPrivatePem(pem, EVP_PKEY_ED25519, "Ed25519"));
  SecretBytes seed(32);
  size_t n = seed.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), seed.mutable_bytes().data(), &n) != 1 || n != 32) {
    return OpenSslError(base::ErrorCode::kInvalidArgument, "bad Ed25519 private key");
  }
  return FromSeed(seed.bytes());
}

base::Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(ByteView seed32) {
  if (seed32.size() != 32) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "an Ed25519 private key seed is 32 bytes");
  }
  AMANAH_CHECK(SodiumReady(), "libsodium failed to initialise");
  SecretBytes secret_key(crypto_sign_SECRETKEYBYTES);
  uint8_t public_key[crypto_sign_PUBLICKEYBYTES];
  AMANAH_CHECK(
      crypto_sign_seed_keypair(public_key, secret_key.mutable_bytes().data(), seed32.data()) == 0);
  return Ed25519PrivateKey(std::move(secret_key));
}

Ed25519PrivateKey Ed25519PrivateKey::Generate() {
  AMANAH_CHECK(SodiumReady(), "libsodium failed to initialise");
  SecretBytes secret_key(crypto_sign_SECRETKEYBYTES);
  uint8_t public_key[crypto_sign_PUBLICKEYBYTES];
  AMANAH_CHECK(crypto_sign_keypair(public_key, secret_key.mutable_bytes().data()) == 0);
  return Ed25519PrivateKey(std::move(secret_key));
}

Bytes Ed25519PrivateKey::Sign(ByteView message) const {
  Bytes out(crypto_sign_BYTES);
  unsigned long long n = 0;
  AMANAH_CHECK(crypto_sign_detached(out.data(), &n, message.data(), message.size(),
                                    secret_key_.bytes().data()) == 0 &&
               n == crypto_sign_BYTES);
  return out;
}

Ed25519PublicKey Ed25519PrivateKey::PublicKey() const {
  auto pub = Ed25519PublicKey::FromRaw(secret_key_.bytes().subspan(32, 32));
  AMANAH_CHECK(pub.has_value());
  return std::move(*pub);
}

SecretBytes Ed25519PrivateKey::ToPem() const {
  SecretBytes der(sizeof kPkcs8Prefix + 32);
  std::copy(std::begin(kPkcs8Prefix), std::end(kPkcs8Prefix), der.mutable_bytes().begin());
  std::copy_n(secret_key_.bytes().begin(), 32, der.mutable_bytes().begin() + sizeof kPkcs8Prefix);
  // 48 bytes are 64 base64 characters: one line.
  SecretBytes pem(kBegin.size() + 1 + 64 + 1 + kEnd.size() + 1);
  auto out = pem.mutable_bytes();
  size_t at = 0;
  auto put = [&](std::string_view s) {
    std::copy(s.begin(), s.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
    at += s.size();
  };
  put(kBegin);
  put("\n");
  EVP_EncodeBlock(out.data() + at, der.bytes().data(), static_cast<int>(der.size()));
  at += 64;
  put("\n");
  put(kEnd);
  put("\n");
  return pem;
}

}  // namespace amanah::crypto
