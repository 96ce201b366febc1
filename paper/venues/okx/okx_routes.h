// OKX v5's route table on the paper exchange: for each method and path, whether it is signed, the
// permission the key needs (OKX's Read, Trade, Withdraw), what the call does (for the shared
// stage), its limit per 2 seconds as OKX documents it (okx.md §2–§9; per IP for public data, per
// user otherwise), and its handler. The handlers are in okx_market_data.cc, okx_account.cc and
// okx_trading.cc.
#pragma once

#include <cstdint>
#include <string_view>

#include "venues/okx/okx_request.h"
#include "venues/venue.h"

namespace amanah::paper::okx {

/// What a key needs for an endpoint, in OKX's permissions.
enum class Need {
  kNothing,   ///< public
  kRead,      ///< Read: every key
  kTrade,     ///< Trade
  kWithdraw,  ///< Withdraw
};

struct Route {
  std::string_view method;
  std::string_view path;
  Need need;
  CallKind kind;
  int64_t per_2s;  ///< per IP (public) or per user
  OkxHandler handler;
};

/// The route for `method path`, or nullptr (answered 404).
const Route* FindRoute(std::string_view method, std::string_view path);
/// Whether `key` holds what `need` asks.
bool Permitted(const ApiKey& key, Need need);
/// OKX's `perm` of a key: "read_only", with ",withdraw" and ",trade" as it holds them.
std::string PermText(const ApiKey& key);
/// The account mode the key's account trades in ("1" Spot … "4" Portfolio margin): on OKX what a
/// Trade key reaches beyond spot is the account mode, so the neutral permissions say it.
std::string AccountLevel(const ApiKey& key);

// Handlers.
OkxReply ServerTime(Exchange&, OkxRequest&);
OkxReply SystemStatus(Exchange&, OkxRequest&);
OkxReply Instruments(Exchange&, OkxRequest&);
OkxReply Ticker(Exchange&, OkxRequest&);
OkxReply Tickers(Exchange&, OkxRequest&);
OkxReply Books(Exchange&, OkxRequest&);
OkxReply Candles(Exchange&, OkxRequest&);
OkxReply AccountConfig(Exchange&, OkxRequest&);
OkxReply AccountBalance(Exchange&, OkxRequest&);
OkxReply Positions(Exchange&, OkxRequest&);
OkxReply AssetBalances(Exchange&, OkxRequest&);
OkxReply Transfer(Exchange&, OkxRequest&);
OkxReply Withdrawal(Exchange&, OkxRequest&);
OkxReply PlaceOrder(Exchange&, OkxRequest&);
OkxReply BatchOrders(Exchange&, OkxRequest&);
OkxReply CancelOrder(Exchange&, OkxRequest&);
OkxReply OrderDetails(Exchange&, OkxRequest&);
OkxReply OrdersPending(Exchange&, OkxRequest&);
OkxReply OrdersHistory(Exchange&, OkxRequest&);
OkxReply Fills(Exchange&, OkxRequest&);

}  // namespace amanah::paper::okx
