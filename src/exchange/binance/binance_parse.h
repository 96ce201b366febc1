// Readers of Binance's spot response bodies into the neutral types. Each reads the documented
// shape strictly with the checked JSON reader (base/json_reader.h): every field of Binance's
// official example for the endpoint must be there with its type, so a dropped or retyped field
// is an error that names it — never an exception, never a silent default (a system status without
// `status` is not "normal"). Pure functions; the fuzz target and the shape tests call them
// directly.
#pragma once

#include <vector>

#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/account_state.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange::binance {

/// Binance's word for an order type ("STOP_LOSS_LIMIT") and back; nullopt for the types Amanah
/// does not place (STOP_LOSS, TAKE_PROFIT: market orders on trigger).
std::string_view BinanceOrderType(OrderType type);
std::optional<OrderType> OrderTypeOf(std::string_view binance_word);

base::Result<int64_t> ParseServerTime(const base::JsonView& body);
base::Result<SystemStatus> ParseSystemStatus(const base::JsonView& body);
base::Result<std::vector<SymbolInfo>> ParseExchangeInfo(const base::JsonView& body);
/// exchangeInfo's REQUEST_WEIGHT limit per 1 MINUTE, if it publishes one.
base::Result<std::optional<int64_t>> ParseWeightLimit(const base::JsonView& body);
/// GET /api/v3/account: non-zero balances.
base::Result<std::vector<Balance>> ParseBalances(const base::JsonView& body);
/// GET /api/v3/ticker/24hr for one symbol: lastPrice and quoteVolume.
base::Result<Ticker> ParseTicker24h(const base::JsonView& body);
/// GET /api/v3/klines: [[open time, "open", "high", "low", "close", …], …].
base::Result<std::vector<Candle>> ParseKlines(const base::JsonView& body);
/// GET /api/v3/account: the account id, trading flag and type.
base::Result<AccountState> ParseSpotAccount(const base::JsonView& body);
/// GET /sapi/v1/margin/account, into `state`.
base::Result<void> ParseMarginAccount(const base::JsonView& body, AccountState& state);
base::Result<PermissionReport> ParseApiRestrictions(const base::JsonView& body);
/// Which answer an order comes in: a placement with newOrderRespType=FULL (Amanah asks for no
/// other), a query (GET /order, /openOrders, /allOrders) or a cancel (DELETE /order).
enum class OrderShape { kPlaced, kQueried, kCanceled };
base::Result<OrderReport> ParseOrder(const base::JsonView& body, OrderShape shape);
/// GET /openOrders and /allOrders: a list of queried orders.
/// GET openOrders / allOrders: orders as queried.
base::Result<std::vector<OrderReport>> ParseOrders(const base::JsonView& body);
/// DELETE openOrders: the cancelled orders, each in a cancel's shape.
base::Result<std::vector<OrderReport>> ParseCanceledOrders(const base::JsonView& body);
base::Result<std::vector<TradeReport>> ParseTrades(const base::JsonView& body);
/// Binance's status word, mapped.
OrderStatus MapOrderStatus(std::string_view word);

}  // namespace amanah::exchange::binance
