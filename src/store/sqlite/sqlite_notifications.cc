#include "store/sqlite/sqlite_notifications.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

namespace {

constexpr std::string_view kNotificationColumns =
    "n.id, n.tenant_id, n.endpoint_id, n.event, n.body, n.created_at_ms, n.state, n.attempts, "
    "n.next_attempt_ms, n.delivered_at_ms, n.last_error";

}  // namespace

base::Result<void> SqliteNotifications::AddEndpoint(const NotifyEndpoint& e) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO notify_endpoints (id, tenant_id, url, events, "
                             "description, nonce, created_at_ms, cursor_seq) VALUES (?, ?, ?, ?, "
                             "?, ?, ?, ?)"));
  stmt.Bind(1, e.id)
      .Bind(2, e.tenant.value())
      .Bind(3, e.url)
      .Bind(4, e.events)
      .Bind(5, e.description)
      .Bind(6, e.nonce)
      .Bind(7, Ms(e.created_at))
      .Bind(8, static_cast<int64_t>(e.cursor_seq));
  return stmt.Run();
}

base::Result<std::vector<NotifyEndpoint>> SqliteNotifications::Endpoints(
    const std::optional<TenantId>& tenant) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT id, tenant_id, url, events, description, nonce, "
                                         "created_at_ms, cursor_seq FROM notify_endpoints") +
                             (tenant ? " WHERE tenant_id = ?" : "") +
                             " ORDER BY tenant_id, created_at_ms, id"));
  if (tenant) stmt.Bind(1, tenant->value());
  std::vector<NotifyEndpoint> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    NotifyEndpoint e;
    e.id = stmt.Text(0);
    e.tenant = TenantId(stmt.Text(1));
    e.url = stmt.Text(2);
    e.events = stmt.Text(3);
    e.description = stmt.Text(4);
    e.nonce = stmt.Text(5);
    e.created_at = FromMs(stmt.Int(6));
    e.cursor_seq = static_cast<uint64_t>(stmt.Int(7));
    out.push_back(std::move(e));
  }
  return out;
}

base::Result<bool> SqliteNotifications::RemoveEndpoint(const TenantId& tenant,
                                                       std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("DELETE FROM notify_endpoints WHERE tenant_id = ? AND id = ?"));
  stmt.Bind(1, tenant.value()).Bind(2, id);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<bool> SqliteNotifications::SetEndpointNonce(const TenantId& tenant,
                                                         std::string_view id,
                                                         std::string_view nonce) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("UPDATE notify_endpoints SET nonce = ? WHERE tenant_id = ? AND id = ?"));
  stmt.Bind(1, nonce).Bind(2, tenant.value()).Bind(3, id);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<bool> SqliteNotifications::AdvanceCursor(std::string_view endpoint, uint64_t from,
                                                      uint64_t to) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE notify_endpoints SET cursor_seq = ? WHERE id = ? AND "
                                      "cursor_seq = ?"));
  stmt.Bind(1, static_cast<int64_t>(to)).Bind(2, endpoint).Bind(3, static_cast<int64_t>(from));
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<void> SqliteNotifications::Enqueue(const Notification& n) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO notifications (id, tenant_id, endpoint_id, event, body, "
                  "created_at_ms, state, attempts, next_attempt_ms, delivered_at_ms, last_error) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::optional<int64_t> delivered;
  if (n.delivered_at) delivered = Ms(*n.delivered_at);
  stmt.Bind(1, n.id)
      .Bind(2, n.tenant.value())
      .Bind(3, n.endpoint)
      .Bind(4, n.event)
      .Bind(5, n.body)
      .Bind(6, Ms(n.created_at))
      .Bind(7, n.state)
      .Bind(8, static_cast<int64_t>(n.attempts))
      .Bind(9, Ms(n.next_attempt_at))
      .Bind(10, delivered)
      .Bind(11, n.last_error);
  return stmt.Run();
}

base::Result<std::vector<Notification>> SqliteNotifications::Read(Statement& stmt) {
  std::vector<Notification> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Notification n;
    n.id = stmt.Text(0);
    n.tenant = TenantId(stmt.Text(1));
    n.endpoint = stmt.Text(2);
    n.event = stmt.Text(3);
    n.body = stmt.Text(4);
    n.created_at = FromMs(stmt.Int(5));
    n.state = stmt.Text(6);
    n.attempts = static_cast<int>(stmt.Int(7));
    n.next_attempt_at = FromMs(stmt.Int(8));
    if (!stmt.IsNull(9)) n.delivered_at = FromMs(stmt.Int(9));
    n.last_error = stmt.Text(10);
    out.push_back(std::move(n));
  }
  return out;
}

base::Result<std::vector<Notification>> SqliteNotifications::Due(base::SystemTime now,
                                                                 size_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT " + std::string(kNotificationColumns) +
                  " FROM notifications n JOIN notify_endpoints e ON e.id = n.endpoint_id AND "
                  "e.tenant_id = n.tenant_id WHERE n.state = 'pending' AND n.next_attempt_ms <= ? "
                  "ORDER BY n.next_attempt_ms, n.created_at_ms, n.rowid LIMIT ?"));
  stmt.Bind(1, Ms(now)).Bind(2, static_cast<int64_t>(limit));
  return Read(stmt);
}

base::Result<void> SqliteNotifications::UpdateDelivery(const Notification& n) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE notifications SET state = ?, attempts = ?, "
                             "next_attempt_ms = ?, delivered_at_ms = ?, last_error = ? WHERE "
                             "id = ? AND tenant_id = ?"));
  std::optional<int64_t> delivered;
  if (n.delivered_at) delivered = Ms(*n.delivered_at);
  stmt.Bind(1, n.state)
      .Bind(2, static_cast<int64_t>(n.attempts))
      .Bind(3, Ms(n.next_attempt_at))
      .Bind(4, delivered)
      .Bind(5, n.last_error)
      .Bind(6, n.id)
      .Bind(7, n.tenant.value());
  return stmt.Run();
}

base::Result<std::vector<Notification>> SqliteNotifications::List(const TenantId& tenant,
                                                                  size_t limit) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT " + std::string(kNotificationColumns) +
                                      " FROM notifications n WHERE n.tenant_id = ? ORDER BY "
                                      "n.created_at_ms DESC, n.rowid DESC LIMIT ?"));
  stmt.Bind(1, tenant.value()).Bind(2, static_cast<int64_t>(limit));
  return Read(stmt);
}

base::Result<std::optional<Notification>> SqliteNotifications::Get(const TenantId& tenant,
                                                                   std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT " + std::string(kNotificationColumns) +
                                      " FROM notifications n WHERE n.tenant_id = ? AND n.id = ?"));
  stmt.Bind(1, tenant.value()).Bind(2, id);
  AMANAH_ASSIGN_OR_RETURN(auto rows, Read(stmt));
  if (rows.empty()) return std::optional<Notification>();
  return std::optional<Notification>(std::move(rows.front()));
}

}  // namespace amanah::store::sqlite
