// HMAC (RFC 2104) with SHA-256 or SHA-512: what Binance, Bybit and OKX (SHA-256) and Kraken
// (SHA-512) sign requests with. The free functions key and sign in one call. HmacSigner keeps the
// two hash states after the key's inner and outer pads (the RFC 2104 precomputation), so signing
// many messages with one key skips the key schedule — and the key itself is never kept: OpenSSL
// 3.0's HMAC holds a plain copy of it in the ordinary heap for the context's life, where a core
// image would show it. The pads are built in locked memory and zeroized. HmacSigner is move-only;
// Sign() is const and may be called from several threads at once.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>

#include "base/result.h"
#include "crypto/bytes.h"

struct evp_md_ctx_st;

namespace amanah::crypto {

enum class HashAlgorithm { kSha256, kSha512 };

std::array<uint8_t, 32> HmacSha256(ByteView key, ByteView message);
std::array<uint8_t, 64> HmacSha512(ByteView key, ByteView message);
/// Lowercase hex of HMAC-SHA256: Binance's `signature`, Bybit's `X-BAPI-SIGN`.
std::string HmacSha256Hex(ByteView key, ByteView message);
/// Base64 of HMAC-SHA256: OKX's `OK-ACCESS-SIGN`.
std::string HmacSha256Base64(ByteView key, ByteView message);
/// Base64 of HMAC-SHA512: Kraken's `API-Sign`.
std::string HmacSha512Base64(ByteView key, ByteView message);

class HmacSigner {
 public:
  static base::Result<HmacSigner> Create(HashAlgorithm algorithm, ByteView key);

  /// The MAC of `message`: 32 or 64 bytes.
  Bytes Sign(ByteView message) const;
  /// The same into `out` (size() bytes), no allocation for the result: the order path.
  void SignInto(ByteView message, std::span<uint8_t> out) const;
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  using MdCtx = std::unique_ptr<evp_md_ctx_st, Free>;
  HmacSigner(MdCtx inner, MdCtx outer, size_t size)
      : inner_(std::move(inner)), outer_(std::move(outer)), size_(size) {}

  MdCtx inner_;  // H after (K ⊕ ipad); copied per Sign()
  MdCtx outer_;  // H after (K ⊕ opad)
  size_t size_;
};

}  // namespace amanah::crypto
