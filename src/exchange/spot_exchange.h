// SpotExchange: what Amanah may ask of an exchange, and nothing else — server time, system status,
// symbols with their filters, spot balances, the key's permission report, the account's non-spot
// state, and spot orders (place, cancel, query, open orders, trades). There is no method for
// margin, futures, transfers or withdrawals. Neutral types; decimals parsed once, in the adapter.
// Every call is an Asio coroutine over the injected transport (transport::RunBlocking for the
// CLI). Errors are classified (failure.h) and keep the exchange's code and text. Implementations:
// exchange/<name>/. One adapter holds one key; calls on one adapter must not overlap (a connection
// serializes its calls), different adapters run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "base/result.h"
#include "exchange/account_state.h"
#include "exchange/account_stream.h"
#include "exchange/failure.h"
#include "exchange/http_request.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange {

template <class T>
using Task = boost::asio::awaitable<base::Result<T>>;

/// The exchange's request budget for our egress IP as last reported.
struct RequestBudget {
  int64_t used_weight = -1;  ///< -1: not reported yet
  int64_t weight_limit = 0;  ///< per window; 0: unknown
  int64_t order_weight = 1;  ///< what one order costs
};

class SpotExchange {
 public:
  virtual ~SpotExchange() = default;

  /// Measures the offset between our clock and the server's; later signed calls use it.
  virtual Task<int64_t> SyncTime() = 0;
  virtual Task<int64_t> ServerTime() = 0;
  virtual Task<SystemStatus> Status() = 0;
  virtual Task<std::vector<SymbolInfo>> Symbols() = 0;
  /// The symbol's last price and 24 h quote volume.
  virtual Task<Ticker> Ticker24h(const std::string& symbol) = 0;
  /// The symbol's hourly candles opening in [start_ms, end_ms), oldest first (paged as the
  /// exchange needs; a plan's simulation reads its price history here).
  virtual Task<std::vector<Candle>> HourlyCandles(const std::string& symbol, int64_t start_ms,
                                                  int64_t end_ms) = 0;
  /// Non-zero spot balances.
  virtual Task<std::vector<Balance>> Balances() = 0;
  virtual Task<PermissionReport> Permissions() = 0;
  virtual Task<AccountState> Account() = 0;

  virtual Task<OrderReport> PlaceOrder(const OrderRequest& order) = 0;
  /// Sends the order to the exchange's test endpoint: validated and signed as for real, never
  /// placed (a dry run that the exchange checks).
  virtual Task<void> TestOrder(const OrderRequest& order) = 0;
  virtual Task<OrderReport> CancelOrder(const std::string& symbol,
                                        const std::string& client_order_id) = 0;
  virtual Task<OrderReport> QueryOrder(const std::string& symbol,
                                       const std::string& client_order_id) = 0;
  virtual Task<std::vector<OrderReport>> OpenOrders(const std::string& symbol) = 0;
  /// Cancels every open order of the symbol (one request where the exchange has one); the
  /// cancelled orders.
  virtual Task<std::vector<OrderReport>> CancelAllOrders(const std::string& symbol) = 0;
  /// Orders of the symbol created at or after `since_ms`, oldest first (reconciliation).
  virtual Task<std::vector<OrderReport>> OrderHistory(const std::string& symbol,
                                                      int64_t since_ms) = 0;
  virtual Task<std::vector<TradeReport>> MyTrades(const std::string& symbol) = 0;
  /// The trades (fills) of one order, by the exchange's order id.
  virtual Task<std::vector<TradeReport>> OrderTrades(const std::string& symbol,
                                                     const std::string& order_id) = 0;

  /// The request PlaceOrder would send for `order` if signed at `timestamp_ms`, without sending
  /// it (`amanah order --dry-run` shows it; the oracle tests compare it with ccxt's).
  virtual base::Result<HttpRequest> BuildOrder(const OrderRequest& order,
                                               int64_t timestamp_ms) const = 0;
  /// How long after it was signed the exchange may still accept an order (Binance: recvWindow).
  /// An order the exchange does not know this long after it was sent was never placed.
  virtual int64_t AcceptanceWindowMs() const = 0;
  virtual RequestBudget Budget() const = 0;

  /// The account's real-time stream of changes, where the exchange has one (kFailedPrecondition
  /// otherwise): subscribed and confirmed when this returns; it outlives the adapter.
  virtual Task<std::unique_ptr<AccountStream>> OpenAccountStream() {
    co_return base::Error(base::ErrorCode::kFailedPrecondition,
                          "this exchange has no account stream");
  }

  /// What to tell the user about `error`, a failure of one of this adapter's calls, with the fix on
  /// this exchange. May ask the exchange more (Binance tells a missing permission from a deleted
  /// key or a non-whitelisted IP by reading the key's own restrictions).
  virtual boost::asio::awaitable<Diagnosis> Diagnose(const base::Error& error) = 0;
};

}  // namespace amanah::exchange
