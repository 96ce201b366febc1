// NotificationRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/notification_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteNotifications final : public NotificationRepository {
 public:
  explicit SqliteNotifications(Database& db) : db_(db) {}
  base::Result<void> AddEndpoint(const NotifyEndpoint& endpoint) override;
  base::Result<std::vector<NotifyEndpoint>> Endpoints(
      const std::optional<TenantId>& tenant) override;
  base::Result<bool> RemoveEndpoint(const TenantId& tenant, std::string_view id) override;
  base::Result<bool> SetEndpointNonce(const TenantId& tenant, std::string_view id,
                                      std::string_view nonce) override;
  base::Result<bool> AdvanceCursor(std::string_view endpoint, uint64_t from, uint64_t to) override;
  base::Result<void> Enqueue(const Notification& notification) override;
  base::Result<std::vector<Notification>> Due(base::SystemTime now, size_t limit) override;
  base::Result<void> UpdateDelivery(const Notification& notification) override;
  base::Result<std::vector<Notification>> List(const TenantId& tenant, size_t limit) override;
  base::Result<std::optional<Notification>> Get(const TenantId& tenant,
                                                std::string_view id) override;

 private:
  base::Result<std::vector<Notification>> Read(Statement& stmt);
  Database& db_;
};

}  // namespace amanah::store::sqlite
