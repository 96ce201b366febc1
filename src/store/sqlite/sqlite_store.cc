#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>

#include "store/sqlite/migrations.h"

namespace amanah::store::sqlite {
namespace {

using base::ErrorCode;
using Lock = std::lock_guard<std::mutex>;

int64_t Ms(base::SystemTime t) { return base::UnixMillis(t); }
base::SystemTime FromMs(int64_t ms) { return base::SystemTime(std::chrono::milliseconds(ms)); }

// Constraint failures name the column; turn them into what the user did wrong.
base::Error ExplainInsertConflict(const base::Error& e, const Connection& c) {
  const std::string& m = e.message();
  if (m.find("key_fingerprint") != std::string::npos) {
    return base::Error(ErrorCode::kAlreadyExists,
                       "this " + c.exchange + " API key is already connected (key " +
                           c.api_key_id.substr(0, 8) + "…); one key belongs to one connection");
  }
  if (m.find("label") != std::string::npos) {
    return base::Error(ErrorCode::kAlreadyExists,
                       "a connection labelled \"" + c.label + "\" already exists");
  }
  if (m.find("FOREIGN KEY") != std::string::npos) {
    return base::Error(ErrorCode::kNotFound,
                       "unknown tenant or keyring version for connection \"" + c.label + "\"");
  }
  return e;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       Database::Options options) {
  AMANAH_ASSIGN_OR_RETURN(auto db, Database::Open(path, options));
  AMANAH_TRY(Migrate(*db));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

// --- Tenants ---------------------------------------------------------------------------------

Result<void> SqliteStore::CreateTenant(const Tenant& tenant) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare("INSERT INTO tenants (id, name, created_at_ms) VALUES (?, ?, ?)"));
  stmt.Bind(1, tenant.id.value()).Bind(2, tenant.name).Bind(3, Ms(tenant.created_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists, "tenant " + tenant.id.value() + " exists");
  }
  return r;
}

Result<std::optional<Tenant>> SqliteStore::GetTenant(const TenantId& id) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT id, name, created_at_ms FROM tenants WHERE id = ?"));
  stmt.Bind(1, id.value());
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Tenant>();
  return std::optional<Tenant>(Tenant{TenantId(stmt.Text(0)), stmt.Text(1), FromMs(stmt.Int(2))});
}

Result<std::vector<Tenant>> SqliteStore::ListTenants() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT id, name, created_at_ms FROM tenants ORDER BY id"));
  std::vector<Tenant> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(Tenant{TenantId(stmt.Text(0)), stmt.Text(1), FromMs(stmt.Int(2))});
  }
  return out;
}

// --- Users ----------------------------------------------------------------------------------

Result<void> SqliteStore::CreateUser(const User& user) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("INSERT INTO users (id, tenant_id, name, role, "
                                                  "created_at_ms) VALUES (?, ?, ?, ?, ?)"));
  stmt.Bind(1, user.id.value())
      .Bind(2, user.tenant.value())
      .Bind(3, user.name)
      .Bind(4, UserRoleName(user.role))
      .Bind(5, Ms(user.created_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    if (r.error().message().find("FOREIGN KEY") != std::string::npos) {
      return base::Fail(ErrorCode::kNotFound, "no tenant " + user.tenant.value());
    }
    return base::Fail(ErrorCode::kAlreadyExists, "a user named \"" + user.name + "\" exists");
  }
  return r;
}

Result<std::vector<User>> SqliteStore::ListUsers(const TenantId& tenant) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT id, tenant_id, name, role, created_at_ms FROM "
                                       "users WHERE tenant_id = ? ORDER BY name"));
  stmt.Bind(1, tenant.value());
  std::vector<User> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    auto role = ParseUserRole(stmt.Text(3));
    if (!role) {
      return base::Fail(ErrorCode::kDataLoss,
                        "user " + stmt.Text(0) + " has an unknown role \"" + stmt.Text(3) + "\"");
    }
    out.push_back(User{UserId(stmt.Text(0)), TenantId(stmt.Text(1)), stmt.Text(2), *role,
                       FromMs(stmt.Int(4))});
  }
  return out;
}

