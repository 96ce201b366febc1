// NonceRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/nonce_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteNonces final : public NonceRepository {
 public:
  explicit SqliteNonces(Database& db) : db_(db) {}
  base::Result<int64_t> NextNonce(std::string_view key, int64_t floor) override;
  base::Result<bool> TakeTurn(std::string_view key, std::string_view holder, int64_t now_ms,
                              int64_t until_ms) override;
  base::Result<void> EndTurn(std::string_view key, std::string_view holder) override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
