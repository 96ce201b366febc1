// AccessRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/access_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteAccess final : public AccessRepository {
 public:
  explicit SqliteAccess(Database& db) : db_(db) {}
  base::Result<void> InsertSession(const Session& session) override;
  base::Result<std::optional<Session>> FindSession(const Blob& token_hash) override;
  base::Result<void> TouchSession(const Blob& token_hash, base::SystemTime seen) override;
  base::Result<void> DeleteSession(const Blob& token_hash) override;
  base::Result<void> DeleteSessionsOf(const UserId& user) override;
  base::Result<int64_t> DeleteExpiredSessions(base::SystemTime now) override;
  base::Result<void> InsertToken(const AccessToken& token) override;
  base::Result<std::optional<AccessToken>> FindToken(std::string_view id) override;
  base::Result<std::vector<AccessToken>> ListTokens(const UserId& user) override;
  base::Result<void> MarkTokenUsed(std::string_view id, base::SystemTime at) override;
  base::Result<bool> RevokeToken(std::string_view id, base::SystemTime at) override;
  base::Result<void> PutSetupToken(const Blob& hash, base::SystemTime expires_at) override;
  base::Result<std::optional<std::pair<Blob, base::SystemTime>>> SetupToken() override;
  base::Result<void> DeleteSetupToken() override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
