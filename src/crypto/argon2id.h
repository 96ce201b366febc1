// Argon2id (RFC 9106) through the reference libargon2: turns an operator's passphrase into a master
// key. Parameters are stored beside what they protect, so they can be raised later. Stateless;
// thread-safe.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

struct Argon2idParams {
  uint32_t iterations = 3;      ///< t_cost
  uint32_t memory_kib = 65536;  ///< m_cost, in KiB (64 MiB)
  uint32_t parallelism = 1;     ///< lanes and threads
  bool operator==(const Argon2idParams&) const = default;
};

/// A tag of `length` bytes from `password` and `salt` (≥ 8 bytes); `secret` and `associated` are
/// RFC 9106's optional K and X inputs.
base::Result<SecretBytes> Argon2id(ByteView password, ByteView salt, const Argon2idParams& params,
                                   size_t length, ByteView secret = {}, ByteView associated = {});

}  // namespace amanah::crypto
