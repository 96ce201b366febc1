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
#include "exchange/failure.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange {

template <class T>
using Task = boost::asio::awaitable<base::Result<T>>;

class SpotExchange {
 public:
  virtual ~SpotExchange() = default;

  /// Measures the offset between our clock and the server's; later signed calls use it.
  virtual Task<int64_t> SyncTime() = 0;
  virtual Task<int64_t> ServerTime() = 0;
  virtual Task<SystemStatus> Status() = 0;
  virtual Task<std::vector<SymbolInfo>> Symbols() = 0;
  /// Non-zero spot balances.
  virtual Task<std::vector<Balance>> Balances() = 0;
  virtual Task<PermissionReport> Permissions() = 0;
  virtual Task<AccountState> Account() = 0;

  virtual Task<OrderReport> PlaceOrder(const OrderRequest& order) = 0;
  virtual Task<OrderReport> CancelOrder(const std::string& symbol,
                                        const std::string& client_order_id) = 0;
  virtual Task<OrderReport> QueryOrder(const std::string& symbol,
                                       const std::string& client_order_id) = 0;
  virtual Task<std::vector<OrderReport>> OpenOrders(const std::string& symbol) = 0;
  virtual Task<std::vector<TradeReport>> MyTrades(const std::string& symbol) = 0;

  /// What to tell the user about `error`, a failure of one of this adapter's calls, with the fix on
  /// this exchange. May ask the exchange more (Binance tells a missing permission from a deleted
  /// key or a non-whitelisted IP by reading the key's own restrictions).
  virtual boost::asio::awaitable<Diagnosis> Diagnose(const base::Error& error) = 0;
};

}  // namespace amanah::exchange
