// Readers of OKX v5's response bodies (the `data` of the envelope OkxDialect has already checked)
// into the neutral types, strictly with the checked JSON reader: every field Amanah uses must be
// there with its type, so a dropped or retyped field is an error that names it. OKX writes
// numbers as decimal strings ("" where a value does not apply) and times as millisecond strings;
// both are parsed exactly. Pure functions; the shape tests call them on the reference fixtures.
#pragma once

#include <string>
#include <vector>

#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/account_state.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange::okx {

/// GET /api/v5/system/status: not normal while a maintenance is ongoing (or pre-opening) on the
/// trading service or the whole system; scheduled, completed and cancelled ones are ignored.
base::Result<SystemStatus> ParseSystemStatus(const base::JsonView& body);
/// GET /api/v5/public/instruments?instType=SPOT.
base::Result<std::vector<SymbolInfo>> ParseInstruments(const base::JsonView& body);
/// GET /api/v5/account/balance: non-zero currencies, free = availBal, locked = frozenBal.
base::Result<std::vector<Balance>> ParseBalance(const base::JsonView& body);

/// The key's and the account's configuration (GET /api/v5/account/config): the neutral report
/// (perm, ip, and — OKX's trade permission reaching as far as the account mode lets it —
/// derivatives and margin when the account is not in Spot mode), and the account's state.
struct ConfigInfo {
  PermissionReport report;
  std::string uid;
  std::string
      account_level;  ///< acctLv: "1" Spot mode, "2" Futures, "3" Multi-currency, "4" Portfolio
  bool spot_borrow = false;  ///< enableSpotBorrow
  bool auto_loan = false;    ///< autoLoan
};
base::Result<ConfigInfo> ParseConfig(const base::JsonView& body);
/// What the configuration says of the account: its id, its mode, and whether it may borrow
/// (outside Spot mode, or with spot borrowing on) or borrows on its own (auto-loan).
void ApplyConfig(const ConfigInfo& config, AccountState& state);
/// The account mode's words: "Spot mode", "Futures mode", …
std::string AccountLevelName(std::string_view acct_lv);

/// GET /api/v5/account/balance: each currency's liabilities (liab, crossLiab, isoLiab) and
/// accrued interest.
base::Result<void> ParseDebts(const base::JsonView& body, AccountState& state);
/// GET /api/v5/account/positions: every position with a non-zero size.
base::Result<void> ParsePositions(const base::JsonView& body, AccountState& state);

/// The ids an order placement or cancel acknowledges (data[0]).
struct OrderAck {
  std::string order_id;
  std::string client_order_id;
};
base::Result<OrderAck> ParseOrderAck(const base::JsonView& body);
/// GET /api/v5/trade/order, /orders-pending, /orders-history: data[].
base::Result<std::vector<OrderReport>> ParseOrders(const base::JsonView& body);
/// GET /api/v5/trade/fills: data[].
base::Result<std::vector<TradeReport>> ParseFills(const base::JsonView& body);
/// GET /api/v5/market/ticker: last and volCcy24h (the quote volume, for SPOT).
base::Result<Ticker> ParseTicker(const base::JsonView& body);
/// GET /api/v5/market/candles: [[ts, o, h, l, c, …], …] newest first; returned oldest first.
base::Result<std::vector<Candle>> ParseCandles(const base::JsonView& body);
/// OKX's order state word, mapped.
OrderStatus MapOrderState(std::string_view word);

}  // namespace amanah::exchange::okx
