// AccountEvents: what happens to an account as it happens, for the venues' user data streams —
// each order's executions (new, trade, canceled, expired) with the order as it stands after each,
// and the balances a change touched, as they now are. The Exchange publishes only to accounts
// someone watches (nothing is copied otherwise). Listeners are called under the Exchange lock on
// the thread that made the change, in the order the changes happened: they must only queue (a
// WebSocketPeer's Send) and may read the exchange, whose lock is held. REQUIRES: lock held, for
// every method.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/account.h"
#include "core/order.h"

namespace amanah::paper {

enum class Execution { kNew, kTrade, kCanceled, kExpired };

struct OrderEvent {
  Execution execution = Execution::kNew;
  Order order;                 ///< after this execution
  std::optional<Trade> trade;  ///< kTrade: this fill
  int64_t time = 0;
};

struct BalanceEvent {
  int64_t time = 0;
  std::vector<std::pair<std::string, Balance>> balances;  ///< the assets changed, by name
};

using AccountEvent = std::variant<OrderEvent, BalanceEvent>;

class AccountEvents {
 public:
  using Listener = std::function<void(const AccountEvent&)>;

  /// Calls `listener` with every later event of `account`; the id to unsubscribe with.
  uint64_t Subscribe(uint64_t account, Listener listener);
  void Unsubscribe(uint64_t id);
  bool Watched(uint64_t account) const { return watched_.contains(account); }
  void Publish(uint64_t account, const AccountEvent& event) const;

 private:
  struct Subscription {
    uint64_t account = 0;
    Listener listener;
  };
  uint64_t next_id_ = 1;
  std::map<uint64_t, Subscription> subscriptions_;
  std::map<uint64_t, size_t> watched_;  ///< account → subscriptions
};

}  // namespace amanah::paper
