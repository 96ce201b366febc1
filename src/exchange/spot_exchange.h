// SpotExchange: what Amanah may ask of an exchange, and nothing else — server time, system status,
// symbols with their filters, spot balances, the key's permission report, the account's non-spot
// state, and spot orders (place, cancel, query, open orders, trades). There is no method for
// margin, futures, transfers or withdrawals. Normalised types; decimals parsed once, here.
// Implementations: exchange/binance/. Not thread-safe unless an implementation says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/result.h"

namespace amanah::exchange {

/// A permission the exchange may or may not reveal.
enum class Flag { kOff, kOn, kUnknown };
std::string_view FlagName(Flag f);

struct PermissionReport {
  Flag reading = Flag::kUnknown;
  Flag spot_trading = Flag::kUnknown;  ///< on Binance one flag covers spot *and* margin trading
  Flag margin = Flag::kUnknown;        ///< margin loan, repay and transfer
  Flag futures = Flag::kUnknown;
  Flag options = Flag::kUnknown;
  Flag portfolio_margin = Flag::kUnknown;
  Flag withdrawals = Flag::kUnknown;
  Flag internal_transfer = Flag::kUnknown;
  Flag universal_transfer = Flag::kUnknown;
  std::optional<bool> ip_restricted;
  std::optional<int64_t> created_at_ms;
};

struct MarginDebt {
  std::string asset;
  base::Decimal borrowed;
  base::Decimal interest;
};

struct AccountState {
  std::string account_id;  ///< the exchange's own id (Binance uid)
  bool can_trade = false;
  std::string account_type;
  bool margin_account = false;
  base::Decimal margin_liability_btc;
  std::vector<MarginDebt> margin_debts;
};

struct Balance {
  std::string asset;
  base::Decimal free;
  base::Decimal locked;
};

struct SymbolInfo {
  std::string symbol, base, quote, status;
  std::vector<std::string> permissions;
  bool spot = false;
  base::Decimal tick_size, min_price, max_price, step_size, min_qty, max_qty, min_notional,
      max_notional;
};

enum class Side { kBuy, kSell };
enum class OrderType { kLimit, kMarket, kLimitMaker };
enum class TimeInForce { kGtc, kIoc, kFok };

struct OrderRequest {
  std::string symbol;
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kGtc;
  std::optional<base::Decimal> quantity;
  std::optional<base::Decimal> quote_quantity;  ///< MARKET only
  std::optional<base::Decimal> price;
  std::string client_order_id;  ///< required: orders are settled by it when an answer is lost
};

struct OrderReport {
  std::string symbol;
  std::string order_id;
  std::string client_order_id;
  std::string status;  ///< the exchange's own status word (NEW, FILLED, …)
  base::Decimal price, orig_qty, executed_qty, cumulative_quote;
  int64_t time_ms = 0;
};

struct TradeReport {
  std::string symbol, trade_id, order_id;
  base::Decimal price, qty, quote_qty, commission;
  std::string commission_asset;
  int64_t time_ms = 0;
  bool is_buyer = false;
};

class SpotExchange {
 public:
  virtual ~SpotExchange() = default;
  virtual base::Result<int64_t> ServerTime() = 0;
  /// True when the exchange is in normal operation; an error explains maintenance.
  virtual base::Result<bool> SystemNormal() = 0;
  virtual base::Result<std::vector<SymbolInfo>> Symbols() = 0;
  virtual base::Result<std::vector<Balance>> Balances() = 0;
  virtual base::Result<PermissionReport> Permissions() = 0;
  virtual base::Result<AccountState> Account() = 0;
  virtual base::Result<OrderReport> PlaceOrder(const OrderRequest& order) = 0;
  virtual base::Result<OrderReport> CancelOrder(const std::string& symbol,
                                                const std::string& client_order_id) = 0;
  virtual base::Result<OrderReport> QueryOrder(const std::string& symbol,
                                               const std::string& client_order_id) = 0;
  virtual base::Result<std::vector<OrderReport>> OpenOrders(const std::string& symbol) = 0;
  virtual base::Result<std::vector<TradeReport>> MyTrades(const std::string& symbol) = 0;
};

}  // namespace amanah::exchange
