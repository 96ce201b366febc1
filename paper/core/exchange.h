// Exchange: the whole state of the paper exchange — markets, accounts, API keys, orders, trades,
// maintenance flag — and the venue-neutral operations on it (place, cancel, query, settle). Venues
// (paper/venues/<name>/) translate their wire protocol onto these calls; the admin API changes the
// state directly. One mutex guards everything: a request takes Lock() once and then calls any
// number of methods, each documented "REQUIRES: lock held". Time comes from the injected clock
// plus the configurable skew; ids and generated keys from the injected Random.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "core/account.h"
#include "core/account_events.h"
#include "core/api_key.h"
#include "core/faults.h"
#include "core/market.h"
#include "core/order.h"
#include "core/rejection.h"

namespace amanah::paper {

/// How much closed history the exchange keeps. Open orders are always kept; beyond these counts
/// the oldest closed orders and trade records are forgotten, as a real exchange's queries only
/// reach so far back — so memory stays bounded however long the exchange runs.
struct Retention {
  size_t closed_orders = 100'000;
  size_t trades = 100'000;  ///< trade records (a trade between two accounts is two records)
};

class Exchange {
 public:
  struct Placed {
    Order order;
    std::vector<Trade> fills;  ///< the taker's trades, in execution order
  };

  Exchange(const base::Clock& clock, base::Random& random);

  std::unique_lock<std::mutex> Lock() const { return std::unique_lock(mutex_); }

  // ---- time and markets. REQUIRES: lock held.
  /// Exchange time in ms: the clock plus the configured skew.
  int64_t NowMillis() const;
  void SetClockSkew(int64_t millis) { skew_ms_ = millis; }
  /// With --time-accel, the exchange's acceptance windows (recvWindow, the allowance for a
  /// timestamp ahead) stay windows of real time: `real_ms` of real time in exchange time. A
  /// request's latency on loopback is a fraction of a millisecond of real time but, at 10 000
  /// times, seconds of exchange time; a real exchange is never accelerated.
  void SetTimeAccel(double factor) { time_accel_ = factor < 1 ? 1 : factor; }
  int64_t Window(int64_t real_ms) const {
    return static_cast<int64_t>(static_cast<double>(real_ms) * time_accel_);
  }
  int64_t clock_skew() const { return skew_ms_; }
  base::Result<Market*> AddMarket(SymbolSpec spec);
  Market* FindMarket(std::string_view symbol);
  const std::map<std::string, Market, std::less<>>& markets() const { return markets_; }
  /// Moves every price path to now, settles the client orders the market moved through and
  /// triggers the contingent orders each step's price reaches.
  void AdvanceMarkets();
  Faults& faults() { return faults_; }
  /// Every account change as it happens, for the user data streams. REQUIRES: lock held.
  AccountEvents& events() { return events_; }
  bool maintenance() const { return maintenance_; }
  void SetMaintenance(bool on) { maintenance_ = on; }

  // ---- accounts and keys. REQUIRES: lock held.
  Account& CreateAccount(std::string name, std::optional<uint64_t> uid = std::nullopt);
  Account* FindAccount(uint64_t uid);
  Account* FindAccountByName(std::string_view name);
  const std::map<uint64_t, Account>& accounts() const { return accounts_; }
  /// `length` random letters and digits (key ids, secrets, generated client ids).
  std::string RandomAlnum(size_t length);
  base::Result<ApiKey*> AddKey(ApiKey key);
  ApiKey* FindKey(std::string_view api_key);
  bool DeleteKey(std::string_view api_key);
  const std::map<std::string, ApiKey, std::less<>>& keys() const { return keys_; }

  // ---- trading. REQUIRES: lock held.
  Outcome<Placed> PlaceOrder(uint64_t account, const NewOrder& request);
  /// Validates like PlaceOrder (filters, balance) without placing: POST /order/test.
  Outcome<void> TestOrder(uint64_t account, const NewOrder& request);
  /// Cancels by order id or, when it is 0, by client order id.
  Outcome<Order> CancelOrder(uint64_t account, std::string_view symbol, uint64_t order_id,
                             std::string_view client_order_id);
  Outcome<Order> QueryOrder(uint64_t account, std::string_view symbol, uint64_t order_id,
                            std::string_view client_order_id) const;
  std::vector<Order> OpenOrders(uint64_t account, std::optional<std::string_view> symbol) const;
  std::vector<Order> AllOrders(uint64_t account, std::string_view symbol) const;
  std::vector<Trade> MyTrades(uint64_t account, std::string_view symbol) const;
  uint64_t order_count() const { return next_order_id_ - 1; }
  const Retention& retention() const { return retention_; }
  /// Applies at once: forgets what is beyond the new limits.
  void SetRetention(const Retention& retention);

