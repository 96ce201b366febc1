// LockedPool: where SecretBytes memory comes from. Small buffers (up to 4 KiB) are slots carved
// from 64 KiB chunks that are mapped once, locked against swap (mlock) and excluded from core dumps
// (MADV_DONTDUMP), then reused through per-size free lists, so a secret costs no system call after
// warm-up. Larger buffers get a mapping of their own with the same protections. Callers zeroize
// before they release. Thread-safe. Internal to crypto.
#pragma once

#include <cstddef>
#include <cstdint>

namespace amanah::crypto::internal {

struct LockedBlock {
  uint8_t* data = nullptr;
  size_t capacity = 0;  ///< usable bytes (the slot or mapping size)
  bool locked = false;  ///< mlock held
};

/// A block of at least `size` (> 0) bytes, zero-filled.
LockedBlock AllocateLocked(size_t size);
/// Returns a block from AllocateLocked. REQUIRES: the caller zeroized it.
void ReleaseLocked(const LockedBlock& block);

}  // namespace amanah::crypto::internal
