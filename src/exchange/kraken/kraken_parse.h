// Readers of Kraken spot's response bodies (the `result` of the envelope KrakenDialect has already
// checked) into the neutral types, strictly with the checked JSON reader: every field Amanah uses
// must be there with its type, so a dropped or retyped field is an error that names it. Kraken
// writes amounts as decimal strings; where an example writes a JSON number instead (BalanceEx's
// documented example does), the number's shortest round-trip text is taken — the digits as sent
// whenever they are 15 significant digits or fewer — and a number needing more is refused. Times
// are seconds with a fraction (1688665496.7808), kept to the millisecond. Kraken names assets
// its own way (XXBT, ZUSD, XDG): Assets' altnames and two renames (XBT → BTC, XDG → DOGE, as
// Kraken's own site shows them) give the neutral names. Pure functions; the shape tests call them
// on the reference fixtures.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/account_state.h"
#include "exchange/market_data.h"
#include "exchange/order.h"
#include "exchange/permission_report.h"

namespace amanah::exchange::kraken {

/// A decimal sent as a string, or as a JSON number of at most 15 significant digits.
base::Result<base::Decimal> AmountOf(const base::JsonView& object, std::string_view name);
/// Seconds with a fraction (a JSON number, or a string of one), as milliseconds.
base::Result<int64_t> SecondsAsMillis(const base::JsonView& object, std::string_view name);

/// The neutral name of an asset's altname: XBT → BTC, XDG → DOGE, others as they are.
std::string NeutralAsset(std::string_view altname);

/// GET /0/public/Assets: Kraken's asset id (XXBT) → its neutral name (BTC).
base::Result<std::map<std::string, std::string>> ParseAssets(const base::JsonView& result);

/// A pair as Amanah names it (Kraken's altname, "XBTUSD") with Kraken's own id ("XXBTZUSD").
struct PairNames {
  std::string id;       ///< XXBTZUSD: what TradesHistory and OHLC key by
  std::string altname;  ///< XBTUSD: Amanah's symbol, what orders are placed on
};
/// GET /0/public/AssetPairs: spot currency pairs, symbol = altname; `assets` names base and quote.
base::Result<std::vector<SymbolInfo>> ParseAssetPairs(
    const base::JsonView& result, const std::map<std::string, std::string>& assets,
    std::vector<PairNames>* names = nullptr);

/// GET /0/public/SystemStatus: normal only when `status` is "online".
base::Result<SystemStatus> ParseSystemStatus(const base::JsonView& result);

/// POST /0/private/BalanceEx: non-zero balances, free = balance − hold_trade, locked = hold_trade;
/// `assets` names them (an id it lacks keeps Kraken's name). Credit used (VIP credit lines) is a
/// loan: it goes into `debts` when given.
base::Result<std::vector<Balance>> ParseBalanceEx(const base::JsonView& result,
                                                  const std::map<std::string, std::string>& assets,
                                                  std::vector<Debt>* debts = nullptr);

/// POST /0/private/GetApiKeyInfo: the key's permissions, allow-list and validity.
struct KeyInfo {
  PermissionReport report;
  std::string name;                      ///< apiKeyName
  std::string iban;                      ///< Kraken's public account id ("AA11 N84G …"), if given
  std::vector<std::string> permissions;  ///< as Kraken wrote them
};
base::Result<KeyInfo> ParseApiKeyInfo(const base::JsonView& result);
/// Kraken's permission name, written either way it spells them ("query-funds", "funds_query"),
/// applied to the report; false when the name is not one Amanah knows.
bool ApplyPermission(std::string_view name, PermissionReport& report);
/// What every Kraken spot key is structurally kept from, whatever its permissions (see the
/// driver's notes): futures (a separate API and key), options, leveraged tokens, portfolio
/// margin; margin orders and wallet transfers are refused by the signer.
void ApplyStructuralLimits(PermissionReport& report);

/// POST /0/private/TradeBalance: margin in use (`m`) is a liability of the account.
base::Result<void> ParseTradeBalance(const base::JsonView& result, AccountState& state);
/// POST /0/private/OpenPositions: every open margin position.
base::Result<void> ParseOpenPositions(const base::JsonView& result, AccountState& state);

/// POST /0/private/AddOrder: the txid it acknowledges.
base::Result<std::string> ParseAddOrder(const base::JsonView& result);
/// An order object of OpenOrders / ClosedOrders / QueryOrders, with its txid.
base::Result<OrderReport> ParseOrder(const std::string& txid, const base::JsonView& order);
/// POST /0/private/OpenOrders ({"open": {…}}) or ClosedOrders ({"closed": {…}}), or QueryOrders
/// ({txid: {…}}): `member` is "open", "closed" or "" (the result itself).
base::Result<std::vector<OrderReport>> ParseOrders(const base::JsonView& result,
                                                   std::string_view member);
/// POST /0/private/TradesHistory ({"trades": {…}}) or QueryTrades ({txid: {…}}); `symbols` maps
/// Kraken's pair ids to Amanah's symbols.
base::Result<std::vector<TradeReport>> ParseTrades(
    const base::JsonView& result, std::string_view member,
    const std::map<std::string, std::string>& symbols);
/// GET /0/public/Ticker: last trade (c[0]) and 24 h quote volume (v[1] × p[1]).
base::Result<Ticker> ParseTicker(const base::JsonView& result, const std::string& symbol);
/// GET /0/public/OHLC: [[time s, open, high, low, close, vwap, volume, count], …], oldest first.
base::Result<std::vector<Candle>> ParseOhlc(const base::JsonView& result);

/// Kraken's order status word, with what was executed: pending and open (new or partly filled),
/// closed (filled), canceled, expired.
OrderStatus MapOrderStatus(std::string_view word, const base::Decimal& vol,
                           const base::Decimal& vol_exec);

}  // namespace amanah::exchange::kraken
