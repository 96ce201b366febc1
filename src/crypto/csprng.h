// Csprng: OpenSSL's private DRBG (seeded from the kernel) behind base::Random, and a helper that
// draws random bytes straight into locked memory for keys. Thread-safe.
#pragma once

#include "base/random.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

class Csprng final : public base::Random {
 public:
  void Fill(std::span<uint8_t> out) override;
};

/// `size` random bytes from the OpenSSL private DRBG, in locked memory: data and master keys.
SecretBytes RandomSecret(size_t size);

}  // namespace amanah::crypto
