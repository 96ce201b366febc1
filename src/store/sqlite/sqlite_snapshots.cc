#include "store/sqlite/sqlite_snapshots.h"

#include "base/check.h"
#include "store/sqlite/sql_decimal.h"

namespace amanah::store::sqlite {

base::Result<void> SqliteSnapshots::Replace(const ConnectionId& connection, const std::string& day,
                                            const std::vector<BalanceSnapshotRow>& rows) {
  AMANAH_ASSIGN_OR_RETURN(
      auto clear, db_.Prepare("DELETE FROM balance_snapshots WHERE connection_id = ? AND day = ?"));
  clear.Bind(1, connection.value()).Bind(2, day);
  AMANAH_TRY(clear.Run());
  AMANAH_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO balance_snapshots (tenant_id, connection_id, day, taken_ms, asset, "
                  "total, quote, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const auto& r : rows) {
    AMANAH_CHECK(r.connection == connection && r.day == day);
    std::optional<std::string> value;
    if (r.value) value = r.value->ToString();
    insert.Bind(1, r.tenant.value())
        .Bind(2, r.connection.value())
        .Bind(3, r.day)
        .Bind(4, r.taken_ms)
        .Bind(5, r.asset)
        .Bind(6, r.total.ToString())
        .Bind(7, r.quote)
        .Bind(8, value);
    AMANAH_TRY(insert.Run());
    AMANAH_TRY(insert.Reset());
  }
  return {};
}

base::Result<std::vector<BalanceSnapshotRow>> SqliteSnapshots::List(const TenantId& tenant,
                                                                    const std::string& since_day) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT connection_id, day, taken_ms, asset, total, quote, value "
                             "FROM balance_snapshots WHERE tenant_id = ? AND day >= ? "
                             "ORDER BY day, connection_id, asset"));
  stmt.Bind(1, tenant.value()).Bind(2, since_day);
  std::vector<BalanceSnapshotRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    BalanceSnapshotRow r;
    r.tenant = tenant;
    r.connection = ConnectionId(stmt.Text(0));
    r.day = stmt.Text(1);
    r.taken_ms = stmt.Int(2);
    r.asset = stmt.Text(3);
    AMANAH_ASSIGN_OR_RETURN(r.total, DecimalAt(stmt, 4, "a balance snapshot"));
    r.quote = stmt.Text(5);
    if (!stmt.IsNull(6)) {
      AMANAH_ASSIGN_OR_RETURN(base::Decimal v, DecimalAt(stmt, 6, "a balance snapshot"));
      r.value = v;
    }
    out.push_back(std::move(r));
  }
  return out;
}

base::Result<bool> SqliteSnapshots::Has(const ConnectionId& connection, const std::string& day) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT 1 FROM balance_snapshots WHERE connection_id = ? AND day = ? LIMIT 1"));
  stmt.Bind(1, connection.value()).Bind(2, day);
  return stmt.Step();
}

}  // namespace amanah::store::sqlite
