// AES-256-GCM (NIST SP 800-38D) with 96-bit nonces and 128-bit tags, the cipher that seals stored
// exchange secrets. Seal returns ciphertext ‖ tag. Open authenticates before it returns anything:
// any change to key, nonce, AAD, ciphertext or tag gives one generic kDataLoss error and no
// plaintext. Nonce uniqueness per key is the caller's duty (the vault draws them at random and
// counts). Stateless; thread-safe.
#pragma once

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

inline constexpr size_t kAesGcmKeySize = 32;
inline constexpr size_t kAesGcmNonceSize = 12;
inline constexpr size_t kAesGcmTagSize = 16;

/// ciphertext ‖ tag. Errors only on wrong key or nonce sizes.
base::Result<Bytes> AesGcmSeal(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext);
/// The plaintext, in locked memory, or kDataLoss if anything was altered.
base::Result<SecretBytes> AesGcmOpen(ByteView key, ByteView nonce, ByteView aad, ByteView sealed);

}  // namespace amanah::crypto
