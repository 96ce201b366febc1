// OrderRepository: the orders Amanah placed or refused, by tenant and intent id (which is also the
// client order id), and reconciliation's watermarks. Reached through a UnitOfWork, so that an
// order's state change commits with its journal record.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

struct OrderQuery {
  std::optional<ConnectionId> connection;
  /// Only orders in one of these states (all when empty).
  std::vector<std::string> states;
  /// Only orders created at or after this time.
  std::optional<base::SystemTime> since;
  /// Only orders inserted or updated after this change number (OrderRow::change_seq).
  std::optional<int64_t> changed_after;
  size_t limit = 1000;
};

class OrderRepository {
 public:
  virtual ~OrderRepository() = default;
  /// kAlreadyExists if the tenant already has an order with this id.
  virtual base::Result<void> Insert(const OrderRow& order) = 0;
  virtual base::Result<std::optional<OrderRow>> Get(const TenantId& tenant,
                                                    std::string_view id) = 0;
  /// Writes the order's state, exchange id, fills, reason, update time and MAC. kNotFound if
  /// there is none.
  virtual base::Result<void> Update(const OrderRow& order) = 0;
  /// The tenant's orders matching `query`, newest first.
  virtual base::Result<std::vector<OrderRow>> List(const TenantId& tenant,
                                                   const OrderQuery& query) = 0;
  /// Every tenant's orders in one of `states` (settlement at start-up), oldest first.
  virtual base::Result<std::vector<OrderRow>> ListInStates(
      const std::vector<std::string>& states) = 0;

  virtual base::Result<std::optional<Watermark>> GetWatermark(const ConnectionId& connection,
                                                              std::string_view symbol) = 0;
  virtual base::Result<void> SetWatermark(const Watermark& watermark) = 0;
  /// How many orders are in each state, across tenants (for /metrics).
  virtual base::Result<std::vector<std::pair<std::string, int64_t>>> CountByState() = 0;
};

}  // namespace amanah::store
