#include "venues/bybit/bybit_routes.h"

namespace amanah::paper::bybit {

namespace {

constexpr Route kRoutes[] = {
    {"GET", "/v5/market/time", Need::kNothing, CallKind::kPublic, 0, ServerTime},
    {"GET", "/v5/system/status", Need::kNothing, CallKind::kPublic, 0, SystemStatus},
    {"GET", "/v5/market/instruments-info", Need::kNothing, CallKind::kPublic, 0, Instruments},
    {"GET", "/v5/market/tickers", Need::kNothing, CallKind::kPublic, 0, Tickers},
    {"GET", "/v5/market/orderbook", Need::kNothing, CallKind::kPublic, 0, Orderbook},
    {"GET", "/v5/market/kline", Need::kNothing, CallKind::kPublic, 0, Kline},
    {"GET", "/v5/user/query-api", Need::kAnyKey, CallKind::kRead, 10, QueryApi},
    {"GET", "/v5/account/wallet-balance", Need::kAnyKey, CallKind::kRead, 50, WalletBalance},
    {"GET", "/v5/account/info", Need::kAnyKey, CallKind::kRead, 50, AccountInfo},
    {"GET", "/v5/spot-margin-trade/state", Need::kAnyKey, CallKind::kRead, 50, SpotMarginState},
    {"POST", "/v5/spot-margin-trade/switch-mode", Need::kMarginSwitch, CallKind::kTrade, 5,
     SpotMarginSwitch},
    {"GET", "/v5/position/list", Need::kPositions, CallKind::kRead, 50, PositionList},
    {"POST", "/v5/asset/withdraw/create", Need::kWithdraw, CallKind::kTrade, 5, Withdraw},
    {"POST", "/v5/asset/transfer/inter-transfer", Need::kTransfer, CallKind::kTrade, 5, Transfer},
    {"POST", "/v5/order/create", Need::kSpotTrade, CallKind::kPlaceOrder, 20, CreateOrder},
    {"POST", "/v5/order/cancel", Need::kSpotTrade, CallKind::kTrade, 20, CancelOrder},
    {"GET", "/v5/order/realtime", Need::kAnyKey, CallKind::kRead, 50, OpenOrders},
    {"GET", "/v5/order/history", Need::kAnyKey, CallKind::kRead, 50, OrderHistory},
    {"GET", "/v5/execution/list", Need::kAnyKey, CallKind::kRead, 50, Executions},
};

}  // namespace

const Route* FindRoute(std::string_view method, std::string_view path) {
  for (const Route& r : kRoutes) {
    if (r.method == method && r.path == path) return &r;
  }
  return nullptr;
}

bool ReadWrite(const ApiKey& key) {
  const Permissions& p = key.permissions;
  return p.spot_trade || p.futures || p.options || p.withdraw || p.internal_transfer ||
         p.universal_transfer || p.earn || p.convert || p.block_trade || p.fiat;
}

bool Permitted(const ApiKey& key, Need need) {
  const Permissions& p = key.permissions;
  switch (need) {
    case Need::kNothing:
    case Need::kAnyKey:
      return true;
    case Need::kSpotTrade:
    case Need::kMarginSwitch:
      return p.spot_trade;
    case Need::kPositions:
      return p.futures || p.options;
    case Need::kWithdraw:
      return p.withdraw;
    case Need::kTransfer:
      return p.universal_transfer || p.internal_transfer;
  }
  return false;
}

}  // namespace amanah::paper::bybit
