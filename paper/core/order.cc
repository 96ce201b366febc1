#include "core/order.h"

#include "core/api_key.h"

namespace amanah::paper {

std::string_view SideName(Side side) { return side == Side::kBuy ? "BUY" : "SELL"; }

std::string_view OrderTypeName(OrderType type) {
  switch (type) {
    case OrderType::kLimit:
      return "LIMIT";
    case OrderType::kMarket:
      return "MARKET";
    case OrderType::kLimitMaker:
      return "LIMIT_MAKER";
    case OrderType::kStopLossLimit:
      return "STOP_LOSS_LIMIT";
    case OrderType::kTakeProfitLimit:
      return "TAKE_PROFIT_LIMIT";
  }
  return "?";
}

std::string_view TimeInForceName(TimeInForce tif) {
  switch (tif) {
    case TimeInForce::kGtc:
      return "GTC";
    case TimeInForce::kIoc:
      return "IOC";
    case TimeInForce::kFok:
      return "FOK";
  }
  return "?";
}

std::string_view OrderStatusName(OrderStatus status) {
  switch (status) {
    case OrderStatus::kNew:
      return "NEW";
    case OrderStatus::kPartiallyFilled:
      return "PARTIALLY_FILLED";
    case OrderStatus::kFilled:
      return "FILLED";
    case OrderStatus::kCanceled:
      return "CANCELED";
    case OrderStatus::kRejected:
      return "REJECTED";
    case OrderStatus::kExpired:
      return "EXPIRED";
  }
  return "?";
}

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kHmac:
      return "HMAC";
    case KeyType::kEd25519:
      return "ED25519";
    case KeyType::kRsa:
      return "RSA";
  }
  return "?";
}

}  // namespace amanah::paper
