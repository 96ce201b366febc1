// SecureHeap: OpenSSL's secure heap (CRYPTO_secure_malloc_init), where OpenSSL keeps its own
// copies of private key material — HMAC keys in MAC contexts, Ed25519 seeds, RSA private
// exponents — locked against swap and excluded from core dumps, like SecretBytes. Sized for the
// node's keys; call once at start-up, before any key is loaded (main does; tests that look at
// memory do). Thread-safe after that.
#pragma once

#include <cstddef>

#include "base/result.h"

namespace amanah::crypto {

/// Default size: room for the signing keys of some thousands of connections.
inline constexpr size_t kSecureHeapBytes = size_t{8} << 20;

/// Initialises the secure heap of `bytes` (a power of two). Idempotent.
base::Result<void> InitSecureHeap(size_t bytes = kSecureHeapBytes);
/// Whether the secure heap is in use.
bool SecureHeapActive();

}  // namespace amanah::crypto
