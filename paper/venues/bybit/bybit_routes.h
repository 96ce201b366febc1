// Bybit v5's route table on the paper exchange: for each method and path, whether it is signed,
// the permission the key needs (in Bybit's groups, each mapped onto neutral Permissions), what
// the call does (for the shared stage), its per-account limit per second as Bybit documents it
// (bybit.md §8), and its handler. The handlers are in bybit_market_data.cc, bybit_account.cc
// and bybit_trading.cc.
#pragma once

#include <cstdint>
#include <string_view>

#include "venues/bybit/bybit_request.h"
#include "venues/venue.h"

namespace amanah::paper::bybit {

/// What a key needs for an endpoint, in Bybit's permission groups.
enum class Need {
  kNothing,       ///< public
  kAnyKey,        ///< any valid key ("Any permission can access this endpoint")
  kSpotTrade,     ///< Spot: SpotTrade, on a read-write key
  kPositions,     ///< ContractTrade: Position (or Options) to read positions
  kWithdraw,      ///< Wallet: Withdraw
  kTransfer,      ///< Wallet: AccountTransfer
  kMarginSwitch,  ///< spot margin settings: a read-write key with SpotTrade
};

struct Route {
  std::string_view method;
  std::string_view path;
  Need need;
  CallKind kind;
  int64_t per_second;  ///< per account; 0 = only the IP limit
  BybitHandler handler;
};

/// The route for `method path`, or nullptr (answered 404).
const Route* FindRoute(std::string_view method, std::string_view path);
/// Whether `key` holds what `need` asks.
bool Permitted(const ApiKey& key, Need need);
/// Whether the key can write at all (Bybit's readOnly 0).
bool ReadWrite(const ApiKey& key);

// Handlers.
BybitReply ServerTime(Exchange&, BybitRequest&);
BybitReply SystemStatus(Exchange&, BybitRequest&);
BybitReply Instruments(Exchange&, BybitRequest&);
BybitReply Tickers(Exchange&, BybitRequest&);
BybitReply Orderbook(Exchange&, BybitRequest&);
BybitReply Kline(Exchange&, BybitRequest&);
BybitReply WalletBalance(Exchange&, BybitRequest&);
BybitReply QueryApi(Exchange&, BybitRequest&);
BybitReply AccountInfo(Exchange&, BybitRequest&);
BybitReply SpotMarginState(Exchange&, BybitRequest&);
BybitReply SpotMarginSwitch(Exchange&, BybitRequest&);
BybitReply PositionList(Exchange&, BybitRequest&);
BybitReply Withdraw(Exchange&, BybitRequest&);
BybitReply Transfer(Exchange&, BybitRequest&);
BybitReply CreateOrder(Exchange&, BybitRequest&);
BybitReply CancelOrder(Exchange&, BybitRequest&);
BybitReply OpenOrders(Exchange&, BybitRequest&);
BybitReply OrderHistory(Exchange&, BybitRequest&);
BybitReply Executions(Exchange&, BybitRequest&);

}  // namespace amanah::paper::bybit
