#include "vault/keyring.h"

#include <string>

#include "vault/envelope.h"

namespace amanah::vault {
namespace {
const crypto::Bytes kHeader{static_cast<uint8_t>(BlobFormat::kKeyringKey)};
}

base::Result<Keyring> Keyring::Unseal(const crypto::SecretBytes& root,
                                      const std::vector<store::KeyringEntry>& entries) {
  Keyring ring;
  for (const auto& e : entries) {
    const std::string version = std::to_string(e.version);
    auto kek = OpenBlob(root.bytes(), e.sealed_key, kHeader.size(), kKeyringPurpose, {version});
    if (!kek || kek->size() != kKekSize) {
      return base::Fail(base::ErrorCode::kPermissionDenied,
                        "the master key does not open this vault's keyring (version " + version +
                            "): wrong master key file, variable or passphrase, or a tampered "
                            "keyring");
    }
    ring.keys_.emplace(e.version, std::move(*kek));
  }
  return ring;
}

base::Result<store::KeyringEntry> Keyring::AddNew(const crypto::SecretBytes& root, uint32_t version,
                                                  base::Random& random, base::SystemTime now) {
  crypto::SecretBytes kek(kKekSize);
  random.Fill(kek.mutable_bytes());
  const std::string v = std::to_string(version);
  AMANAH_ASSIGN_OR_RETURN(
      auto sealed, SealBlob(root.bytes(), random, kHeader, kKeyringPurpose, {v}, kek.bytes()));
  keys_.insert_or_assign(version, std::move(kek));
  return store::KeyringEntry{version, std::move(sealed), now, 0};
}

const crypto::SecretBytes* Keyring::Find(uint32_t version) const {
  auto it = keys_.find(version);
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace amanah::vault
