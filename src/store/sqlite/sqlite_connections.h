// ConnectionRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/connection_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteConnections final : public ConnectionRepository {
 public:
  explicit SqliteConnections(Database& db) : db_(db) {}
  base::Result<void> Insert(const Connection& connection) override;
  base::Result<std::optional<Connection>> Get(const ConnectionId& id) override;
  base::Result<std::optional<Connection>> FindByLabel(const TenantId& tenant,
                                                      std::string_view label) override;
  base::Result<std::vector<Connection>> List(const TenantId& tenant) override;
  base::Result<std::vector<Connection>> ListAll() override;
  base::Result<std::vector<Connection>> ListStates(const std::optional<TenantId>& tenant) override;
  base::Result<void> UpdateState(const Connection& connection) override;
  base::Result<void> Shred(const ConnectionId& id, const Blob& mac) override;
  base::Result<void> ReplaceKey(const Connection& connection, const RetiredKey& retired) override;
  base::Result<std::vector<RetiredKey>> RetiredKeys(
      const std::optional<ConnectionId>& connection) override;
  base::Result<void> UpdateRetiredKey(const RetiredKey& retired) override;
  base::Result<bool> DeleteRetiredKey(std::string_view id) override;
  base::Result<void> PutHealth(const ConnectionHealth& health) override;
  base::Result<std::optional<ConnectionHealth>> Health(const ConnectionId& id) override;
  base::Result<void> ApprovePair(const ApprovedPair& pair) override;
  base::Result<bool> RevokePair(const ConnectionId& id, std::string_view symbol) override;
  base::Result<std::vector<ApprovedPair>> ApprovedPairs(const ConnectionId& id) override;

 private:
  base::Result<std::vector<Connection>> Query(std::string_view where_and_order,
                                              const std::vector<std::string>& args,
                                              bool with_sealed = true);
  Database& db_;
};

}  // namespace amanah::store::sqlite
