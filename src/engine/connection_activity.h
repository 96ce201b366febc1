// ConnectionActivity: what the Limits and ExchangeFilters checks need to know about a connection's
// own orders — how many it placed in the last minute, the notional it committed since 00:00 UTC,
// its open orders on the symbol — kept per connection and brought up to date from the store by
// the rows changed since the last look (the store's change numbers follow commit order, so a row
// another process wrote, a CLI beside the daemon, is never missed). Exact, and an order costs the
// same however many came before it today: reading every order of the day for each new one made
// the 1500th order twice as slow as the first. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/decimal.h"
#include "base/result.h"
#include "policy/order_facts.h"
#include "store/store.h"

namespace amanah::engine {

class ConnectionActivity {
 public:
  /// Sets facts.orders_last_minute, notional_today and open_orders_on_symbol for `connection`.
  base::Result<void> Fill(store::Store& store, const store::Connection& connection,
                          base::SystemTime now, policy::OrderFacts& facts);

 private:
  struct Counted {
    base::SystemTime created;
    bool counts = false;                    ///< placed or tried (not rejected, not only intended)
    std::optional<base::Decimal> notional;  ///< what it committed
  };
  struct Window {
    base::SystemTime day_start;  ///< the UTC day summed
    int64_t seen_change = 0;     ///< every row change up to this number is counted
    bool loaded = false;
    std::map<std::string, Counted> rows;  ///< by order id, created in the window
    base::Decimal notional_today;
  };
  static Counted CountOf(const store::OrderRow& row);

  std::mutex mu_;
  std::map<std::string, Window> windows_;  // GUARDED_BY(mu_), by connection id
};

}  // namespace amanah::engine
