#include "crypto/secure_heap.h"

#include <openssl/crypto.h>

namespace amanah::crypto {

base::Result<void> InitSecureHeap(size_t bytes) {
  if (CRYPTO_secure_malloc_initialized()) return {};
  // 1: done and locked; 2: done but not all of it could be locked (mlock limit).
  const int r = CRYPTO_secure_malloc_init(bytes, 32);
  if (r == 0) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "OpenSSL's secure heap could not be set up (" + std::to_string(bytes) +
                          " bytes); raise the locked-memory limit (ulimit -l)");
  }
  return {};
}

bool SecureHeapActive() { return CRYPTO_secure_malloc_initialized() == 1; }

}  // namespace amanah::crypto
