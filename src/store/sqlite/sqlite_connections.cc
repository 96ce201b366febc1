#include "store/sqlite/sqlite_connections.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {
namespace {

using base::ErrorCode;

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

template <class T>
void BindOptionalTime(Statement& stmt, int index, const std::optional<T>& t) {
  if (t) {
    stmt.Bind(index, Ms(*t));
  } else {
    stmt.BindNull(index);
  }
}

constexpr char kConnectionColumns[] =
    "id, tenant_id, exchange, label, api_key_id, key_fingerprint, key_type, status, account_id, "
    "endpoint, created_at_ms, audited_at_ms, key_created_at_ms, state_mac, kek_version, "
    "wrapped_dek";

// Writes `fields` into `table` (sealed_fields, retired_key_fields) under `owner`.
base::Result<void> InsertFields(Database& db, std::string_view table, std::string_view owner_column,
                                std::string_view owner, const std::vector<SealedField>& fields) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("INSERT INTO " + std::string(table) + " (" + std::string(owner_column) +
                            ", field, sealed) VALUES (?, ?, ?)"));
  for (const auto& f : fields) {
    stmt.Bind(1, owner).Bind(2, f.field).BindBlob(3, f.sealed);
    AMANAH_TRY(stmt.Run());
    AMANAH_TRY(stmt.Reset());
  }
  return {};
}

}  // namespace

base::Result<void> SqliteConnections::Insert(const Connection& c) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("INSERT INTO connections (") + kConnectionColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?)"));
  stmt.Bind(1, c.id.value())
      .Bind(2, c.tenant.value())
      .Bind(3, c.exchange)
      .Bind(4, c.label)
      .Bind(5, c.api_key_id)
      .Bind(6, c.key_fingerprint)
      .Bind(7, c.key_type)
      .Bind(8, ConnectionStatusName(c.status))
      .Bind(9, c.account_id)
      .Bind(10, c.endpoint)
      .Bind(11, Ms(c.created_at));
  BindOptionalTime(stmt, 12, c.audited_at);
  BindOptionalTime(stmt, 13, c.key_created_at);
  stmt.BindBlob(14, c.state_mac);
  if (c.wrapped_dek.empty()) {
    stmt.BindNull(15).BindNull(16);
  } else {
    stmt.Bind(15, int64_t{c.kek_version}).BindBlob(16, c.wrapped_dek);
  }
  if (auto r = stmt.Run(); !r) return ExplainInsertConflict(r.error(), c);
  return InsertFields(db_, "sealed_fields", "connection_id", c.id.value(), c.sealed);
}

base::Result<std::vector<Connection>> SqliteConnections::Query(std::string_view where_and_order,
                                                               const std::vector<std::string>& args,
                                                               bool with_sealed) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kConnectionColumns + " FROM connections " +
                             std::string(where_and_order)));
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
    if (!stmt.IsNull(9)) c.endpoint = stmt.Text(9);
    c.created_at = FromMs(stmt.Int(10));
    if (!stmt.IsNull(11)) c.audited_at = FromMs(stmt.Int(11));
    if (!stmt.IsNull(12)) c.key_created_at = FromMs(stmt.Int(12));
    c.state_mac = stmt.BlobAt(13);
    if (!stmt.IsNull(14)) c.kek_version = static_cast<uint32_t>(stmt.Int(14));
    c.wrapped_dek = stmt.BlobAt(15);
    out.push_back(std::move(c));
  }
  if (!with_sealed) return out;
  AMANAH_ASSIGN_OR_RETURN(auto fields, db_.Prepare("SELECT field, sealed FROM sealed_fields "
                                                   "WHERE connection_id = ? ORDER BY field"));
  for (auto& c : out) {
    fields.Bind(1, c.id.value());
    for (;;) {
      AMANAH_ASSIGN_OR_RETURN(bool row, fields.Step());
      if (!row) break;
      c.sealed.push_back(SealedField{fields.Text(0), fields.BlobAt(1)});
    }
    AMANAH_TRY(fields.Reset());
  }
  return out;
}

base::Result<std::optional<Connection>> SqliteConnections::Get(const ConnectionId& id) {
  AMANAH_ASSIGN_OR_RETURN(auto rows, Query("WHERE id = ?", {id.value()}));
  if (rows.empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.front()));
}

base::Result<std::optional<Connection>> SqliteConnections::FindByLabel(const TenantId& tenant,
                                                                       std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(auto rows,
                          Query("WHERE tenant_id = ? AND label = ? ORDER BY status = 'revoked', "
                                "created_at_ms DESC, id LIMIT 1",
                                {tenant.value(), std::string(label)}));
  if (rows.empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.front()));
}

base::Result<std::vector<Connection>> SqliteConnections::List(const TenantId& tenant) {
  return Query("WHERE tenant_id = ? ORDER BY label, created_at_ms, id", {tenant.value()});
}

base::Result<std::vector<Connection>> SqliteConnections::ListAll() {
  return Query("ORDER BY tenant_id, label, created_at_ms, id", {});
}

