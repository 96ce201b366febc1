#include "venues/binance/binance_routes.h"

#include "venues/binance/binance_market_data.h"
#include "venues/binance/binance_restricted.h"
#include "venues/binance/binance_trading.h"

namespace amanah::paper::binance {

namespace {

int64_t W1(const BinanceParams&) { return 1; }
int64_t W2Or4(const BinanceParams& p) { return p.Has("symbol") || p.Has("symbols") ? 2 : 4; }
int64_t W4(const BinanceParams&) { return 4; }
int64_t W2Or80(const BinanceParams& p) { return p.Has("symbol") ? 2 : 80; }
int64_t W10(const BinanceParams&) { return 10; }
int64_t W20(const BinanceParams&) { return 20; }
int64_t W40(const BinanceParams&) { return 40; }
int64_t WOpenOrders(const BinanceParams& p) { return p.Has("symbol") ? 6 : 80; }
int64_t WMyTrades(const BinanceParams& p) { return p.Has("orderId") ? 5 : 20; }
int64_t WDepth(const BinanceParams& p) {
  int64_t limit = 100;
  if (auto text = p.Get("limit")) {
    auto parsed = IntParam("limit", *text);  // a bad limit is refused by the handler; weigh it 5
    if (parsed) limit = *parsed;
  }
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

constexpr auto kNone = Security::kNone;
constexpr auto kSigned = Security::kSigned;
constexpr auto kPublic = CallKind::kPublic;
constexpr auto kRead = CallKind::kRead;
constexpr auto kTrade = CallKind::kTrade;
constexpr auto kPlace = CallKind::kPlaceOrder;

constexpr Route kRoutes[] = {
    {"GET", "/api/v3/ping", kNone, Need::kNothing, kPublic, W1, Ping},
    {"GET", "/api/v3/time", kNone, Need::kNothing, kPublic, W1, Time},
    {"GET", "/api/v3/exchangeInfo", kNone, Need::kNothing, kPublic, W20, ExchangeInfo},
    {"GET", "/api/v3/depth", kNone, Need::kNothing, kPublic, WDepth, Depth},
    {"GET", "/api/v3/ticker/price", kNone, Need::kNothing, kPublic, W2Or4, TickerPrice},
    {"GET", "/api/v3/ticker/24hr", kNone, Need::kNothing, kPublic, W2Or80, Ticker24hr},
    {"GET", "/api/v3/ticker/bookTicker", kNone, Need::kNothing, kPublic, W2Or4, BookTicker},
    {"GET", "/api/v3/klines", kNone, Need::kNothing, kPublic, W2Or4, Klines},
    {"GET", "/sapi/v1/system/status", kNone, Need::kNothing, kPublic, W1, SystemStatus},
    {"GET", "/api/v3/account", kSigned, Need::kRead, kRead, W20, AccountInfo},
    {"POST", "/api/v3/order", kSigned, Need::kTrade, kPlace, W1, PlaceOrder},
    {"POST", "/api/v3/order/test", kSigned, Need::kTrade, kTrade, W1, TestOrder},
    {"GET", "/api/v3/order", kSigned, Need::kRead, kRead, W4, QueryOrder},
    {"DELETE", "/api/v3/order", kSigned, Need::kTrade, kTrade, W1, CancelOrder},
    {"GET", "/api/v3/openOrders", kSigned, Need::kRead, kRead, WOpenOrders, OpenOrders},
    {"DELETE", "/api/v3/openOrders", kSigned, Need::kTrade, kTrade, W1, CancelOpenOrders},
    {"GET", "/api/v3/allOrders", kSigned, Need::kRead, kRead, W20, AllOrders},
    {"GET", "/api/v3/myTrades", kSigned, Need::kRead, kRead, WMyTrades, MyTrades},
    {"GET", "/api/v3/rateLimit/order", kSigned, Need::kRead, kRead, W40, RateLimitOrder},
    {"GET", "/sapi/v1/account/apiRestrictions", kSigned, Need::kNothing, kRead, W1,
     ApiRestrictions},
    {"GET", "/sapi/v1/margin/account", kSigned, Need::kRead, kRead, W10, MarginAccount},
    {"POST", "/sapi/v1/margin/order", kSigned, Need::kMargin, kPlace, W1, MarginOrder},
    {"GET", "/fapi/v2/account", kSigned, Need::kFutures, kRead, W1, FuturesAccount},
    {"GET", "/fapi/v2/positionRisk", kSigned, Need::kFutures, kRead, W1, FuturesPositionRisk},
    {"POST", "/sapi/v1/capital/withdraw/apply", kSigned, Need::kWithdraw, kTrade, W1, Withdraw},
    {"POST", "/sapi/v1/asset/transfer", kSigned, Need::kUniversalTransfer, kTrade, W1,
     UniversalTransfer},
};

}  // namespace

const Route* FindRoute(std::string_view method, std::string_view path) {
  for (const Route& route : kRoutes) {
    if (route.path == path && route.method == method) return &route;
  }
  return nullptr;
}

}  // namespace amanah::paper::binance
