#include "venues/kraken/kraken_routes.h"

namespace amanah::paper::kraken {

namespace {

constexpr Route kRoutes[] = {
    {"GET", "/0/public/Time", Need::kPublic, CallKind::kPublic, 0, ServerTime},
    {"GET", "/0/public/SystemStatus", Need::kPublic, CallKind::kPublic, 0, SystemStatus},
    {"GET", "/0/public/Assets", Need::kPublic, CallKind::kPublic, 0, Assets},
    {"GET", "/0/public/AssetPairs", Need::kPublic, CallKind::kPublic, 0, AssetPairs},
    {"GET", "/0/public/Ticker", Need::kPublic, CallKind::kPublic, 0, Ticker},
    {"GET", "/0/public/Depth", Need::kPublic, CallKind::kPublic, 0, Depth},
    {"GET", "/0/public/OHLC", Need::kPublic, CallKind::kPublic, 0, Ohlc},
    {"POST", "/0/private/Balance", Need::kQueryFunds, CallKind::kRead, 1, BalanceOf},
    {"POST", "/0/private/BalanceEx", Need::kQueryFunds, CallKind::kRead, 1, BalanceEx},
    {"POST", "/0/private/TradeBalance", Need::kQueryFunds, CallKind::kRead, 1, TradeBalance},
    {"POST", "/0/private/OpenPositions", Need::kQueryOrders, CallKind::kRead, 1, OpenPositions},
    {"POST", "/0/private/GetApiKeyInfo", Need::kAnyKey, CallKind::kRead, 1, ApiKeyInfo},
    {"POST", "/0/private/WithdrawMethods", Need::kWithdraw, CallKind::kRead, 1, WithdrawMethods},
    {"POST", "/0/private/DepositMethods", Need::kDeposit, CallKind::kRead, 1, DepositMethods},
    // Kraken lets Query Funds move funds between the spot and futures wallets (kraken.md §2).
    {"POST", "/0/private/WalletTransfer", Need::kQueryFunds, CallKind::kTrade, 1, WalletTransfer},
    {"POST", "/0/private/AddOrder", Need::kModify, CallKind::kPlaceOrder, 0, AddOrder},
    {"POST", "/0/private/CancelOrder", Need::kCancel, CallKind::kTrade, 0, CancelOrder},
    {"POST", "/0/private/CancelAll", Need::kCancel, CallKind::kTrade, 0, CancelAll},
    {"POST", "/0/private/OpenOrders", Need::kQueryOrders, CallKind::kRead, 1, OpenOrders},
    {"POST", "/0/private/ClosedOrders", Need::kQueryOrders, CallKind::kRead, 2, ClosedOrders},
    {"POST", "/0/private/QueryOrders", Need::kQueryOrders, CallKind::kRead, 1, QueryOrders},
    {"POST", "/0/private/TradesHistory", Need::kQueryOrders, CallKind::kRead, 2, TradesHistory},
    {"POST", "/0/private/QueryTrades", Need::kQueryOrders, CallKind::kRead, 1, QueryTrades},
};

}  // namespace

const Route* FindRoute(std::string_view method, std::string_view path) {
  // Kraken answers its public methods by POST too (kraken-api sends every call so).
  const std::string_view as = method == "POST" && path.starts_with("/0/public/") ? "GET" : method;
  for (const Route& r : kRoutes) {
    if (r.method == as && r.path == path) return &r;
  }
  return nullptr;
}

bool Permitted(const ApiKey& key, Need need) {
  const Permissions& p = key.permissions;
  switch (need) {
    case Need::kPublic:
    case Need::kAnyKey:
      return true;
    case Need::kQueryFunds:
    case Need::kQueryOrders:
      return p.read;
    case Need::kModify:
    case Need::kCancel:
      return p.spot_trade;
    case Need::kWithdraw:
      return p.read && p.withdraw;
    case Need::kDeposit:
      return p.read && p.deposit;
  }
  return false;
}

std::vector<std::string> KeyPermissionNames(const ApiKey& key) {
  // The first four are GetApiKeyInfo's documented example; the others follow their pattern.
  const Permissions& p = key.permissions;
  std::vector<std::string> out;
  if (p.read) out.push_back("query-funds");
  if (p.deposit) out.push_back("deposit-funds");
  if (p.withdraw) out.push_back("withdraw-funds");
  if (p.earn) out.push_back("earn-funds");
  if (p.read) {
    out.push_back("query-open-trades");
    out.push_back("query-closed-trades");
  }
  if (p.spot_trade) {
    out.push_back("modify-trades");
    out.push_back("cancel-close-trades");
  }
  if (p.read) out.push_back("query-ledger");
  return out;
}

}  // namespace amanah::paper::kraken
