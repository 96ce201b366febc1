#include "store/sqlite/sqlite_journal.h"

#include <sqlite3.h>

namespace amanah::store::sqlite {
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
constexpr char kJournalColumns[] = "tenant_id, seq, time_ms, kind, payload, prev_hash, hash";

}  // namespace

base::Result<void> SqliteJournal::Append(const std::vector<JournalRow>& rows) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string("INSERT INTO journal (") + kJournalColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
  AMANAH_ASSIGN_OR_RETURN(
      auto head, db_.Prepare("INSERT INTO journal_heads (tenant_id, seq, hash) VALUES "
                             "(?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET seq = "
                             "excluded.seq, hash = excluded.hash WHERE excluded.seq > seq"));
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
    head.Bind(1, r.tenant).Bind(2, static_cast<int64_t>(r.seq)).BindBlob(3, r.hash);
    AMANAH_TRY(head.Run());
    AMANAH_TRY(head.Reset());
  }
  return {};
}

base::Result<std::optional<ChainHeadRow>> SqliteJournal::Head(std::string_view tenant) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT tenant_id, seq, hash FROM journal_heads "
                                                 "WHERE tenant_id = ?"));
  stmt.Bind(1, tenant);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<ChainHeadRow>();
  return std::optional<ChainHeadRow>(
      ChainHeadRow{stmt.Text(0), static_cast<uint64_t>(stmt.Int(1)), stmt.BlobAt(2)});
}

base::Result<std::vector<ChainHeadRow>> SqliteJournal::Heads() {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT tenant_id, seq, hash FROM journal_heads ORDER BY tenant_id"));
  std::vector<ChainHeadRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ChainHeadRow{stmt.Text(0), static_cast<uint64_t>(stmt.Int(1)), stmt.BlobAt(2)});
  }
  return out;
}

base::Result<uint64_t> SqliteJournal::RecordCount() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT COALESCE(SUM(seq), 0) FROM journal_heads"));
  AMANAH_TRY(stmt.Step());
  return static_cast<uint64_t>(stmt.Int(0));
}

base::Result<void> SqliteJournal::Scan(const std::optional<std::string>& tenant,
                                       const std::function<bool(const JournalRow&)>& visit) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kJournalColumns + " FROM journal " +
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

base::Result<std::optional<JournalRow>> SqliteJournal::Row(std::string_view tenant, uint64_t seq) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string("SELECT ") + kJournalColumns +
                                                 " FROM journal WHERE tenant_id = ? AND seq = ?"));
  stmt.Bind(1, tenant).Bind(2, static_cast<int64_t>(seq));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<JournalRow>();
  JournalRow out;
  ReadJournalRow(stmt, out);
  return std::optional<JournalRow>(std::move(out));
}

base::Result<int64_t> SqliteJournal::InsertCheckpoint(const CheckpointRow& c) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("INSERT INTO checkpoints (time_ms, body, "
                                                 "signature, key_id, records) VALUES (?, ?, ?, ?, "
                                                 "?)"));
  stmt.Bind(1, c.time_ms)
      .Bind(2, c.body)
      .BindBlob(3, c.signature)
      .Bind(4, c.key_id)
      .Bind(5, static_cast<int64_t>(c.records));
  AMANAH_TRY(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

base::Result<std::optional<CheckpointRow>> SqliteJournal::LatestCheckpoint() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id, time_ms, body, signature, key_id, records FROM "
                                      "checkpoints ORDER BY id DESC LIMIT 1"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<CheckpointRow>();
  return std::optional<CheckpointRow>(CheckpointRow{stmt.Int(0), stmt.Int(1), stmt.Text(2),
                                                    stmt.BlobAt(3), stmt.Text(4),
                                                    static_cast<uint64_t>(stmt.Int(5))});
}

base::Result<uint64_t> SqliteJournal::CheckpointCount() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT COUNT(*) FROM checkpoints"));
  AMANAH_TRY(stmt.Step());
  return static_cast<uint64_t>(stmt.Int(0));
}

base::Result<bool> SqliteJournal::HasCheckpoint(std::string_view body) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT 1 FROM checkpoints WHERE body = ? LIMIT 1"));
  stmt.Bind(1, body);
  return stmt.Step();
}

}  // namespace amanah::store::sqlite
