#include "crypto/csprng.h"

#include <openssl/rand.h>

#include "base/check.h"

namespace amanah::crypto {

void Csprng::Fill(std::span<uint8_t> out) {
  if (out.empty()) return;
  AMANAH_CHECK(RAND_priv_bytes(out.data(), static_cast<int>(out.size())) == 1,
               "OpenSSL DRBG failed");
}

SecretBytes RandomSecret(size_t size) {
  SecretBytes s(size);
  Csprng().Fill(s.mutable_bytes());
  return s;
}

}  // namespace amanah::crypto
