// Store: everything Amanah persists, behind one interface so that the SQLite backend (the embedded
// default) and a PostgreSQL backend serve the same callers. Every method that changes more than one
// row does so in one transaction: it happens whole or not at all. Methods are thread-safe.
//
// Errors: kAlreadyExists (a unique label or key fingerprint is taken), kNotFound, kUnavailable
// (the database is locked by another process past the busy timeout), kFailedPrecondition (disk
// full, read-only, a newer schema than this binary, an encryption limit reached), kDataLoss
// (corrupt database file).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

template <class T>
using Result = base::Result<T>;

class Store {
 public:
  virtual ~Store() = default;

  // --- Tenants ---
  virtual Result<void> CreateTenant(const Tenant& tenant) = 0;
  virtual Result<std::optional<Tenant>> GetTenant(const TenantId& id) = 0;
  virtual Result<std::vector<Tenant>> ListTenants() = 0;

  // --- Users ---
  /// kAlreadyExists if the name is taken; kNotFound if the tenant does not exist.
  virtual Result<void> CreateUser(const User& user) = 0;
  virtual Result<std::vector<User>> ListUsers(const TenantId& tenant) = 0;

  // --- Vault keyring ---
  virtual Result<std::optional<VaultMeta>> GetVaultMeta() = 0;
  /// Creates the vault's settings with its first keyring version. kAlreadyExists if initialised.
  virtual Result<void> InitVault(const VaultMeta& meta, const KeyringEntry& first) = 0;
  virtual Result<std::vector<KeyringEntry>> ListKeyring() = 0;
  /// Adds `entry` and makes it the current version.
  virtual Result<void> AddKeyringVersion(const KeyringEntry& entry) = 0;
  virtual Result<void> SetMinDecryptionVersion(uint32_t version) = 0;
  /// Durably adds `count` to version's encryption counter, refusing (kFailedPrecondition) if that
  /// would pass `limit`. Called before the encryptions are done, so a crash never under-counts.
  virtual Result<void> ReserveEncryptions(uint32_t version, uint64_t count, uint64_t limit) = 0;

  // --- Connections ---
  /// kAlreadyExists if the tenant already has the label, or any tenant has the key fingerprint.
  virtual Result<void> InsertConnection(const Connection& connection) = 0;
  virtual Result<std::optional<Connection>> GetConnection(const ConnectionId& id) = 0;
  virtual Result<std::optional<Connection>> FindConnectionByLabel(const TenantId& tenant,
                                                                  std::string_view label) = 0;
  virtual Result<std::vector<Connection>> ListConnections(const TenantId& tenant) = 0;
  virtual Result<void> SetConnectionStatus(const ConnectionId& id, ConnectionStatus status) = 0;
  /// Records when the connection was last audited.
  virtual Result<void> SetConnectionAudited(const ConnectionId& id, base::SystemTime at) = 0;
  /// Deletes the wrapped data key and every sealed field together and marks the connection
  /// revoked (crypto-shred). kNotFound if there is no such connection.
  virtual Result<void> ShredCredential(const ConnectionId& id) = 0;

  // --- System secrets ---
  /// kAlreadyExists if `name` is taken.
  virtual Result<void> InsertSystemSecret(const SystemSecret& secret) = 0;
  virtual Result<std::optional<SystemSecret>> GetSystemSecret(std::string_view name) = 0;

  // --- Journal (append-only) ---
  /// Appends rows in one transaction: all durable, or none.
  virtual Result<void> AppendJournal(const std::vector<JournalRow>& rows) = 0;
  /// The last row of every tenant's chain.
  virtual Result<std::vector<JournalRow>> JournalHeads() = 0;
  /// Visits rows ordered by tenant then seq, optionally one tenant's; `visit` returns false to
  /// stop.
  virtual Result<void> ScanJournal(const std::optional<std::string>& tenant,
                                   const std::function<bool(const JournalRow&)>& visit) = 0;
  /// Stores a checkpoint; returns its id.
  virtual Result<int64_t> InsertCheckpoint(const CheckpointRow& checkpoint) = 0;
  virtual Result<std::optional<CheckpointRow>> LatestCheckpoint() = 0;

  // --- Rewrapping ---
  /// Data keys (of connections and system secrets) not wrapped under `version`, at most `limit`.
  virtual Result<std::vector<WrappedDek>> ListDeksNotUnder(uint32_t version, size_t limit) = 0;
  /// Number of live data keys per keyring version (index = version; absent = 0).
  virtual Result<std::vector<uint64_t>> CountDeksByVersion() = 0;
  /// Writes each rewrap whose row still holds its old wrapped key, in one transaction; returns how
  /// many were written (a row changed or shredded meanwhile is skipped).
  virtual Result<size_t> ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) = 0;
};

}  // namespace amanah::store
