// SqliteStore: the embedded Store, one SQLite file in the data directory (WAL, synchronous=FULL,
// foreign keys on, secure_delete on, busy timeout). One connection per store, serialized by a
// mutex: every method is thread-safe and each multi-row change is one IMMEDIATE transaction.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite/database.h"
#include "store/store.h"

namespace amanah::store::sqlite {

class SqliteStore final : public Store {
 public:
  /// Opens (creating if needed) and migrates the database at `path`.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   Database::Options options = {});

  Result<void> CreateTenant(const Tenant& tenant) override;
  Result<std::optional<Tenant>> GetTenant(const TenantId& id) override;
  Result<std::vector<Tenant>> ListTenants() override;

  Result<void> CreateUser(const User& user) override;
  Result<std::vector<User>> ListUsers(const TenantId& tenant) override;

  Result<std::optional<VaultMeta>> GetVaultMeta() override;
  Result<void> InitVault(const VaultMeta& meta, const KeyringEntry& first) override;
  Result<std::vector<KeyringEntry>> ListKeyring() override;
  Result<void> AddKeyringVersion(const KeyringEntry& entry) override;
  Result<void> SetMinDecryptionVersion(uint32_t version) override;
  Result<void> ReserveEncryptions(uint32_t version, uint64_t count, uint64_t limit) override;

  Result<void> InsertConnection(const Connection& connection) override;
  Result<std::optional<Connection>> GetConnection(const ConnectionId& id) override;
  Result<std::optional<Connection>> FindConnectionByLabel(const TenantId& tenant,
                                                          std::string_view label) override;
  Result<std::vector<Connection>> ListConnections(const TenantId& tenant) override;
  Result<void> SetConnectionStatus(const ConnectionId& id, ConnectionStatus status) override;
  Result<void> SetConnectionAudited(const ConnectionId& id, base::SystemTime at) override;
  Result<void> ShredCredential(const ConnectionId& id) override;

  Result<void> InsertSystemSecret(const SystemSecret& secret) override;
  Result<std::optional<SystemSecret>> GetSystemSecret(std::string_view name) override;

  Result<void> AppendJournal(const std::vector<JournalRow>& rows) override;
  Result<std::vector<JournalRow>> JournalHeads() override;
  Result<void> ScanJournal(const std::optional<std::string>& tenant,
                           const std::function<bool(const JournalRow&)>& visit) override;
  Result<int64_t> InsertCheckpoint(const CheckpointRow& checkpoint) override;
  Result<std::optional<CheckpointRow>> LatestCheckpoint() override;

  Result<std::vector<WrappedDek>> ListDeksNotUnder(uint32_t version, size_t limit) override;
  Result<std::vector<uint64_t>> CountDeksByVersion() override;
  Result<size_t> ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) override;

 private:
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  // REQUIRES: mu_ is held.
  Result<void> InsertKeyringEntry(const KeyringEntry& entry);
  // REQUIRES: mu_ is held.
  Result<std::vector<Connection>> QueryConnections(std::string_view where,
                                                   const std::vector<std::string>& args);

  std::mutex mu_;
  std::unique_ptr<Database> db_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::store::sqlite
