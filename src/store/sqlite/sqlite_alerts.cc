#include "store/sqlite/sqlite_alerts.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

base::Result<bool> SqliteAlerts::Raise(const Alert& a) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO alerts (id, tenant_id, kind, subject, message, raised_at_ms) "
                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  stmt.Bind(1, a.id)
      .Bind(2, a.tenant.value())
      .Bind(3, a.kind)
      .Bind(4, a.subject)
      .Bind(5, a.message)
      .Bind(6, Ms(a.raised_at));
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<bool> SqliteAlerts::RaiseOnce(const Alert& a) {
  AMANAH_ASSIGN_OR_RETURN(auto seen,
                          db_.Prepare("SELECT 1 FROM alerts WHERE tenant_id = ? AND kind = ? AND "
                                      "subject = ? LIMIT 1"));
  seen.Bind(1, a.tenant.value()).Bind(2, a.kind).Bind(3, a.subject);
  AMANAH_ASSIGN_OR_RETURN(bool row, seen.Step());
  if (row) return false;
  return Raise(a);
}

base::Result<std::vector<Alert>> SqliteAlerts::List(const TenantId& tenant, bool all) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          std::string("SELECT id, tenant_id, kind, subject, message, raised_at_ms, "
                      "acknowledged_at_ms, acknowledged_by FROM alerts WHERE tenant_id = ?") +
          (all ? "" : " AND acknowledged_at_ms IS NULL") +
          " ORDER BY raised_at_ms DESC, id LIMIT 1000"));
  stmt.Bind(1, tenant.value());
  std::vector<Alert> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Alert a;
    a.id = stmt.Text(0);
    a.tenant = TenantId(stmt.Text(1));
    a.kind = stmt.Text(2);
    a.subject = stmt.Text(3);
    a.message = stmt.Text(4);
    a.raised_at = FromMs(stmt.Int(5));
    if (!stmt.IsNull(6)) a.acknowledged_at = FromMs(stmt.Int(6));
    if (!stmt.IsNull(7)) a.acknowledged_by = stmt.Text(7);
    out.push_back(std::move(a));
  }
  return out;
}

base::Result<bool> SqliteAlerts::Acknowledge(const TenantId& tenant, std::string_view id,
                                             std::string_view by, base::SystemTime at) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE alerts SET acknowledged_at_ms = ?, acknowledged_by = ? "
                             "WHERE tenant_id = ? AND id = ? AND acknowledged_at_ms IS NULL"));
  stmt.Bind(1, Ms(at)).Bind(2, by).Bind(3, tenant.value()).Bind(4, id);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<int64_t> SqliteAlerts::Resolve(const TenantId& tenant, std::string_view kind,
                                            std::string_view subject, std::string_view by,
                                            base::SystemTime at) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE alerts SET acknowledged_at_ms = ?, acknowledged_by = ? "
                             "WHERE tenant_id = ? AND kind = ? AND subject = ? AND "
                             "acknowledged_at_ms IS NULL"));
  stmt.Bind(1, Ms(at)).Bind(2, by).Bind(3, tenant.value()).Bind(4, kind).Bind(5, subject);
  AMANAH_TRY(stmt.Run());
  return static_cast<int64_t>(db_.Changes());
}

base::Result<std::vector<std::pair<std::string, int64_t>>> SqliteAlerts::CountOpenByKind() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT kind, count(*) FROM alerts WHERE acknowledged_at_ms "
                                      "IS NULL GROUP BY kind ORDER BY kind"));
  return ReadCounts(stmt);
}

}  // namespace amanah::store::sqlite
