// OrderRepository on one SQLite connection (inside the caller's transaction). Decimals are kept as
// their exact text.
#pragma once

#include "store/order_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteOrders final : public OrderRepository {
 public:
  explicit SqliteOrders(Database& db) : db_(db) {}
  base::Result<void> Insert(const OrderRow& order) override;
  base::Result<std::optional<OrderRow>> Get(const TenantId& tenant, std::string_view id) override;
  base::Result<void> Update(const OrderRow& order) override;
  base::Result<std::vector<OrderRow>> List(const TenantId& tenant,
                                           const OrderQuery& query) override;
  base::Result<std::vector<OrderRow>> ListInStates(const std::vector<std::string>& states) override;
  base::Result<std::optional<Watermark>> GetWatermark(const ConnectionId& connection,
                                                      std::string_view symbol) override;
  base::Result<void> SetWatermark(const Watermark& watermark) override;
  base::Result<std::vector<std::pair<std::string, int64_t>>> CountByState() override;

 private:
  base::Result<std::vector<OrderRow>> Query(std::string_view where_and_order,
                                            const std::vector<std::string>& args,
                                            const std::vector<int64_t>& times_ms, int64_t limit);
  Database& db_;
};

}  // namespace amanah::store::sqlite
