#include "store/sqlite/sqlite_orders.h"

#include "store/sqlite/sql_decimal.h"
#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {
namespace {

using base::ErrorCode;

constexpr char kOrderColumns[] =
    "tenant_id, id, connection_id, exchange, symbol, side, type, time_in_force, quantity, "
    "quote_amount, limit_price, trigger_price, source, source_ref, state, exchange_order_id, "
    "executed_qty, cumulative_quote, reason, created_at_ms, updated_at_ms, state_mac, "
    "trailing_bips, change_seq";

// Every insert and update takes the next change number: writers are serialized, so the numbers
// follow commit order and "changed after N" misses nothing, whoever wrote.
constexpr char kNextChange[] = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM orders)";

std::optional<std::string> Text(const std::optional<base::Decimal>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

base::Result<void> SqliteOrders::Insert(const OrderRow& o) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("INSERT INTO orders (") + kOrderColumns + ") VALUES (" +
                             Placeholders(23) + ", " + kNextChange + ")"));
  stmt.Bind(1, o.tenant.value())
      .Bind(2, o.id)
      .Bind(3, o.connection.value())
      .Bind(4, o.exchange)
      .Bind(5, o.symbol)
      .Bind(6, o.side)
      .Bind(7, o.type)
      .Bind(8, o.time_in_force)
      .Bind(9, Text(o.quantity))
      .Bind(10, Text(o.quote_amount))
      .Bind(11, Text(o.limit_price))
      .Bind(12, Text(o.trigger_price))
      .Bind(13, o.source)
      .Bind(14, o.source_ref)
      .Bind(15, o.state)
      .Bind(16, o.exchange_order_id)
      .Bind(17, o.executed_qty.ToString())
      .Bind(18, o.cumulative_quote.ToString())
      .Bind(19, o.reason)
      .Bind(20, Ms(o.created_at))
      .Bind(21, Ms(o.updated_at))
      .BindBlob(22, o.state_mac)
      .Bind(23, o.trailing_bips);
  if (auto r = stmt.Run(); !r) {
    if (r.error().message().find("UNIQUE") != std::string::npos) {
      return base::Fail(ErrorCode::kAlreadyExists, "order " + o.id + " already exists");
    }
    if (r.error().message().find("FOREIGN KEY") != std::string::npos) {
      return base::Fail(ErrorCode::kNotFound, "unknown tenant or connection for order " + o.id);
    }
    return r.error();
  }
  return {};
}

base::Result<std::vector<OrderRow>> SqliteOrders::Query(std::string_view where_and_order,
                                                        const std::vector<std::string>& args,
                                                        const std::vector<int64_t>& times_ms,
                                                        int64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string("SELECT ") + kOrderColumns +
                                                 " FROM orders " + std::string(where_and_order)));
  int i = 1;
  for (const auto& a : args) stmt.Bind(i++, a);
  for (int64_t t : times_ms) stmt.Bind(i++, t);
  stmt.Bind(i, limit);
  std::vector<OrderRow> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    OrderRow o;
    o.tenant = TenantId(stmt.Text(0));
    o.id = stmt.Text(1);
    o.connection = ConnectionId(stmt.Text(2));
    o.exchange = stmt.Text(3);
    o.symbol = stmt.Text(4);
    o.side = stmt.Text(5);
    o.type = stmt.Text(6);
    o.time_in_force = stmt.Text(7);
    AMANAH_ASSIGN_OR_RETURN(o.quantity, OptionalDecimalAt(stmt, 8, "order " + o.id));
    AMANAH_ASSIGN_OR_RETURN(o.quote_amount, OptionalDecimalAt(stmt, 9, "order " + o.id));
    AMANAH_ASSIGN_OR_RETURN(o.limit_price, OptionalDecimalAt(stmt, 10, "order " + o.id));
    AMANAH_ASSIGN_OR_RETURN(o.trigger_price, OptionalDecimalAt(stmt, 11, "order " + o.id));
    o.source = stmt.Text(12);
    o.source_ref = stmt.Text(13);
    o.state = stmt.Text(14);
    o.exchange_order_id = stmt.Text(15);
    AMANAH_ASSIGN_OR_RETURN(o.executed_qty, DecimalAt(stmt, 16, "order " + o.id));
    AMANAH_ASSIGN_OR_RETURN(o.cumulative_quote, DecimalAt(stmt, 17, "order " + o.id));
    o.reason = stmt.Text(18);
    o.created_at = FromMs(stmt.Int(19));
    o.updated_at = FromMs(stmt.Int(20));
    o.state_mac = stmt.BlobAt(21);
    if (!stmt.IsNull(22)) o.trailing_bips = stmt.Int(22);
    o.change_seq = stmt.Int(23);
    out.push_back(std::move(o));
  }
  return out;
}