// --- Vault keyring ---------------------------------------------------------------------------

Result<std::optional<VaultMeta>> SqliteStore::GetVaultMeta() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT root_provider, root_kdf, current_version, "
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

Result<void> SqliteStore::InitVault(const VaultMeta& meta, const KeyringEntry& first) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  {
    AMANAH_ASSIGN_OR_RETURN(auto stmt, db_->Prepare("SELECT COUNT(*) FROM vault_meta"));
    AMANAH_TRY(stmt.Step());
    if (stmt.Int(0) != 0) {
      return base::Fail(ErrorCode::kAlreadyExists, "the vault is already initialised");
    }
  }
  AMANAH_TRY(InsertKeyringEntry(first));
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare("INSERT INTO vault_meta (singleton, root_provider, root_kdf, "
                              "current_version, min_decryption_version, created_at_ms) "
                              "VALUES (1, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, meta.root_provider)
      .Bind(2, meta.root_kdf)
      .Bind(3, int64_t{meta.current_version})
      .Bind(4, int64_t{meta.min_decryption_version})
      .Bind(5, Ms(meta.created_at));
  AMANAH_TRY(stmt.Run());
  return tx.Commit();
}

Result<void> SqliteStore::InsertKeyringEntry(const KeyringEntry& entry) {
  AMANAH_ASSIGN_OR_RETURN(auto key,
                          db_->Prepare("INSERT INTO keyring (version, sealed_key, "
                                       "created_at_ms, encryptions) VALUES (?, ?, ?, ?)"));
  key.Bind(1, int64_t{entry.version})
      .BindBlob(2, entry.sealed_key)
      .Bind(3, Ms(entry.created_at))
      .Bind(4, static_cast<int64_t>(entry.encryptions));
  return key.Run();
}

Result<std::vector<KeyringEntry>> SqliteStore::ListKeyring() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT version, sealed_key, created_at_ms, encryptions "
                                       "FROM keyring ORDER BY version"));
  std::vector<KeyringEntry> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(KeyringEntry{static_cast<uint32_t>(stmt.Int(0)), stmt.BlobAt(1),
                               FromMs(stmt.Int(2)), static_cast<uint64_t>(stmt.Int(3))});
  }
  return out;
}

Result<void> SqliteStore::AddKeyringVersion(const KeyringEntry& entry) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  AMANAH_TRY(InsertKeyringEntry(entry));
  AMANAH_ASSIGN_OR_RETURN(auto meta, db_->Prepare("UPDATE vault_meta SET current_version = ?"));
  meta.Bind(1, int64_t{entry.version});
  AMANAH_TRY(meta.Run());
  if (db_->Changes() != 1)
    return base::Fail(ErrorCode::kFailedPrecondition, "vault not initialised");
  return tx.Commit();
}

Result<void> SqliteStore::SetMinDecryptionVersion(uint32_t version) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("UPDATE vault_meta SET min_decryption_version = ?"));
  stmt.Bind(1, int64_t{version});
  AMANAH_TRY(stmt.Run());
  if (db_->Changes() != 1)
    return base::Fail(ErrorCode::kFailedPrecondition, "vault not initialised");
  return {};
}

Result<void> SqliteStore::ReserveEncryptions(uint32_t version, uint64_t count, uint64_t limit) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("UPDATE keyring SET encryptions = encryptions + ? "
                                       "WHERE version = ? AND encryptions + ? <= ?"));
  stmt.Bind(1, static_cast<int64_t>(count))
      .Bind(2, int64_t{version})
      .Bind(3, static_cast<int64_t>(count))
      .Bind(4, static_cast<int64_t>(limit));
  AMANAH_TRY(stmt.Run());
  if (db_->Changes() != 1) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "master key version " + std::to_string(version) +
                          " has reached its encryption limit (" + std::to_string(limit) +
                          "); run `amanah vault rotate-master-key`");
  }
  return {};
}

// --- Connections -----------------------------------------------------------------------------