base::Result<std::vector<Connection>> SqliteConnections::ListStates(
    const std::optional<TenantId>& tenant) {
  if (tenant) {
    return Query("WHERE tenant_id = ? ORDER BY label, created_at_ms, id", {tenant->value()}, false);
  }
  return Query("ORDER BY tenant_id, label, created_at_ms, id", {}, false);
}

base::Result<void> SqliteConnections::UpdateState(const Connection& c) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE connections SET status = ?, account_id = ?, endpoint = ?, "
                             "label = ?, audited_at_ms = ?, key_created_at_ms = ?, state_mac = ? "
                             "WHERE id = ?"));
  stmt.Bind(1, ConnectionStatusName(c.status))
      .Bind(2, c.account_id)
      .Bind(3, c.endpoint)
      .Bind(4, c.label);
  BindOptionalTime(stmt, 5, c.audited_at);
  BindOptionalTime(stmt, 6, c.key_created_at);
  stmt.BindBlob(7, c.state_mac).Bind(8, c.id.value());
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no connection " + c.id.value());
  return {};
}

base::Result<void> SqliteConnections::Shred(const ConnectionId& id, const Blob& mac) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE connections SET status = 'revoked', state_mac = ?, "
                                      "kek_version = NULL, wrapped_dek = NULL WHERE id = ?"));
  stmt.BindBlob(1, mac).Bind(2, id.value());
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no connection " + id.value());
  AMANAH_ASSIGN_OR_RETURN(auto fields,
                          db_.Prepare("DELETE FROM sealed_fields WHERE connection_id = ?"));
  fields.Bind(1, id.value());
  return fields.Run();
}

base::Result<void> SqliteConnections::ReplaceKey(const Connection& c, const RetiredKey& r) {
  AMANAH_ASSIGN_OR_RETURN(
      auto retire,
      db_.Prepare("INSERT INTO retired_keys (id, connection_id, tenant_id, api_key_id, key_type, "
                  "key_created_at_ms, retired_at_ms, probed_at_ms, probe_note, mac, kek_version, "
                  "wrapped_dek) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  retire.Bind(1, r.id)
      .Bind(2, r.connection.value())
      .Bind(3, r.tenant.value())
      .Bind(4, r.api_key_id)
      .Bind(5, r.key_type);
  BindOptionalTime(retire, 6, r.key_created_at);
  retire.Bind(7, Ms(r.retired_at));
  BindOptionalTime(retire, 8, r.probed_at);
  retire.Bind(9, r.probe_note)
      .BindBlob(10, r.mac)
      .Bind(11, int64_t{r.kek_version})
      .BindBlob(12, r.wrapped_dek);
  AMANAH_TRY(retire.Run());
  AMANAH_TRY(InsertFields(db_, "retired_key_fields", "retired_id", r.id, r.sealed));
  AMANAH_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE connections SET api_key_id = ?, key_fingerprint = ?, key_type = ?, "
                  "key_created_at_ms = ?, audited_at_ms = ?, status = ?, state_mac = ?, "
                  "kek_version = ?, wrapped_dek = ? WHERE id = ? AND status <> 'revoked'"));
  update.Bind(1, c.api_key_id).Bind(2, c.key_fingerprint).Bind(3, c.key_type);
  BindOptionalTime(update, 4, c.key_created_at);
  BindOptionalTime(update, 5, c.audited_at);
  update.Bind(6, ConnectionStatusName(c.status))
      .BindBlob(7, c.state_mac)
      .Bind(8, int64_t{c.kek_version})
      .BindBlob(9, c.wrapped_dek)
      .Bind(10, c.id.value());
  if (auto ran = update.Run(); !ran) return ExplainInsertConflict(ran.error(), c);
  if (db_.Changes() != 1) {
    return base::Fail(ErrorCode::kNotFound, "no live connection " + c.id.value());
  }
  AMANAH_ASSIGN_OR_RETURN(auto drop,
                          db_.Prepare("DELETE FROM sealed_fields WHERE connection_id = ?"));
  drop.Bind(1, c.id.value());
  AMANAH_TRY(drop.Run());
  return InsertFields(db_, "sealed_fields", "connection_id", c.id.value(), c.sealed);
}

