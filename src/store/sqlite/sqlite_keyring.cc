#include "store/sqlite/sqlite_keyring.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

using base::ErrorCode;

base::Result<std::optional<VaultMeta>> SqliteKeyring::GetVaultMeta() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT root_provider, root_kdf, current_version, "
                                      "min_decryption_version, created_at_ms FROM vault_meta"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<VaultMeta>();
  VaultMeta m;
  m.root_provider = stmt.Text(0);
  m.root_kdf = stmt.Text(1);
  m.current_version = static_cast<uint32_t>(stmt.Int(2));
  m.min_decryption_version = static_cast<uint32_t>(stmt.Int(3));
  m.created_at = FromMs(stmt.Int(4));
  return std::optional<VaultMeta>(m);
}

base::Result<void> SqliteKeyring::InitVault(const VaultMeta& meta, const KeyringEntry& first) {
  {
    AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT COUNT(*) FROM vault_meta"));
    AMANAH_TRY(stmt.Step());
    if (stmt.Int(0) != 0) {
      return base::Fail(ErrorCode::kAlreadyExists, "the vault is already initialised");
    }
  }
  AMANAH_TRY(InsertKeyringEntry(first));
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO vault_meta (singleton, root_provider, root_kdf, "
                                      "current_version, min_decryption_version, created_at_ms) "
                                      "VALUES (1, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, meta.root_provider)
      .Bind(2, meta.root_kdf)
      .Bind(3, int64_t{meta.current_version})
      .Bind(4, int64_t{meta.min_decryption_version})
      .Bind(5, Ms(meta.created_at));
  return stmt.Run();
}

base::Result<void> SqliteKeyring::InsertKeyringEntry(const KeyringEntry& entry) {
  AMANAH_ASSIGN_OR_RETURN(auto key, db_.Prepare("INSERT INTO keyring (version, sealed_key, "
                                                "created_at_ms, encryptions) VALUES (?, ?, ?, ?)"));
  key.Bind(1, int64_t{entry.version})
      .BindBlob(2, entry.sealed_key)
      .Bind(3, Ms(entry.created_at))
      .Bind(4, static_cast<int64_t>(entry.encryptions));
  return key.Run();
}

base::Result<std::vector<KeyringEntry>> SqliteKeyring::ListKeyring() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT version, sealed_key, created_at_ms, "
                                                 "encryptions FROM keyring ORDER BY version"));
  std::vector<KeyringEntry> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(KeyringEntry{static_cast<uint32_t>(stmt.Int(0)), stmt.BlobAt(1),
                               FromMs(stmt.Int(2)), static_cast<uint64_t>(stmt.Int(3))});
  }
  return out;
}

base::Result<void> SqliteKeyring::AddKeyringVersion(const KeyringEntry& entry) {
  AMANAH_TRY(InsertKeyringEntry(entry));
  AMANAH_ASSIGN_OR_RETURN(auto meta, db_.Prepare("UPDATE vault_meta SET current_version = ?"));
  meta.Bind(1, int64_t{entry.version});
  AMANAH_TRY(meta.Run());
  if (db_.Changes() != 1)
    return base::Fail(ErrorCode::kFailedPrecondition, "vault not initialised");
  return {};
}

base::Result<void> SqliteKeyring::SetMinDecryptionVersion(uint32_t version) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE vault_meta SET min_decryption_version = ?"));
  stmt.Bind(1, int64_t{version});
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1)
    return base::Fail(ErrorCode::kFailedPrecondition, "vault not initialised");
  return {};
}

base::Result<void> SqliteKeyring::ReserveEncryptions(uint32_t version, uint64_t count,
                                                     uint64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE keyring SET encryptions = encryptions + ? "
                                                 "WHERE version = ? AND encryptions + ? <= ?"));
  stmt.Bind(1, static_cast<int64_t>(count))
      .Bind(2, int64_t{version})
      .Bind(3, static_cast<int64_t>(count))
      .Bind(4, static_cast<int64_t>(limit));
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "master key version " + std::to_string(version) +
                          " has reached its encryption limit (" + std::to_string(limit) +
                          "); run `amanah vault rotate-master-key`");
  }
  return {};
}

base::Result<void> SqliteKeyring::InsertSystemSecret(const SystemSecret& secret) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO system_secrets (name, public_info, kek_version, "
                             "wrapped_dek, sealed, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, secret.name)
      .Bind(2, secret.public_info)
      .Bind(3, int64_t{secret.kek_version})
      .BindBlob(4, secret.wrapped_dek)
      .BindBlob(5, secret.sealed)
      .Bind(6, Ms(secret.created_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists, "system secret " + secret.name + " exists");
  }
  return r;
}