Result<void> SqliteStore::InsertConnection(const Connection& c) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_->Prepare(
          "INSERT INTO connections (id, tenant_id, exchange, label, api_key_id, "
          "key_fingerprint, key_type, status, account_id, created_at_ms, audited_at_ms, "
          "kek_version, wrapped_dek, endpoint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, c.id.value())
      .Bind(2, c.tenant.value())
      .Bind(3, c.exchange)
      .Bind(4, c.label)
      .Bind(5, c.api_key_id)
      .Bind(6, c.key_fingerprint)
      .Bind(7, c.key_type)
      .Bind(8, ConnectionStatusName(c.status))
      .Bind(9, c.account_id)
      .Bind(10, Ms(c.created_at));
  if (c.audited_at)
    stmt.Bind(11, Ms(*c.audited_at));
  else
    stmt.BindNull(11);
  if (c.wrapped_dek.empty()) {
    stmt.BindNull(12).BindNull(13);
  } else {
    stmt.Bind(12, int64_t{c.kek_version}).BindBlob(13, c.wrapped_dek);
  }
  stmt.Bind(14, c.endpoint);
  if (auto r = stmt.Run(); !r) return ExplainInsertConflict(r.error(), c);
  for (const auto& f : c.sealed) {
    AMANAH_ASSIGN_OR_RETURN(auto field, db_->Prepare("INSERT INTO sealed_fields (connection_id, "
                                                     "field, sealed) VALUES (?, ?, ?)"));
    field.Bind(1, c.id.value()).Bind(2, f.field).BindBlob(3, f.sealed);
    AMANAH_TRY(field.Run());
  }
  return tx.Commit();
}

Result<std::vector<Connection>> SqliteStore::QueryConnections(
    std::string_view where, const std::vector<std::string>& args) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_->Prepare(
          std::string("SELECT id, tenant_id, exchange, label, api_key_id, "
                      "key_fingerprint, key_type, status, account_id, created_at_ms, "
                      "audited_at_ms, kek_version, wrapped_dek, endpoint FROM connections ") +
          std::string(where) + " ORDER BY tenant_id, label"));
  for (size_t i = 0; i < args.size(); ++i) stmt.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<Connection> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Connection c;
    c.id = ConnectionId(stmt.Text(0));
    c.tenant = TenantId(stmt.Text(1));
    c.exchange = stmt.Text(2);
    c.label = stmt.Text(3);
    c.api_key_id = stmt.Text(4);
    c.key_fingerprint = stmt.Text(5);
    c.key_type = stmt.Text(6);
    auto status = ParseConnectionStatus(stmt.Text(7));
    if (!status) {
      return base::Fail(
          ErrorCode::kDataLoss,
          "connection " + c.id.value() + " has an unknown status \"" + stmt.Text(7) + "\"");
    }
    c.status = *status;
    if (!stmt.IsNull(8)) c.account_id = stmt.Text(8);
    c.created_at = FromMs(stmt.Int(9));
    if (!stmt.IsNull(10)) c.audited_at = FromMs(stmt.Int(10));
    if (!stmt.IsNull(11)) c.kek_version = static_cast<uint32_t>(stmt.Int(11));
    c.wrapped_dek = stmt.BlobAt(12);
    if (!stmt.IsNull(13)) c.endpoint = stmt.Text(13);
    out.push_back(std::move(c));
  }
  for (auto& c : out) {
    AMANAH_ASSIGN_OR_RETURN(auto fields, db_->Prepare("SELECT field, sealed FROM sealed_fields "
                                                      "WHERE connection_id = ? ORDER BY field"));
    fields.Bind(1, c.id.value());
    for (;;) {
      AMANAH_ASSIGN_OR_RETURN(bool row, fields.Step());
      if (!row) break;
      c.sealed.push_back(SealedField{fields.Text(0), fields.BlobAt(1)});
    }
  }
  return out;
}

Result<std::optional<Connection>> SqliteStore::GetConnection(const ConnectionId& id) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto rows, QueryConnections("WHERE id = ?", {id.value()}));
  if (rows.empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.front()));
}

Result<std::optional<Connection>> SqliteStore::FindConnectionByLabel(const TenantId& tenant,
                                                                     std::string_view label) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto rows, QueryConnections("WHERE tenant_id = ? AND label = ?",
                                                      {tenant.value(), std::string(label)}));
  if (rows.empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.front()));
}

