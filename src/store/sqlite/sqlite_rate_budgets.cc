#include "store/sqlite/sqlite_rate_budgets.h"

namespace amanah::store::sqlite {

namespace {

constexpr std::string_view kBudgetColumns =
    "exchange, origin, egress_ip, window_start_ms, used_weight, weight_limit, backoff_until_ms, "
    "banned_until_ms";

RateBudget Row(const Statement& s) {
  return RateBudget{s.Text(0), s.Text(1), s.Text(2), s.Int(3),
                    s.Int(4),  s.Int(5),  s.Int(6),  s.Int(7)};
}

}  // namespace

base::Result<RateBudget> SqliteRateBudgets::Merge(const RateBudget& seen) {
  // SET reads the row as it was: every expression sees the old values.
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO rate_budgets (" + std::string(kBudgetColumns) +
                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (exchange, origin, egress_ip) DO UPDATE SET "
                  "used_weight = CASE "
                  "WHEN excluded.window_start_ms > window_start_ms THEN excluded.used_weight "
                  "WHEN excluded.window_start_ms = window_start_ms "
                  "THEN max(used_weight, excluded.used_weight) ELSE used_weight END, "
                  "window_start_ms = max(window_start_ms, excluded.window_start_ms), "
                  "weight_limit = CASE WHEN excluded.weight_limit > 0 THEN excluded.weight_limit "
                  "ELSE weight_limit END, "
                  "backoff_until_ms = max(backoff_until_ms, excluded.backoff_until_ms), "
                  "banned_until_ms = max(banned_until_ms, excluded.banned_until_ms) "
                  "RETURNING " +
                  std::string(kBudgetColumns)));
  stmt.Bind(1, seen.exchange)
      .Bind(2, seen.origin)
      .Bind(3, seen.egress_ip)
      .Bind(4, seen.window_start_ms)
      .Bind(5, seen.used_weight)
      .Bind(6, seen.weight_limit)
      .Bind(7, seen.backoff_until_ms)
      .Bind(8, seen.banned_until_ms);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return base::Error(base::ErrorCode::kInternal, "rate budget upsert returned no row");
  RateBudget out = Row(stmt);
  AMANAH_TRY(stmt.Reset());
  return out;
}

base::Result<std::vector<RateBudget>> SqliteRateBudgets::List() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT " + std::string(kBudgetColumns) +
                                      " FROM rate_budgets ORDER BY exchange, origin, egress_ip"));
  std::vector<RateBudget> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(Row(stmt));
  }
  return out;
}

}  // namespace amanah::store::sqlite
