// SHA-256 and SHA-512 (FIPS 180-4) over OpenSSL's EVP interface: one-shot digests and an
// incremental SHA-256 for hashing records piece by piece (journal chains). Sha256Hasher is
// move-only and thread-compatible.
#pragma once

#include <array>
#include <memory>

#include "crypto/bytes.h"

struct evp_md_ctx_st;

namespace amanah::crypto {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha512Digest = std::array<uint8_t, 64>;

Sha256Digest Sha256(ByteView data);
Sha512Digest Sha512(ByteView data);

class Sha256Hasher {
 public:
  Sha256Hasher();
  Sha256Hasher& Update(ByteView data);
  Sha256Hasher& Update(std::string_view text) { return Update(AsBytes(text)); }
  /// The digest of everything given; the hasher is reset for reuse.
  Sha256Digest Finish();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace amanah::crypto