Result<std::vector<Connection>> SqliteStore::ListConnections(const TenantId& tenant) {
  Lock lock(mu_);
  return QueryConnections("WHERE tenant_id = ?", {tenant.value()});
}

Result<void> SqliteStore::SetConnectionStatus(const ConnectionId& id, ConnectionStatus status) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("UPDATE connections SET status = ? WHERE id = ?"));
  stmt.Bind(1, ConnectionStatusName(status)).Bind(2, id.value());
  AMANAH_TRY(stmt.Run());
  if (db_->Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no connection " + id.value());
  return {};
}

Result<void> SqliteStore::SetConnectionAudited(const ConnectionId& id, base::SystemTime at) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("UPDATE connections SET audited_at_ms = ? WHERE id = ?"));
  stmt.Bind(1, Ms(at)).Bind(2, id.value());
  AMANAH_TRY(stmt.Run());
  if (db_->Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no connection " + id.value());
  return {};
}

Result<void> SqliteStore::ShredCredential(const ConnectionId& id) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("UPDATE connections SET status = 'revoked', "
                                       "kek_version = NULL, wrapped_dek = NULL WHERE id = ?"));
  stmt.Bind(1, id.value());
  AMANAH_TRY(stmt.Run());
  if (db_->Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no connection " + id.value());
  AMANAH_ASSIGN_OR_RETURN(auto fields,
                          db_->Prepare("DELETE FROM sealed_fields WHERE connection_id = ?"));
  fields.Bind(1, id.value());
  AMANAH_TRY(fields.Run());
  return tx.Commit();
}

// --- System secrets ------------------------------------------------------------------------

Result<void> SqliteStore::InsertSystemSecret(const SystemSecret& secret) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare("INSERT INTO system_secrets (name, public_info, kek_version, "
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

Result<std::optional<SystemSecret>> SqliteStore::GetSystemSecret(std::string_view name) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare("SELECT name, public_info, kek_version, wrapped_dek, sealed, "
                              "created_at_ms FROM system_secrets WHERE name = ?"));
  stmt.Bind(1, name);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<SystemSecret>();
  return std::optional<SystemSecret>(
      SystemSecret{stmt.Text(0), stmt.Text(1), static_cast<uint32_t>(stmt.Int(2)), stmt.BlobAt(3),
                   stmt.BlobAt(4), FromMs(stmt.Int(5))});
}

// --- Journal ---------------------------------------------------------------------------------

namespace {
// Fills `row` in place, reusing its buffers: a scan allocates per row only when a field grows.
void ReadJournalRow(const Statement& stmt, JournalRow& row) {
  stmt.TextInto(0, row.tenant);
  row.seq = static_cast<uint64_t>(stmt.Int(1));
  row.time_ms = stmt.Int(2);
  stmt.TextInto(3, row.kind);
  stmt.TextInto(4, row.payload);
  stmt.BlobInto(5, row.prev_hash);
  stmt.BlobInto(6, row.hash);
}
JournalRow ReadJournalRow(const Statement& stmt) {
  JournalRow row;
  ReadJournalRow(stmt, row);
  return row;
}
constexpr char kJournalColumns[] = "tenant_id, seq, time_ms, kind, payload, prev_hash, hash";
}  // namespace

Result<void> SqliteStore::AppendJournal(const std::vector<JournalRow>& rows) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare(std::string("INSERT INTO journal (") + kJournalColumns +
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (const auto& r : rows) {
    stmt.Bind(1, r.tenant)
        .Bind(2, static_cast<int64_t>(r.seq))
        .Bind(3, r.time_ms)
        .Bind(4, r.kind)
        .Bind(5, r.payload)
        .BindBlob(6, r.prev_hash)
        .BindBlob(7, r.hash);
    AMANAH_TRY(stmt.Run());
    AMANAH_TRY(stmt.Reset());
  }
  return tx.Commit();
}

Result<std::vector<JournalRow>> SqliteStore::JournalHeads() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare(std::string("SELECT ") + kJournalColumns +
                              " FROM journal j WHERE seq = (SELECT MAX(seq) FROM journal WHERE "
                              "tenant_id = j.tenant_id) ORDER BY tenant_id"));
  std::vector<JournalRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadJournalRow(stmt));
  }
  return out;
}

