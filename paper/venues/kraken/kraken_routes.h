// Kraken spot's route table on the paper exchange: for each method and path, the permission the
// key needs (Kraken's Query Funds, Query Open/Closed Orders & Trades, Create & Modify Orders,
// Cancel/Close Orders, Withdraw Funds, Deposit Funds — kraken.md §2, §4; GetApiKeyInfo needs
// none), what the call does (for the shared stage), what it costs on Kraken's REST counter (1; 2
// for the history calls; 0 for orders, which count on the trading limiter), and its handler. The
// handlers are in kraken_market_data.cc, kraken_account.cc and kraken_trading.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "venues/kraken/kraken_request.h"
#include "venues/venue.h"

namespace amanah::paper::kraken {

enum class Need {
  kPublic,       ///< no key
  kAnyKey,       ///< a valid key, no permission (GetApiKeyInfo)
  kQueryFunds,   ///< Query Funds
  kQueryOrders,  ///< Query Open Orders & Trades / Query Closed Orders & Trades
  kModify,       ///< Create & Modify Orders
  kCancel,       ///< Cancel/Close Orders (or Create & Modify Orders)
  kWithdraw,     ///< Query Funds and Withdraw Funds
  kDeposit,      ///< Query Funds and Deposit Funds
};

struct Route {
  std::string_view method;
  std::string_view path;
  Need need;
  CallKind kind;
  int64_t cost;  ///< on the REST counter
  KrakenHandler handler;
};

/// The route for `method path` (a public method by GET or POST), or nullptr ("EGeneral:Unknown
/// method").
const Route* FindRoute(std::string_view method, std::string_view path);
bool Permitted(const ApiKey& key, Need need);
/// The key's permissions as GetApiKeyInfo names them ("query-funds", "modify-trades", …).
std::vector<std::string> KeyPermissionNames(const ApiKey& key);

// Handlers.
KrakenReply ServerTime(Exchange&, KrakenRequest&);
KrakenReply SystemStatus(Exchange&, KrakenRequest&);
KrakenReply Assets(Exchange&, KrakenRequest&);
KrakenReply AssetPairs(Exchange&, KrakenRequest&);
KrakenReply Ticker(Exchange&, KrakenRequest&);
KrakenReply Depth(Exchange&, KrakenRequest&);
KrakenReply Ohlc(Exchange&, KrakenRequest&);
KrakenReply BalanceOf(Exchange&, KrakenRequest&);
KrakenReply BalanceEx(Exchange&, KrakenRequest&);
KrakenReply TradeBalance(Exchange&, KrakenRequest&);
KrakenReply OpenPositions(Exchange&, KrakenRequest&);
KrakenReply ApiKeyInfo(Exchange&, KrakenRequest&);
KrakenReply WithdrawMethods(Exchange&, KrakenRequest&);
KrakenReply DepositMethods(Exchange&, KrakenRequest&);
KrakenReply WalletTransfer(Exchange&, KrakenRequest&);
KrakenReply AddOrder(Exchange&, KrakenRequest&);
KrakenReply CancelOrder(Exchange&, KrakenRequest&);
KrakenReply CancelAll(Exchange&, KrakenRequest&);
KrakenReply OpenOrders(Exchange&, KrakenRequest&);
KrakenReply ClosedOrders(Exchange&, KrakenRequest&);
KrakenReply QueryOrders(Exchange&, KrakenRequest&);
KrakenReply TradesHistory(Exchange&, KrakenRequest&);
KrakenReply QueryTrades(Exchange&, KrakenRequest&);

}  // namespace amanah::paper::kraken
