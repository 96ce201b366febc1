// SnapshotRepository: each connection's spot holdings once a day — per asset the total (free and
// locked) and its value in the quote asset at that day's price — which the balances chart draws.
// One row per (connection, day, asset); taking the day's snapshot again replaces it. Reached
// through a UnitOfWork.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

struct BalanceSnapshotRow {
  TenantId tenant;
  ConnectionId connection;
  std::string day;  ///< UTC, "2026-12-02"
  int64_t taken_ms = 0;
  std::string asset;
  base::Decimal total;
  std::string quote;                   ///< what `value` is in ("USDT")
  std::optional<base::Decimal> value;  ///< none when the exchange had no price for the asset
};

class SnapshotRepository {
 public:
  virtual ~SnapshotRepository() = default;
  /// Replaces the connection's snapshot of `day` with `rows` (all of one connection and day).
  virtual base::Result<void> Replace(const ConnectionId& connection, const std::string& day,
                                     const std::vector<BalanceSnapshotRow>& rows) = 0;
  /// The tenant's rows from `since_day` on, by day then connection then asset.
  virtual base::Result<std::vector<BalanceSnapshotRow>> List(const TenantId& tenant,
                                                             const std::string& since_day) = 0;
  /// Whether the connection has a snapshot of `day`.
  virtual base::Result<bool> Has(const ConnectionId& connection, const std::string& day) = 0;
};

}  // namespace amanah::store
