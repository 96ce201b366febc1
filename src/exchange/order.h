// Orders in neutral terms: what Amanah asks an exchange to do (OrderRequest) and what the exchange
// says happened (OrderReport, TradeReport), with the status mapped from the exchange's own word
// onto OrderStatus while keeping that word. Values; decimals exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/decimal.h"

namespace amanah::exchange {

enum class Side { kBuy, kSell };
/// Stop-loss and take-profit limit orders are contingent: they wait on the exchange until their
/// trigger price is reached (or, trailing, the price turns back by their delta) and then work as
/// a LIMIT order at their price — protection a spot holder sets, nothing borrowed.
enum class OrderType { kLimit, kMarket, kLimitMaker, kStopLossLimit, kTakeProfitLimit };
inline bool IsContingent(OrderType t) {
  return t == OrderType::kStopLossLimit || t == OrderType::kTakeProfitLimit;
}
/// Whether contingent type `t` on `side` waits for the price to rise to its trigger (stop-loss
/// buys, take-profit sells) rather than to fall.
inline bool TriggersOnRise(OrderType t, Side side) {
  return (t == OrderType::kStopLossLimit) == (side == Side::kBuy);
}
enum class TimeInForce { kGtc, kIoc, kFok };

std::string_view SideName(Side s);  ///< "buy", "sell"
/// "limit", "market", "limit_maker", "stop_loss_limit", "take_profit_limit"
std::string_view OrderTypeName(OrderType t);
std::string_view TimeInForceName(TimeInForce t);  ///< "gtc", "ioc", "fok"
std::optional<Side> ParseSide(std::string_view name);
std::optional<OrderType> ParseOrderType(std::string_view name);
std::optional<TimeInForce> ParseTimeInForce(std::string_view name);

/// Where an order stands on the exchange.
enum class OrderStatus {
  kNew,              ///< accepted, resting, nothing filled
  kPartiallyFilled,  ///< resting, part filled
  kFilled,
  kCanceled,  ///< by us or the exchange, possibly after partial fills
  kRejected,
  kExpired,  ///< IOC/FOK remainder, or expired by the exchange's rules
  kPendingCancel,
  kUnknown,  ///< a word this adapter does not know (kept in exchange_status)
};
std::string_view OrderStatusName(OrderStatus s);
/// Whether nothing more can happen to an order in this status.
bool IsFinal(OrderStatus s);

struct OrderRequest {
  std::string symbol;
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kGtc;
  std::optional<base::Decimal> quantity;
  std::optional<base::Decimal> quote_quantity;  ///< MARKET only
  std::optional<base::Decimal> price;
  std::optional<base::Decimal> trigger_price;  ///< contingent types: the stop (or activation)
  std::optional<int64_t> trailing_bips;        ///< contingent types: trailing delta, BIPS
  std::string client_order_id;  ///< required: orders are settled by it when an answer is lost
};

struct OrderReport {
  std::string symbol;
  std::string order_id;
  std::string client_order_id;
  Side side = Side::kBuy;
  OrderStatus status = OrderStatus::kUnknown;
  std::string exchange_status;  ///< the exchange's own word (NEW, FILLED, …)
  base::Decimal price, orig_qty, executed_qty, cumulative_quote;
  int64_t time_ms = 0;
};

/// What an exchange that only acknowledges an order (Bybit, OKX) is known to hold when the
/// follow-up query fails: the order as sent, NEW, with the ids of the acknowledgement.
OrderReport AcknowledgedReport(const OrderRequest& order, std::string order_id,
                               std::string client_order_id, std::string exchange_status,
                               int64_t time_ms);

struct TradeReport {
  std::string symbol, trade_id, order_id;
  base::Decimal price, qty, quote_qty, commission;
  std::string commission_asset;
  int64_t time_ms = 0;
  bool is_buyer = false;
};

}  // namespace amanah::exchange
