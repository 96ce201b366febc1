// Readers of Bybit v5's response bodies (the `result` of the envelope BybitDialect has already
// checked) into the neutral types, strictly with the checked JSON reader: every field Amanah uses
// must be there with its type, so a dropped or retyped field is an error that names it. Bybit
// writes numbers as decimal strings and times as millisecond strings; both are parsed exactly.
// Pure functions; the shape tests call them on the official fixtures.
#pragma once

#include <string>
#include <vector>

#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/account_state.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange::bybit {

/// GET /v5/system/status: normal unless an ongoing maintenance covers spot trading.
base::Result<SystemStatus> ParseSystemStatus(const base::JsonView& body);
/// GET /v5/market/instruments-info?category=spot.
base::Result<std::vector<SymbolInfo>> ParseInstruments(const base::JsonView& body);
/// GET /v5/market/tickers?category=spot&symbol=: lastPrice and turnover24h.
base::Result<Ticker> ParseTicker(const base::JsonView& body);
/// GET /v5/market/kline: [[start, open, high, low, close, volume, turnover], …], newest first as
/// Bybit sends them; returned oldest first.
base::Result<std::vector<Candle>> ParseKlines(const base::JsonView& body);
/// GET /v5/account/wallet-balance?accountType=UNIFIED: non-zero coins, free = walletBalance −
/// locked.
base::Result<std::vector<Balance>> ParseWalletBalance(const base::JsonView& body);

/// The key's own view of itself (GET /v5/user/query-api), mapped onto the neutral report, with
/// the Bybit user id it belongs to.
struct KeyInfo {
  PermissionReport report;
  std::string user_id;
};
base::Result<KeyInfo> ParseQueryApi(const base::JsonView& body);

/// GET /v5/account/info: the account mode and margin mode, into `state`.
base::Result<void> ParseAccountInfo(const base::JsonView& body, AccountState& state);
/// GET /v5/spot-margin-trade/state: spot margin on is automatic borrowing.
base::Result<void> ParseSpotMarginState(const base::JsonView& body, AccountState& state);
/// GET /v5/account/wallet-balance: each coin's borrowAmount/spotBorrow and accruedInterest.
base::Result<void> ParseDebts(const base::JsonView& body, AccountState& state);
/// GET /v5/position/list of `category`: every position with a non-zero size.
base::Result<void> ParsePositions(const base::JsonView& body, std::string_view category,
                                  AccountState& state);

/// The ids an order create or cancel acknowledges.
struct OrderAck {
  std::string order_id;
  std::string order_link_id;
};
base::Result<OrderAck> ParseOrderAck(const base::JsonView& body);
/// GET /v5/order/realtime and /v5/order/history: result.list.
base::Result<std::vector<OrderReport>> ParseOrders(const base::JsonView& body);
/// GET /v5/execution/list: result.list, trades only (execType "Trade").
base::Result<std::vector<TradeReport>> ParseExecutions(const base::JsonView& body);
/// The cursor of the next page ("" on the last).
base::Result<std::string> NextCursor(const base::JsonView& body);
/// Bybit's orderStatus word, mapped.
OrderStatus MapOrderStatus(std::string_view word);

}  // namespace amanah::exchange::bybit
