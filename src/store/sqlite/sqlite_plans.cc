#include "store/sqlite/sqlite_plans.h"

#include "store/sqlite/sql_decimal.h"
#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

using base::ErrorCode;

namespace {

constexpr std::string_view kPlanColumns =
    "id, tenant_id, connection_id, name, kind, status, status_reason, period, time_zone, "
    "catch_up, spec, created_ms, updated_ms, next_run_ms, spent, runs, state_mac, holder, "
    "lease_until_ms";
constexpr std::string_view kRunColumns =
    "tenant_id, plan_id, slot_ms, state, started_ms, finished_ms, intents, outcome, note, "
    "state_mac";
constexpr std::string_view kSignalColumns =
    "tenant_id, plan_id, signal_id, received_ms, body, state, order_id, reason, state_mac";

std::string Sql(std::string_view head, std::string_view columns, std::string_view tail) {
  return std::string(head) + std::string(columns) + std::string(tail);
}

std::optional<int64_t> OptMs(const std::optional<base::SystemTime>& t) {
  if (!t) return std::nullopt;
  return Ms(*t);
}

base::Result<std::optional<PlanRow>> First(base::Result<std::vector<PlanRow>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<PlanRow>();
  return std::optional<PlanRow>(std::move(rows->front()));
}

}  // namespace

base::Result<std::vector<PlanRow>> SqlitePlans::Plans(Statement& s) {
  std::vector<PlanRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    PlanRow p;
    p.id = s.Text(0);
    p.tenant = TenantId(s.Text(1));
    p.connection = ConnectionId(s.Text(2));
    p.name = s.Text(3);
    p.kind = s.Text(4);
    p.status = s.Text(5);
    p.status_reason = s.Text(6);
    p.period = s.Text(7);
    p.time_zone = s.Text(8);
    p.catch_up = s.Text(9);
    p.spec = s.Text(10);
    p.created_at = FromMs(s.Int(11));
    p.updated_at = FromMs(s.Int(12));
    if (!s.IsNull(13)) p.next_run = FromMs(s.Int(13));
    AMANAH_ASSIGN_OR_RETURN(p.spent, DecimalAt(s, 14, "plan " + p.id));
    p.runs = s.Int(15);
    p.state_mac = s.BlobAt(16);
    p.holder = s.Text(17);
    p.lease_until = FromMs(s.Int(18));
    out.push_back(std::move(p));
  }
  return out;
}

base::Result<void> SqlitePlans::Insert(const PlanRow& p) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(Sql("INSERT INTO plans (", kPlanColumns,
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "'', 0)")));
  stmt.Bind(1, p.id)
      .Bind(2, p.tenant.value())
      .Bind(3, p.connection.value())
      .Bind(4, p.name)
      .Bind(5, p.kind)
      .Bind(6, p.status)
      .Bind(7, p.status_reason)
      .Bind(8, p.period)
      .Bind(9, p.time_zone)
      .Bind(10, p.catch_up)
      .Bind(11, p.spec)
      .Bind(12, Ms(p.created_at))
      .Bind(13, Ms(p.updated_at))
      .Bind(14, OptMs(p.next_run))
      .Bind(15, p.spent.ToString())
      .Bind(16, p.runs)
      .BindBlob(17, p.state_mac);
  auto ran = stmt.Run();
  if (!ran && ran.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists, "a plan named \"" + p.name + "\" exists");
  }
  return ran;
}

base::Result<std::optional<PlanRow>> SqlitePlans::Get(const TenantId& tenant, std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(Sql("SELECT ", kPlanColumns, " FROM plans WHERE tenant_id = ? AND id = ?")));
  stmt.Bind(1, tenant.value()).Bind(2, id);
  return First(Plans(stmt));
}

base::Result<std::optional<PlanRow>> SqlitePlans::GetById(std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(Sql("SELECT ", kPlanColumns, " FROM plans WHERE id = ?")));
  stmt.Bind(1, id);
  return First(Plans(stmt));
}

base::Result<std::optional<PlanRow>> SqlitePlans::FindByName(const TenantId& tenant,
                                                             std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(Sql("SELECT ", kPlanColumns, " FROM plans WHERE tenant_id = ? AND name = ?")));
  stmt.Bind(1, tenant.value()).Bind(2, name);
  return First(Plans(stmt));
}

base::Result<std::vector<PlanRow>> SqlitePlans::List(const TenantId& tenant,
                                                     std::optional<ConnectionId> connection) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(Sql("SELECT ", kPlanColumns,
                                          " FROM plans WHERE tenant_id = ? AND (? IS NULL OR "
                                          "connection_id = ?) ORDER BY name")));
  std::optional<std::string> c;
  if (connection) c = connection->value();
  stmt.Bind(1, tenant.value()).Bind(2, c).Bind(3, c);
  return Plans(stmt);
}

