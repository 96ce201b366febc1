// KeyringRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/keyring_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteKeyring final : public KeyringRepository {
 public:
  explicit SqliteKeyring(Database& db) : db_(db) {}
  base::Result<std::optional<VaultMeta>> GetVaultMeta() override;
  base::Result<void> InitVault(const VaultMeta& meta, const KeyringEntry& first) override;
  base::Result<std::vector<KeyringEntry>> ListKeyring() override;
  base::Result<void> AddKeyringVersion(const KeyringEntry& entry) override;
  base::Result<void> SetMinDecryptionVersion(uint32_t version) override;
  base::Result<void> ReserveEncryptions(uint32_t version, uint64_t count, uint64_t limit) override;
  base::Result<void> InsertSystemSecret(const SystemSecret& secret) override;
  base::Result<std::optional<SystemSecret>> GetSystemSecret(std::string_view name) override;
  base::Result<std::vector<WrappedDek>> ListDeksNotUnder(uint32_t version, size_t limit) override;
  base::Result<std::vector<uint64_t>> CountDeksByVersion() override;
  base::Result<std::vector<WrappedDek>> ListDeksBelow(uint32_t version) override;
  base::Result<size_t> ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) override;

 private:
  base::Result<void> InsertKeyringEntry(const KeyringEntry& entry);
  base::Result<std::vector<WrappedDek>> QueryDeks(std::string_view where, uint32_t version,
                                                  int64_t limit);

  Database& db_;
};

}  // namespace amanah::store::sqlite
