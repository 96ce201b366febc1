#include "store/sqlite/sqlite_nonces.h"

#include <limits>

namespace amanah::store::sqlite {

base::Result<int64_t> SqliteNonces::NextNonce(std::string_view key, int64_t floor) {
  {
    AMANAH_ASSIGN_OR_RETURN(auto last,
                            db_.Prepare("SELECT last_nonce FROM key_nonces WHERE key = ?"));
    last.Bind(1, key);
    AMANAH_ASSIGN_OR_RETURN(bool row, last.Step());
    if (row && last.Int(0) == std::numeric_limits<int64_t>::max()) {
      return base::Fail(base::ErrorCode::kFailedPrecondition,
                        "the key's nonce has reached its largest value; create a new API key");
    }
  }
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO key_nonces (key, last_nonce, holder, turn_until_ms) "
                             "VALUES (?1, ?2, '', 0) ON CONFLICT (key) DO UPDATE SET "
                             "last_nonce = max(last_nonce + 1, ?2) RETURNING last_nonce"));
  stmt.Bind(1, key).Bind(2, floor);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return base::Fail(base::ErrorCode::kDataLoss, "the nonce counter was not written");
  return stmt.Int(0);
}

base::Result<bool> SqliteNonces::TakeTurn(std::string_view key, std::string_view holder,
                                          int64_t now_ms, int64_t until_ms) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO key_nonces (key, last_nonce, holder, turn_until_ms) "
                             "VALUES (?1, 0, ?2, ?4) ON CONFLICT (key) DO UPDATE SET "
                             "holder = ?2, turn_until_ms = ?4 "
                             "WHERE holder = '' OR holder = ?2 OR turn_until_ms <= ?3 "
                             "RETURNING holder"));
  stmt.Bind(1, key).Bind(2, holder).Bind(3, now_ms).Bind(4, until_ms);
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row;
}

base::Result<void> SqliteNonces::EndTurn(std::string_view key, std::string_view holder) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE key_nonces SET holder = '', turn_until_ms = 0 "
                                      "WHERE key = ? AND holder = ?"));
  stmt.Bind(1, key).Bind(2, holder);
  return stmt.Run();
}

}  // namespace amanah::store::sqlite