base::Result<void> SqlitePlans::Update(const PlanRow& p) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("UPDATE plans SET connection_id = ?, name = ?, kind = ?, status = ?, "
                  "status_reason = ?, period = ?, time_zone = ?, catch_up = ?, spec = ?, "
                  "updated_ms = ?, next_run_ms = ?, spent = ?, runs = ?, state_mac = ? "
                  "WHERE tenant_id = ? AND id = ?"));
  stmt.Bind(1, p.connection.value())
      .Bind(2, p.name)
      .Bind(3, p.kind)
      .Bind(4, p.status)
      .Bind(5, p.status_reason)
      .Bind(6, p.period)
      .Bind(7, p.time_zone)
      .Bind(8, p.catch_up)
      .Bind(9, p.spec)
      .Bind(10, Ms(p.updated_at))
      .Bind(11, OptMs(p.next_run))
      .Bind(12, p.spent.ToString())
      .Bind(13, p.runs)
      .BindBlob(14, p.state_mac)
      .Bind(15, p.tenant.value())
      .Bind(16, p.id);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no plan " + p.id);
  return {};
}

base::Result<void> SqlitePlans::Remove(const TenantId& tenant, std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("DELETE FROM plans WHERE tenant_id = ? AND id = ?"));
  stmt.Bind(1, tenant.value()).Bind(2, id);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no plan " + std::string(id));
  return {};
}

base::Result<std::vector<PlanRow>> SqlitePlans::ClaimDue(std::string_view holder,
                                                         base::SystemTime now,
                                                         base::SystemTime lease_until,
                                                         int64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto select, db_.Prepare(Sql("SELECT ", kPlanColumns,
                                   " FROM plans WHERE status = 'active' AND next_run_ms <= ? "
                                   "AND lease_until_ms <= ? ORDER BY next_run_ms, id LIMIT ?")));
  select.Bind(1, Ms(now)).Bind(2, Ms(now)).Bind(3, limit);
  AMANAH_ASSIGN_OR_RETURN(std::vector<PlanRow> out, Plans(select));
  AMANAH_ASSIGN_OR_RETURN(
      auto lease, db_.Prepare("UPDATE plans SET holder = ?, lease_until_ms = ? WHERE id = ?"));
  for (auto& p : out) {
    AMANAH_TRY(lease.Reset());
    lease.Bind(1, holder).Bind(2, Ms(lease_until)).Bind(3, p.id);
    AMANAH_TRY(lease.Run());
    p.holder = std::string(holder);
    p.lease_until = lease_until;
  }
  return out;
}

base::Result<bool> SqlitePlans::Release(std::string_view id, std::string_view holder) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE plans SET holder = '', lease_until_ms = 0 WHERE id = ? AND "
                             "holder = ?"));
  stmt.Bind(1, id).Bind(2, holder);
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<std::optional<base::SystemTime>> SqlitePlans::EarliestDue() {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT min(next_run_ms) FROM plans WHERE status = 'active'"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || stmt.IsNull(0)) return std::optional<base::SystemTime>();
  return std::optional<base::SystemTime>(FromMs(stmt.Int(0)));
}

base::Result<std::vector<PlanRunRow>> SqlitePlans::Runs(Statement& s) {
  std::vector<PlanRunRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    PlanRunRow r;
    r.tenant = TenantId(s.Text(0));
    r.plan_id = s.Text(1);
    r.slot_ms = s.Int(2);
    r.state = s.Text(3);
    r.started_at = FromMs(s.Int(4));
    if (!s.IsNull(5)) r.finished_at = FromMs(s.Int(5));
    r.intents = s.Text(6);
    r.outcome = s.Text(7);
    r.note = s.Text(8);
    r.state_mac = s.BlobAt(9);
    out.push_back(std::move(r));
  }
  return out;
}

base::Result<void> SqlitePlans::InsertRun(const PlanRunRow& r) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(Sql("INSERT INTO plan_runs (", kRunColumns,
                                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  stmt.Bind(1, r.tenant.value())
      .Bind(2, r.plan_id)
      .Bind(3, r.slot_ms)
      .Bind(4, r.state)
      .Bind(5, Ms(r.started_at))
      .Bind(6, OptMs(r.finished_at))
      .Bind(7, r.intents)
      .Bind(8, r.outcome)
      .Bind(9, r.note)
      .BindBlob(10, r.state_mac);
  auto ran = stmt.Run();
  if (!ran && ran.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists,
                      "plan " + r.plan_id + " already has a run at " + std::to_string(r.slot_ms));
  }
  return ran;
}

base::Result<std::optional<PlanRunRow>> SqlitePlans::GetRun(std::string_view plan_id,
                                                            int64_t slot_ms) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(Sql("SELECT ", kRunColumns,
                                          " FROM plan_runs WHERE plan_id = ? AND slot_ms = ?")));
  stmt.Bind(1, plan_id).Bind(2, slot_ms);
  AMANAH_ASSIGN_OR_RETURN(auto rows, Runs(stmt));
  if (rows.empty()) return std::optional<PlanRunRow>();
  return std::optional<PlanRunRow>(std::move(rows.front()));
}