  // ---- whole state (snapshot/restore). REQUIRES: lock held.
  const std::map<uint64_t, Order>& orders() const { return orders_; }
  const std::deque<Trade>& trades() const { return trades_; }
  uint64_t next_order_id() const { return next_order_id_; }
  uint64_t next_trade_id() const { return next_trade_id_; }
  /// Replaces orders, trades and counters (accounts and keys are replaced by their own calls);
  /// rebuilds every book from the open orders.
  void RestoreOrders(std::map<uint64_t, Order> orders, std::deque<Trade> trades,
                     uint64_t next_order_id, uint64_t next_trade_id);
  void Clear();

 private:
  Outcome<std::vector<Market::Chunk>> Validate(const Account& account, Market& market,
                                               const NewOrder& request, Order& order) const;
  void SettleMaker(Market& market, uint64_t order_id, uint64_t trade_id, int64_t price, int64_t qty,
                   bool done);
  /// Executes `plan` for the taker `order` (not yet or already in orders_), appending its fills.
  void ExecuteTaker(Account& account, Market& market, Order& order,
                    const std::vector<Market::Chunk>& plan, std::vector<Trade>* fills);
  /// After its taker fills: filled, resting in the book with its remainder locked (GTC), or
  /// expired (IOC/FOK/MARKET remainder).
  void RestOrClose(Account& account, Market& market, Order& order);
  /// Locks what `order`'s unfilled part needs: quote at its price for a buy, base for a sell.
  void Lock(Account& account, Market& market, Order& order);
  void Unlock(Account& account, Market& market, Order& order);
  /// Feeds `price` to the contingent orders of `market`, starts those it triggers, and repeats
  /// with the new last price while triggered orders trade.
  void Trigger(Market& market, int64_t price);
  /// Whether contingent `order` triggers at `price`, updating its trailing extreme.
  static bool Track(Order& order, int64_t price);
  /// A triggered order: its funds unlocked and spent as a LIMIT taker at its price.
  void StartWorking(Market& market, Order& order);
  /// One side of execution `trade_id` (the taker and the maker record the same id).
  Trade RecordTrade(Account& account, Market& market, Order& order, uint64_t trade_id,
                    int64_t price, int64_t qty, bool maker);
  /// Marks `id` closed (filled, canceled, expired) and forgets what retention no longer keeps.
  void Closed(uint64_t id);
  void Trim();
  /// Publishes `order`'s execution to its account's watchers, if any.
  void EmitOrder(Execution execution, const Order& order, const Trade* trade = nullptr);
  /// Publishes the account's balances of `market`'s two assets, if anyone watches it.
  void EmitBalances(const Account& account, const Market& market);
  std::string NewClientOrderId();

  const base::Clock& clock_;
  base::Random& random_;
  mutable std::mutex mutex_;
  int64_t skew_ms_ = 0;
  double time_accel_ = 1;
  bool maintenance_ = false;
  Faults faults_;
  AccountEvents events_;
  std::map<std::string, Market, std::less<>> markets_;
  std::map<uint64_t, Account> accounts_;
  std::map<std::string, ApiKey, std::less<>> keys_;
  Retention retention_;
  std::map<uint64_t, Order> orders_;
  std::deque<Trade> trades_;       // a deque: growing never copies old trades
  uint64_t trades_forgotten_ = 0;  ///< records dropped from the front of trades_
  std::deque<uint64_t> closed_;    ///< closed order ids, oldest first
  // Indexes, so a request costs the same however long the exchange has run.
  std::map<uint64_t, std::set<uint64_t>> open_orders_;     ///< account → open order ids
  std::map<uint64_t, std::set<uint64_t>> account_orders_;  ///< account → order ids
  /// symbol → contingent orders waiting for their trigger
  std::map<std::string, std::set<uint64_t>, std::less<>> contingent_;
  /// account → trade record numbers (trades_forgotten_ + index into trades_), oldest first
  std::map<uint64_t, std::deque<uint64_t>> account_trades_;
  void Reindex();
  uint64_t next_uid_ = 354937868;
  uint64_t next_order_id_ = 1;
  uint64_t next_trade_id_ = 1;
};

}  // namespace amanah::paper