Result<void> SqliteStore::ScanJournal(const std::optional<std::string>& tenant,
                                      const std::function<bool(const JournalRow&)>& visit) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_->Prepare(std::string("SELECT ") + kJournalColumns + " FROM journal " +
                              (tenant ? "WHERE tenant_id = ? " : "") + "ORDER BY tenant_id, seq"));
  if (tenant) stmt.Bind(1, *tenant);
  JournalRow current;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ReadJournalRow(stmt, current);
    if (!visit(current)) break;
  }
  return {};
}

Result<int64_t> SqliteStore::InsertCheckpoint(const CheckpointRow& c) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("INSERT INTO checkpoints (time_ms, body, signature, key_id) "
                                       "VALUES (?, ?, ?, ?)"));
  stmt.Bind(1, c.time_ms).Bind(2, c.body).BindBlob(3, c.signature).Bind(4, c.key_id);
  AMANAH_TRY(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<std::optional<CheckpointRow>> SqliteStore::LatestCheckpoint() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT id, time_ms, body, signature, key_id FROM "
                                       "checkpoints ORDER BY id DESC LIMIT 1"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<CheckpointRow>();
  return std::optional<CheckpointRow>(
      CheckpointRow{stmt.Int(0), stmt.Int(1), stmt.Text(2), stmt.BlobAt(3), stmt.Text(4)});
}

// --- Rewrapping ------------------------------------------------------------------------------

Result<std::vector<WrappedDek>> SqliteStore::ListDeksNotUnder(uint32_t version, size_t limit) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_->Prepare("SELECT 0, id, tenant_id, kek_version, wrapped_dek FROM connections "
                   "WHERE wrapped_dek IS NOT NULL AND kek_version <> ?1 "
                   "UNION ALL SELECT 1, name, '_system', kek_version, wrapped_dek "
                   "FROM system_secrets WHERE kek_version <> ?1 ORDER BY 1, 2 LIMIT ?2"));
  stmt.Bind(1, int64_t{version}).Bind(2, static_cast<int64_t>(limit));
  std::vector<WrappedDek> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(WrappedDek{stmt.Int(0) == 0 ? DekOwner::kConnection : DekOwner::kSystemSecret,
                             ConnectionId(stmt.Text(1)), TenantId(stmt.Text(2)),
                             static_cast<uint32_t>(stmt.Int(3)), stmt.BlobAt(4)});
  }
  return out;
}

Result<std::vector<uint64_t>> SqliteStore::CountDeksByVersion() {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_->Prepare("SELECT kek_version, COUNT(*) FROM (SELECT kek_version FROM "
                                       "connections WHERE wrapped_dek IS NOT NULL UNION ALL SELECT "
                                       "kek_version FROM system_secrets) GROUP BY kek_version"));
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

Result<size_t> SqliteStore::ReplaceWrappedDeks(const std::vector<DekRewrap>& rewraps) {
  Lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto tx, db_->Begin());
  AMANAH_ASSIGN_OR_RETURN(auto connections,
                          db_->Prepare("UPDATE connections SET kek_version = ?, wrapped_dek = ? "
                                       "WHERE id = ? AND wrapped_dek = ?"));
  AMANAH_ASSIGN_OR_RETURN(auto secrets,
                          db_->Prepare("UPDATE system_secrets SET kek_version = ?, "
                                       "wrapped_dek = ? WHERE name = ? AND wrapped_dek = ?"));
  size_t written = 0;
  for (const auto& r : rewraps) {
    Statement& stmt = r.owner == DekOwner::kConnection ? connections : secrets;
    stmt.Bind(1, int64_t{r.new_version})
        .BindBlob(2, r.new_wrapped)
        .Bind(3, r.connection.value())
        .BindBlob(4, r.old_wrapped);
    AMANAH_TRY(stmt.Run());
    written += static_cast<size_t>(db_->Changes());
    AMANAH_TRY(stmt.Reset());
  }
  AMANAH_TRY(tx.Commit());
  return written;
}

}  // namespace amanah::store::sqlite
