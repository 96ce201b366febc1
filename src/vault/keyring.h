// Keyring: the vault's key-encryption keys (KEKs), one per version, each sealed under the root key
// in the store and held unsealed here in locked memory. Internal to the vault; not thread-safe
// (the Vault guards it).
#pragma once

#include <map>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "store/records.h"

namespace amanah::vault {

inline constexpr size_t kKekSize = 32;

class Keyring {
 public:
  /// Unseals every entry with `root`; a wrong root key fails here with a clear error.
  static base::Result<Keyring> Unseal(const crypto::SecretBytes& root,
                                      const std::vector<store::KeyringEntry>& entries);
  /// A new random KEK for `version`, sealed under `root`; adds it to this keyring.
  base::Result<store::KeyringEntry> AddNew(const crypto::SecretBytes& root, uint32_t version,
                                           base::Random& random, base::SystemTime now);

  /// The KEK of `version`, or nullptr.
  const crypto::SecretBytes* Find(uint32_t version) const;
  uint32_t Latest() const { return keys_.empty() ? 0 : keys_.rbegin()->first; }

 private:
  std::map<uint32_t, crypto::SecretBytes> keys_;
};

}  // namespace amanah::vault