base::Result<std::optional<OrderRow>> SqliteOrders::Get(const TenantId& tenant,
                                                        std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto rows, Query("WHERE tenant_id = ? AND id = ? LIMIT ?",
                                           {tenant.value(), std::string(id)}, {}, 1));
  if (rows.empty()) return std::optional<OrderRow>();
  return std::optional<OrderRow>(std::move(rows.front()));
}

base::Result<void> SqliteOrders::Update(const OrderRow& o) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("UPDATE orders SET state = ?, exchange_order_id = ?, executed_qty = ?, "
                  "cumulative_quote = ?, reason = ?, updated_at_ms = ?, state_mac = ?, "
                  "quantity = ?, limit_price = ?, trigger_price = ?, change_seq = " +
                  std::string(kNextChange) + " WHERE tenant_id = ? AND id = ?"));
  stmt.Bind(1, o.state)
      .Bind(2, o.exchange_order_id)
      .Bind(3, o.executed_qty.ToString())
      .Bind(4, o.cumulative_quote.ToString())
      .Bind(5, o.reason)
      .Bind(6, Ms(o.updated_at))
      .BindBlob(7, o.state_mac)
      .Bind(8, Text(o.quantity))
      .Bind(9, Text(o.limit_price))
      .Bind(10, Text(o.trigger_price))
      .Bind(11, o.tenant.value())
      .Bind(12, o.id);
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no order " + o.id);
  return {};
}

base::Result<std::vector<OrderRow>> SqliteOrders::List(const TenantId& tenant,
                                                       const OrderQuery& q) {
  std::string where = "WHERE tenant_id = ?";
  std::vector<std::string> args{tenant.value()};
  if (q.connection) {
    where += " AND connection_id = ?";
    args.push_back(q.connection->value());
  }
  if (!q.states.empty()) {
    where += " AND state IN (" + Placeholders(q.states.size()) + ")";
    args.insert(args.end(), q.states.begin(), q.states.end());
  }
  std::vector<int64_t> times;
  if (q.since) {
    where += " AND created_at_ms >= ?";
    times.push_back(Ms(*q.since));
  }
  if (q.changed_after) {
    where += " AND change_seq > ?";
    times.push_back(*q.changed_after);
  }
  where += " ORDER BY created_at_ms DESC, id LIMIT ?";
  return Query(where, args, times, static_cast<int64_t>(q.limit));
}

base::Result<std::vector<OrderRow>> SqliteOrders::ListInStates(
    const std::vector<std::string>& states) {
  if (states.empty()) return std::vector<OrderRow>();
  return Query("WHERE state IN (" + Placeholders(states.size()) +
                   ") ORDER BY created_at_ms, tenant_id, id LIMIT ?",
               states, {}, INT64_MAX);
}

base::Result<std::optional<Watermark>> SqliteOrders::GetWatermark(const ConnectionId& connection,
                                                                  std::string_view symbol) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT time_ms FROM watermarks WHERE connection_id = ? AND symbol = ?"));
  stmt.Bind(1, connection.value()).Bind(2, symbol);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Watermark>();
  return std::optional<Watermark>(Watermark{connection, std::string(symbol), stmt.Int(0)});
}

base::Result<void> SqliteOrders::SetWatermark(const Watermark& w) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO watermarks (connection_id, symbol, time_ms) VALUES "
                             "(?, ?, ?) ON CONFLICT (connection_id, symbol) DO UPDATE SET "
                             "time_ms = excluded.time_ms"));
  stmt.Bind(1, w.connection.value()).Bind(2, w.symbol).Bind(3, w.time_ms);
  return stmt.Run();
}

base::Result<std::vector<std::pair<std::string, int64_t>>> SqliteOrders::CountByState() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT state, count(*) FROM orders GROUP BY "
                                                 "state ORDER BY state"));
  return ReadCounts(stmt);
}

}  // namespace amanah::store::sqlite
