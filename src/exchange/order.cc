#include "exchange/order.h"

#include <utility>

namespace amanah::exchange {

std::string_view SideName(Side s) { return s == Side::kBuy ? "buy" : "sell"; }

std::string_view OrderTypeName(OrderType t) {
  switch (t) {
    case OrderType::kLimit:
      return "limit";
    case OrderType::kMarket:
      return "market";
    case OrderType::kLimitMaker:
      return "limit_maker";
    case OrderType::kStopLossLimit:
      return "stop_loss_limit";
    case OrderType::kTakeProfitLimit:
      return "take_profit_limit";
  }
  return "?";
}

std::string_view TimeInForceName(TimeInForce t) {
  switch (t) {
    case TimeInForce::kGtc:
      return "gtc";
    case TimeInForce::kIoc:
      return "ioc";
    case TimeInForce::kFok:
      return "fok";
  }
  return "?";
}

std::optional<Side> ParseSide(std::string_view name) {
  if (name == "buy") return Side::kBuy;
  if (name == "sell") return Side::kSell;
  return std::nullopt;
}

std::optional<OrderType> ParseOrderType(std::string_view name) {
  for (OrderType t : {OrderType::kLimit, OrderType::kMarket, OrderType::kLimitMaker,
                      OrderType::kStopLossLimit, OrderType::kTakeProfitLimit}) {
    if (OrderTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::optional<TimeInForce> ParseTimeInForce(std::string_view name) {
  for (TimeInForce t : {TimeInForce::kGtc, TimeInForce::kIoc, TimeInForce::kFok}) {
    if (TimeInForceName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view OrderStatusName(OrderStatus s) {
  switch (s) {
    case OrderStatus::kNew:
      return "new";
    case OrderStatus::kPartiallyFilled:
      return "partially_filled";
    case OrderStatus::kFilled:
      return "filled";
    case OrderStatus::kCanceled:
      return "canceled";
    case OrderStatus::kRejected:
      return "rejected";
    case OrderStatus::kExpired:
      return "expired";
    case OrderStatus::kPendingCancel:
      return "pending_cancel";
    case OrderStatus::kUnknown:
      return "unknown";
  }
  return "?";
}

bool IsFinal(OrderStatus s) {
  return s == OrderStatus::kFilled || s == OrderStatus::kCanceled || s == OrderStatus::kRejected ||
         s == OrderStatus::kExpired;
}

OrderReport AcknowledgedReport(const OrderRequest& order, std::string order_id,
                               std::string client_order_id, std::string exchange_status,
                               int64_t time_ms) {
  OrderReport accepted;
  accepted.symbol = order.symbol;
  accepted.order_id = std::move(order_id);
  accepted.client_order_id = std::move(client_order_id);
  accepted.side = order.side;
  accepted.status = OrderStatus::kNew;
  accepted.exchange_status = std::move(exchange_status);
  if (order.price) accepted.price = *order.price;
  if (order.quantity) accepted.orig_qty = *order.quantity;
  accepted.time_ms = time_ms;
  return accepted;
}

}  // namespace amanah::exchange
