#include "store/sqlite/sqlite_access.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

using base::ErrorCode;

namespace {

std::optional<base::SystemTime> OptionalTime(const Statement& stmt, int column) {
  if (stmt.IsNull(column)) return std::nullopt;
  return FromMs(stmt.Int(column));
}

AccessToken ReadToken(const Statement& stmt) {
  AccessToken t;
  t.id = stmt.Text(0);
  t.user = UserId(stmt.Text(1));
  t.name = stmt.Text(2);
  t.secret_hash = stmt.BlobAt(3);
  t.scopes = stmt.Text(4);
  t.created_at = FromMs(stmt.Int(5));
  t.expires_at = FromMs(stmt.Int(6));
  t.last_used_at = OptionalTime(stmt, 7);
  t.revoked_at = OptionalTime(stmt, 8);
  return t;
}

constexpr std::string_view kTokenColumns =
    "SELECT id, user_id, name, secret_hash, scopes, created_at_ms, expires_at_ms, last_used_ms, "
    "revoked_at_ms FROM access_tokens ";

}  // namespace

base::Result<void> SqliteAccess::InsertSession(const Session& s) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO sessions (token_hash, user_id, created_at_ms, "
                                      "expires_at_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)"));
  stmt.BindBlob(1, s.token_hash)
      .Bind(2, s.user.value())
      .Bind(3, Ms(s.created_at))
      .Bind(4, Ms(s.expires_at))
      .Bind(5, Ms(s.last_seen));
  return stmt.Run();
}

base::Result<std::optional<Session>> SqliteAccess::FindSession(const Blob& token_hash) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT user_id, created_at_ms, expires_at_ms, last_seen_ms "
                                      "FROM sessions WHERE token_hash = ?"));
  stmt.BindBlob(1, token_hash);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Session>();
  return std::optional<Session>(Session{token_hash, UserId(stmt.Text(0)), FromMs(stmt.Int(1)),
                                        FromMs(stmt.Int(2)), FromMs(stmt.Int(3))});
}

base::Result<void> SqliteAccess::TouchSession(const Blob& token_hash, base::SystemTime seen) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?"));
  stmt.Bind(1, Ms(seen)).BindBlob(2, token_hash);
  return stmt.Run();
}

base::Result<void> SqliteAccess::DeleteSession(const Blob& token_hash) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  stmt.BindBlob(1, token_hash);
  return stmt.Run();
}

base::Result<void> SqliteAccess::DeleteSessionsOf(const UserId& user) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM sessions WHERE user_id = ?"));
  stmt.Bind(1, user.value());
  return stmt.Run();
}

base::Result<int64_t> SqliteAccess::DeleteExpiredSessions(base::SystemTime now) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM sessions WHERE expires_at_ms < ?"));
  stmt.Bind(1, Ms(now));
  AMANAH_TRY(stmt.Run());
  return db_.Changes();
}

base::Result<void> SqliteAccess::InsertToken(const AccessToken& t) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO access_tokens (id, user_id, name, secret_hash, scopes, "
                             "created_at_ms, expires_at_ms, last_used_ms, revoked_at_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)"));
  stmt.Bind(1, t.id)
      .Bind(2, t.user.value())
      .Bind(3, t.name)
      .BindBlob(4, t.secret_hash)
      .Bind(5, t.scopes)
      .Bind(6, Ms(t.created_at))
      .Bind(7, Ms(t.expires_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists, "an access token with id " + t.id + " exists");
  }
  return r;
}

base::Result<std::optional<AccessToken>> SqliteAccess::FindToken(std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string(kTokenColumns) + "WHERE id = ?"));
  stmt.Bind(1, id);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AccessToken>();
  return std::optional<AccessToken>(ReadToken(stmt));
}

base::Result<std::vector<AccessToken>> SqliteAccess::ListTokens(const UserId& user) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string(kTokenColumns) +
                                      "WHERE user_id = ? ORDER BY created_at_ms DESC, id"));
  stmt.Bind(1, user.value());
  std::vector<AccessToken> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadToken(stmt));
  }
  return out;
}

base::Result<void> SqliteAccess::MarkTokenUsed(std::string_view id, base::SystemTime at) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE access_tokens SET last_used_ms = ? WHERE id = ?"));
  stmt.Bind(1, Ms(at)).Bind(2, id);
  return stmt.Run();
}

base::Result<bool> SqliteAccess::RevokeToken(std::string_view id, base::SystemTime at) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE access_tokens SET revoked_at_ms = ? "
                                                 "WHERE id = ? AND revoked_at_ms IS NULL"));
  stmt.Bind(1, Ms(at)).Bind(2, id);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<void> SqliteAccess::PutSetupToken(const Blob& hash, base::SystemTime expires_at) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT OR REPLACE INTO setup_token (only, token_hash, "
                                      "expires_at_ms) VALUES (1, ?, ?)"));
  stmt.BindBlob(1, hash).Bind(2, Ms(expires_at));
  return stmt.Run();
}

base::Result<std::optional<std::pair<Blob, base::SystemTime>>> SqliteAccess::SetupToken() {
  using Out = std::optional<std::pair<Blob, base::SystemTime>>;
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT token_hash, expires_at_ms FROM setup_token"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Out();
  return Out(std::pair(stmt.BlobAt(0), FromMs(stmt.Int(1))));
}

base::Result<void> SqliteAccess::DeleteSetupToken() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM setup_token"));
  return stmt.Run();
}

}  // namespace amanah::store::sqlite
