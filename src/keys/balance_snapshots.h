// BalanceSnapshots: once a day, each live connection's spot holdings — per asset the total (free
// and locked) and its value in the quote asset (USDT) at the exchange's last price — stored so the
// dashboard can chart the value over time; and that history, summed over the tenant's
// connections per day and asset. The daemon's scheduler takes them (work `snapshot:<id>`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/decimal.h"
#include "base/result.h"
#include "keys/key_service.h"
#include "store/store.h"

namespace amanah::keys {

/// The tenant's value over time: one point a day, one series per asset.
struct ValueHistory {
  struct Series {
    std::string asset;
    std::vector<std::optional<base::Decimal>> values;  ///< by day; none: no price or not held
  };
  std::string quote;
  std::vector<std::string> days;  ///< "2026-12-02", ascending
  std::vector<Series> series;     ///< by asset
};

class BalanceSnapshots {
 public:
  BalanceSnapshots(KeyService& keys, store::Store& store, const base::Clock& clock,
                   std::string quote = "USDT")
      : keys_(keys), store_(store), clock_(clock), quote_(std::move(quote)) {}

  /// Reads the connection's balances and prices and stores today's snapshot (replacing one taken
  /// earlier today); how many assets it holds. An asset the exchange has no `ASSET+quote` price
  /// for is stored without a value.
  boost::asio::awaitable<base::Result<size_t>> Take(const store::Connection& connection);
  /// The tenant's history over the last `days` days (today included).
  base::Result<ValueHistory> History(const store::TenantId& tenant, int days);

 private:
  KeyService& keys_;
  store::Store& store_;
  const base::Clock& clock_;
  std::string quote_;
};

}  // namespace amanah::keys