base::Result<std::optional<SystemSecret>> SqliteKeyring::GetSystemSecret(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT name, public_info, kek_version, wrapped_dek, sealed, "
                                      "created_at_ms FROM system_secrets WHERE name = ?"));
  stmt.Bind(1, name);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<SystemSecret>();
  return std::optional<SystemSecret>(
      SystemSecret{stmt.Text(0), stmt.Text(1), static_cast<uint32_t>(stmt.Int(2)), stmt.BlobAt(3),
                   stmt.BlobAt(4), FromMs(stmt.Int(5))});
}

base::Result<std::vector<WrappedDek>> SqliteKeyring::QueryDeks(std::string_view where,
                                                               uint32_t version, int64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT 0, id, tenant_id, kek_version, wrapped_dek FROM connections "
                             "WHERE wrapped_dek IS NOT NULL AND kek_version " +
                             std::string(where) +
                             " ?1 UNION ALL SELECT 1, name, '_system', kek_version, wrapped_dek "
                             "FROM system_secrets WHERE kek_version " +
                             std::string(where) +
                             " ?1 UNION ALL SELECT 2, connection_id, tenant_id, kek_version, "
                             "wrapped_dek FROM retired_keys WHERE kek_version " +
                             std::string(where) + " ?1 ORDER BY 1, 2 LIMIT ?2"));
  stmt.Bind(1, int64_t{version}).Bind(2, limit);
  std::vector<WrappedDek> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const int64_t owner = stmt.Int(0);
    out.push_back(WrappedDek{owner == 0   ? DekOwner::kConnection
                             : owner == 1 ? DekOwner::kSystemSecret
                                          : DekOwner::kRetiredKey,
                             ConnectionId(stmt.Text(1)), TenantId(stmt.Text(2)),
                             static_cast<uint32_t>(stmt.Int(3)), stmt.BlobAt(4)});
  }
  return out;
}

base::Result<std::vector<WrappedDek>> SqliteKeyring::ListDeksNotUnder(uint32_t version,
                                                                      size_t limit) {
  return QueryDeks("<>", version, static_cast<int64_t>(limit));
}

base::Result<std::vector<WrappedDek>> SqliteKeyring::ListDeksBelow(uint32_t version) {
  return QueryDeks("<", version, -1);
}

base::Result<std::vector<uint64_t>> SqliteKeyring::CountDeksByVersion() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT kek_version, COUNT(*) FROM (SELECT kek_version FROM "
                                      "connections WHERE wrapped_dek IS NOT NULL UNION ALL SELECT "
                                      "kek_version FROM system_secrets UNION ALL SELECT "
                                      "kek_version FROM retired_keys) GROUP BY kek_version"));
  std::vector<uint64_t> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const auto v = static_cast<size_t>(stmt.Int(0));
    if (out.size() <= v) out.resize(v + 1, 0);
    out[v] = static_cast<uint64_t>(stmt.Int(1));
  }
  return out;
}

base::Result<size_t> SqliteKeyring::ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) {
  AMANAH_ASSIGN_OR_RETURN(auto connections,
                          db_.Prepare("UPDATE connections SET kek_version = ?, wrapped_dek = ? "
                                      "WHERE id = ? AND wrapped_dek = ?"));
  AMANAH_ASSIGN_OR_RETURN(auto secrets,
                          db_.Prepare("UPDATE system_secrets SET kek_version = ?, "
                                      "wrapped_dek = ? WHERE name = ? AND wrapped_dek = ?"));
  AMANAH_ASSIGN_OR_RETURN(auto retired,
                          db_.Prepare("UPDATE retired_keys SET kek_version = ?, wrapped_dek = ? "
                                      "WHERE connection_id = ? AND wrapped_dek = ?"));
  size_t written = 0;
  for (const auto& r : rewraps) {
    Statement& stmt = r.owner == DekOwner::kConnection     ? connections
                      : r.owner == DekOwner::kSystemSecret ? secrets
                                                           : retired;
    stmt.Bind(1, int64_t{r.new_version})
        .BindBlob(2, r.new_wrapped)
        .Bind(3, r.connection.value())
        .BindBlob(4, r.old_wrapped);
    AMANAH_TRY(stmt.Run());
    written += static_cast<size_t>(db_.Changes());
    AMANAH_TRY(stmt.Reset());
  }
  return written;
}

}  // namespace amanah::store::sqlite
