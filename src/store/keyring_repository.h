// KeyringRepository: the vault's persistent state — its settings, the keyring of sealed
// key-encryption keys, Amanah's own sealed system secrets, and the listing and rewriting of
// wrapped data keys that master-key rotation needs. Only sealed or wrapped blobs pass through
// here, never plaintext. Reached through a UnitOfWork.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class KeyringRepository {
 public:
  virtual ~KeyringRepository() = default;
  virtual base::Result<std::optional<VaultMeta>> GetVaultMeta() = 0;
  /// Creates the vault's settings with its first keyring version. kAlreadyExists if initialised.
  virtual base::Result<void> InitVault(const VaultMeta& meta, const KeyringEntry& first) = 0;
  virtual base::Result<std::vector<KeyringEntry>> ListKeyring() = 0;
  /// Adds `entry` and makes it the current version.
  virtual base::Result<void> AddKeyringVersion(const KeyringEntry& entry) = 0;
  virtual base::Result<void> SetMinDecryptionVersion(uint32_t version) = 0;
  /// Durably adds `count` to version's encryption counter, refusing (kFailedPrecondition) if that
  /// would pass `limit`. Called before the encryptions are done, so a crash never under-counts.
  virtual base::Result<void> ReserveEncryptions(uint32_t version, uint64_t count,
                                                uint64_t limit) = 0;

  /// kAlreadyExists if `name` is taken.
  virtual base::Result<void> InsertSystemSecret(const SystemSecret& secret) = 0;
  virtual base::Result<std::optional<SystemSecret>> GetSystemSecret(std::string_view name) = 0;

  /// Data keys (of connections and system secrets) not wrapped under `version`, at most `limit`.
  virtual base::Result<std::vector<WrappedDek>> ListDeksNotUnder(uint32_t version,
                                                                 size_t limit) = 0;
  /// Number of live data keys per keyring version (index = version; absent = 0).
  virtual base::Result<std::vector<uint64_t>> CountDeksByVersion() = 0;
  /// The live data keys wrapped under versions below `version`: what retiring them destroys.
  virtual base::Result<std::vector<WrappedDek>> ListDeksBelow(uint32_t version) = 0;
  /// Writes each rewrap whose row still holds its old wrapped key; returns how many were written
  /// (a row changed or shredded meanwhile is skipped).
  virtual base::Result<size_t> ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) = 0;
};

}  // namespace amanah::store