base::Result<void> SqlitePlans::UpdateRun(const PlanRunRow& r) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE plan_runs SET state = ?, finished_ms = ?, intents = ?, "
                             "outcome = ?, note = ?, state_mac = ? WHERE plan_id = ? AND "
                             "slot_ms = ?"));
  stmt.Bind(1, r.state)
      .Bind(2, OptMs(r.finished_at))
      .Bind(3, r.intents)
      .Bind(4, r.outcome)
      .Bind(5, r.note)
      .BindBlob(6, r.state_mac)
      .Bind(7, r.plan_id)
      .Bind(8, r.slot_ms);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no such plan run");
  return {};
}

base::Result<std::vector<PlanRunRow>> SqlitePlans::ListRuns(std::string_view plan_id,
                                                            size_t limit) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(Sql("SELECT ", kRunColumns,
                                          " FROM plan_runs WHERE plan_id = ? ORDER BY slot_ms DESC "
                                          "LIMIT ?")));
  stmt.Bind(1, plan_id).Bind(2, static_cast<int64_t>(limit));
  return Runs(stmt);
}

base::Result<std::vector<PlanRunRow>> SqlitePlans::UnfinishedRuns() {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(Sql("SELECT ", kRunColumns,
                                 " FROM plan_runs WHERE state = 'started' ORDER BY started_ms")));
  return Runs(stmt);
}

base::Result<std::vector<SignalRow>> SqlitePlans::Signals(Statement& s) {
  std::vector<SignalRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    SignalRow r;
    r.tenant = TenantId(s.Text(0));
    r.plan_id = s.Text(1);
    r.signal_id = s.Text(2);
    r.received_at = FromMs(s.Int(3));
    r.body = s.Text(4);
    r.state = s.Text(5);
    r.order_id = s.Text(6);
    r.reason = s.Text(7);
    r.state_mac = s.BlobAt(8);
    out.push_back(std::move(r));
  }
  return out;
}

base::Result<void> SqlitePlans::InsertSignal(const SignalRow& r) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(Sql("INSERT INTO plan_signals (", kSignalColumns,
                                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  stmt.Bind(1, r.tenant.value())
      .Bind(2, r.plan_id)
      .Bind(3, r.signal_id)
      .Bind(4, Ms(r.received_at))
      .Bind(5, r.body)
      .Bind(6, r.state)
      .Bind(7, r.order_id)
      .Bind(8, r.reason)
      .BindBlob(9, r.state_mac);
  auto ran = stmt.Run();
  if (!ran && ran.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists,
                      "the signal id \"" + r.signal_id + "\" was received before");
  }
  return ran;
}

base::Result<void> SqlitePlans::UpdateSignal(const SignalRow& r) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE plan_signals SET state = ?, order_id = ?, reason = ?, "
                             "state_mac = ? WHERE plan_id = ? AND signal_id = ?"));
  stmt.Bind(1, r.state)
      .Bind(2, r.order_id)
      .Bind(3, r.reason)
      .BindBlob(4, r.state_mac)
      .Bind(5, r.plan_id)
      .Bind(6, r.signal_id);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no such signal");
  return {};
}

base::Result<std::optional<SignalRow>> SqlitePlans::GetSignal(std::string_view plan_id,
                                                              std::string_view signal_id) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(Sql("SELECT ", kSignalColumns,
                                 " FROM plan_signals WHERE plan_id = ? AND signal_id = ?")));
  stmt.Bind(1, plan_id).Bind(2, signal_id);
  AMANAH_ASSIGN_OR_RETURN(auto rows, Signals(stmt));
  if (rows.empty()) return std::optional<SignalRow>();
  return std::optional<SignalRow>(std::move(rows.front()));
}

base::Result<std::vector<SignalRow>> SqlitePlans::SignalsIn(std::string_view state, size_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(Sql("SELECT ", kSignalColumns,
                                 " FROM plan_signals WHERE state = ? ORDER BY received_ms, "
                                 "plan_id, signal_id LIMIT ?")));
  stmt.Bind(1, state).Bind(2, static_cast<int64_t>(limit));
  return Signals(stmt);
}

base::Result<std::vector<SignalRow>> SqlitePlans::ListSignals(std::string_view plan_id,
                                                              size_t limit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(Sql("SELECT ", kSignalColumns,
                                 " FROM plan_signals WHERE plan_id = ? ORDER BY received_ms "
                                 "DESC LIMIT ?")));
  stmt.Bind(1, plan_id).Bind(2, static_cast<int64_t>(limit));
  return Signals(stmt);
}

}  // namespace amanah::store::sqlite
