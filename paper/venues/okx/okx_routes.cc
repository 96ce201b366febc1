#include "venues/okx/okx_routes.h"

namespace amanah::paper::okx {

namespace {

constexpr Route kRoutes[] = {
    {"GET", "/api/v5/public/time", Need::kNothing, CallKind::kPublic, 10, ServerTime},
    {"GET", "/api/v5/system/status", Need::kNothing, CallKind::kPublic, 10, SystemStatus},
    {"GET", "/api/v5/public/instruments", Need::kNothing, CallKind::kPublic, 20, Instruments},
    {"GET", "/api/v5/market/ticker", Need::kNothing, CallKind::kPublic, 20, Ticker},
    {"GET", "/api/v5/market/tickers", Need::kNothing, CallKind::kPublic, 20, Tickers},
    {"GET", "/api/v5/market/books", Need::kNothing, CallKind::kPublic, 40, Books},
    {"GET", "/api/v5/market/candles", Need::kNothing, CallKind::kPublic, 40, Candles},
    {"GET", "/api/v5/market/history-candles", Need::kNothing, CallKind::kPublic, 20, Candles},
    {"GET", "/api/v5/account/config", Need::kRead, CallKind::kRead, 5, AccountConfig},
    {"GET", "/api/v5/account/balance", Need::kRead, CallKind::kRead, 10, AccountBalance},
    {"GET", "/api/v5/account/positions", Need::kRead, CallKind::kRead, 10, Positions},
    {"GET", "/api/v5/asset/balances", Need::kRead, CallKind::kRead, 12, AssetBalances},
    {"POST", "/api/v5/asset/transfer", Need::kTrade, CallKind::kTrade, 2, Transfer},
    {"POST", "/api/v5/asset/withdrawal", Need::kWithdraw, CallKind::kTrade, 12, Withdrawal},
    {"POST", "/api/v5/trade/order", Need::kTrade, CallKind::kPlaceOrder, 60, PlaceOrder},
    {"POST", "/api/v5/trade/batch-orders", Need::kTrade, CallKind::kPlaceOrder, 300, BatchOrders},
    {"POST", "/api/v5/trade/cancel-order", Need::kTrade, CallKind::kTrade, 60, CancelOrder},
    {"GET", "/api/v5/trade/order", Need::kRead, CallKind::kRead, 60, OrderDetails},
    {"GET", "/api/v5/trade/orders-pending", Need::kRead, CallKind::kRead, 60, OrdersPending},
    {"GET", "/api/v5/trade/orders-history", Need::kRead, CallKind::kRead, 40, OrdersHistory},
    {"GET", "/api/v5/trade/fills", Need::kRead, CallKind::kRead, 60, Fills},
    {"GET", "/api/v5/trade/fills-history", Need::kRead, CallKind::kRead, 10, Fills},
};

}  // namespace

const Route* FindRoute(std::string_view method, std::string_view path) {
  for (const Route& r : kRoutes) {
    if (r.method == method && r.path == path) return &r;
  }
  return nullptr;
}

bool Permitted(const ApiKey& key, Need need) {
  const Permissions& p = key.permissions;
  switch (need) {
    case Need::kNothing:
    case Need::kRead:
      return true;
    case Need::kTrade:
      return p.spot_trade;
    case Need::kWithdraw:
      return p.withdraw;
  }
  return false;
}

std::string PermText(const ApiKey& key) {
  std::string out = "read_only";
  if (key.permissions.withdraw) out += ",withdraw";
  if (key.permissions.spot_trade) out += ",trade";
  return out;
}

std::string AccountLevel(const ApiKey& key) {
  const Permissions& p = key.permissions;
  if (p.portfolio_margin) return "4";
  if (p.margin) return "3";
  if (p.futures || p.options) return "2";
  return "1";
}

}  // namespace amanah::paper::okx