base::Result<std::vector<RetiredKey>> SqliteConnections::RetiredKeys(
    const std::optional<ConnectionId>& connection) {
  std::string sql =
      "SELECT id, connection_id, tenant_id, api_key_id, key_type, key_created_at_ms, "
      "retired_at_ms, probed_at_ms, probe_note, mac, kek_version, wrapped_dek FROM retired_keys ";
  sql += connection ? "WHERE connection_id = ? " : "";
  sql += "ORDER BY retired_at_ms, id";
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
  if (connection) stmt.Bind(1, connection->value());
  std::vector<RetiredKey> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    RetiredKey r;
    r.id = stmt.Text(0);
    r.connection = ConnectionId(stmt.Text(1));
    r.tenant = TenantId(stmt.Text(2));
    r.api_key_id = stmt.Text(3);
    r.key_type = stmt.Text(4);
    if (!stmt.IsNull(5)) r.key_created_at = FromMs(stmt.Int(5));
    r.retired_at = FromMs(stmt.Int(6));
    if (!stmt.IsNull(7)) r.probed_at = FromMs(stmt.Int(7));
    r.probe_note = stmt.Text(8);
    r.mac = stmt.BlobAt(9);
    r.kek_version = static_cast<uint32_t>(stmt.Int(10));
    r.wrapped_dek = stmt.BlobAt(11);
    out.push_back(std::move(r));
  }
  AMANAH_ASSIGN_OR_RETURN(auto fields, db_.Prepare("SELECT field, sealed FROM retired_key_fields "
                                                   "WHERE retired_id = ? ORDER BY field"));
  for (auto& r : out) {
    fields.Bind(1, r.id);
    for (;;) {
      AMANAH_ASSIGN_OR_RETURN(bool row, fields.Step());
      if (!row) break;
      r.sealed.push_back(SealedField{fields.Text(0), fields.BlobAt(1)});
    }
    AMANAH_TRY(fields.Reset());
  }
  return out;
}

base::Result<void> SqliteConnections::UpdateRetiredKey(const RetiredKey& r) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE retired_keys SET probed_at_ms = ?, "
                                                 "probe_note = ?, mac = ? WHERE id = ?"));
  BindOptionalTime(stmt, 1, r.probed_at);
  stmt.Bind(2, r.probe_note).BindBlob(3, r.mac).Bind(4, r.id);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no retired key " + r.id);
  return {};
}

base::Result<bool> SqliteConnections::DeleteRetiredKey(std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto fields,
                          db_.Prepare("DELETE FROM retired_key_fields WHERE retired_id = ?"));
  fields.Bind(1, std::string(id));
  AMANAH_TRY(fields.Run());
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM retired_keys WHERE id = ?"));
  stmt.Bind(1, std::string(id));
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<void> SqliteConnections::PutHealth(const ConnectionHealth& h) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO connection_health (connection_id, tenant_id, state, cause, title, "
                  "explanation, fix, since_ms, retry_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (connection_id) DO UPDATE SET state = excluded.state, cause = "
                  "excluded.cause, title = excluded.title, explanation = excluded.explanation, "
                  "fix = excluded.fix, since_ms = excluded.since_ms, retry_at_ms = "
                  "excluded.retry_at_ms"));
  stmt.Bind(1, h.connection.value())
      .Bind(2, h.tenant.value())
      .Bind(3, h.state)
      .Bind(4, h.cause)
      .Bind(5, h.title)
      .Bind(6, h.explanation)
      .Bind(7, h.fix)
      .Bind(8, Ms(h.since))
      .Bind(9, h.retry_at_ms);
  return stmt.Run();
}

base::Result<std::optional<ConnectionHealth>> SqliteConnections::Health(const ConnectionId& id) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT connection_id, tenant_id, state, cause, title, explanation, "
                             "fix, since_ms, retry_at_ms FROM connection_health WHERE "
                             "connection_id = ?"));
  stmt.Bind(1, id.value());
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<ConnectionHealth>();
  ConnectionHealth h;
  h.connection = ConnectionId(stmt.Text(0));
  h.tenant = TenantId(stmt.Text(1));
  h.state = stmt.Text(2);
  h.cause = stmt.Text(3);
  h.title = stmt.Text(4);
  h.explanation = stmt.Text(5);
  h.fix = stmt.Text(6);
  h.since = FromMs(stmt.Int(7));
  h.retry_at_ms = stmt.Int(8);
  return std::optional<ConnectionHealth>(std::move(h));
}

base::Result<void> SqliteConnections::ApprovePair(const ApprovedPair& pair) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO approved_pairs (connection_id, symbol, approved_at_ms, mac) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, symbol) DO UPDATE SET "
                  "approved_at_ms = excluded.approved_at_ms, mac = excluded.mac"));
  stmt.Bind(1, pair.connection.value())
      .Bind(2, pair.symbol)
      .Bind(3, Ms(pair.approved_at))
      .BindBlob(4, pair.mac);
  if (auto r = stmt.Run(); !r) {
    if (r.error().message().find("FOREIGN KEY") != std::string::npos) {
      return base::Fail(ErrorCode::kNotFound, "no connection " + pair.connection.value());
    }
    return r.error();
  }
  return {};
}

base::Result<bool> SqliteConnections::RevokePair(const ConnectionId& id, std::string_view symbol) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("DELETE FROM approved_pairs WHERE connection_id = ? AND symbol = ?"));
  stmt.Bind(1, id.value()).Bind(2, symbol);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<std::vector<ApprovedPair>> SqliteConnections::ApprovedPairs(const ConnectionId& id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT symbol, approved_at_ms, mac FROM approved_pairs "
                                      "WHERE connection_id = ? ORDER BY symbol"));
  stmt.Bind(1, id.value());
  std::vector<ApprovedPair> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ApprovedPair{id, stmt.Text(0), FromMs(stmt.Int(1)), stmt.BlobAt(2)});
  }
  return out;
}

}  // namespace amanah::store::sqlite
