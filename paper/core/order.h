// Order and Trade: the exchange's record of an order through its life and of each execution, in
// venue-neutral terms. Prices are integer ticks and quantities integer lots of the symbol; quote
// amounts are exact decimals. Owned by Exchange, guarded by its lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/decimal.h"
#include "core/order_book.h"

namespace amanah::paper {

/// STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT are contingent: they wait, funds locked, outside the
/// book until their stop price is reached or, trailing, the price turns back by their delta; then
/// they work as a LIMIT order at their price (Binance's trailing-stop FAQ).
enum class OrderType : uint8_t { kLimit, kMarket, kLimitMaker, kStopLossLimit, kTakeProfitLimit };

inline bool IsContingent(OrderType type) {
  return type == OrderType::kStopLossLimit || type == OrderType::kTakeProfitLimit;
}
enum class TimeInForce : uint8_t { kGtc, kIoc, kFok };
enum class OrderStatus : uint8_t {
  kNew,
  kPartiallyFilled,
  kFilled,
  kCanceled,
  kRejected,
  kExpired
};

std::string_view SideName(Side side);
std::string_view OrderTypeName(OrderType type);
std::string_view TimeInForceName(TimeInForce tif);
std::string_view OrderStatusName(OrderStatus status);

inline bool IsOpen(OrderStatus status) {
  return status == OrderStatus::kNew || status == OrderStatus::kPartiallyFilled;
}

/// An order as a client asks for it, already parsed into the symbol's decimals.
struct NewOrder {
  std::string symbol;
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kGtc;
  std::optional<base::Decimal> quantity;
  std::optional<base::Decimal> quote_order_qty;  ///< MARKET only
  std::optional<base::Decimal> price;
  std::string client_order_id;              ///< empty = generate one
  bool placed_by_admin = false;             ///< a "foreign" order from the admin API
  std::optional<base::Decimal> stop_price;  ///< contingent types: the trigger (or activation)
  int64_t trailing_delta = 0;               ///< contingent types: BIPS, 0 = not trailing
};

struct Order {
  uint64_t id = 0;
  uint64_t account = 0;
  std::string symbol;
  std::string client_order_id;
  Side side = Side::kBuy;
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kGtc;
  int64_t price = 0;     ///< ticks; 0 for MARKET
  int64_t orig_qty = 0;  ///< lots; 0 for a MARKET order by quote quantity until it fills
  int64_t executed = 0;  ///< lots
  base::Decimal cummulative_quote;
  base::Decimal orig_quote_order_qty;
  base::Decimal locked;  ///< what is still reserved for this order (quote for buys, base for sells)
  OrderStatus status = OrderStatus::kNew;
  int64_t time = 0;
  int64_t update_time = 0;
  bool placed_by_admin = false;  ///< a "foreign" order injected by the admin API (for tests)
  // Contingent orders (IsContingent(type)).
  int64_t stop_price = 0;      ///< ticks; 0 = none (a trailing order without activation price)
  int64_t trailing_delta = 0;  ///< BIPS; 0 = not trailing
  bool working = true;         ///< false while a contingent order waits for its trigger
  int64_t extreme = 0;         ///< trailing: best price (ticks) since tracking began; 0 = not yet
  int64_t working_time = 0;    ///< when the order started working (placement or trigger)
};

struct Trade {
  uint64_t id = 0;
  uint64_t account = 0;
  uint64_t order_id = 0;
  std::string symbol;
  int64_t price = 0;  ///< ticks
  int64_t qty = 0;    ///< lots
  base::Decimal quote_qty;
  base::Decimal commission;
  std::string commission_asset;
  int64_t time = 0;
  bool is_buyer = false;
  bool is_maker = false;
};

}  // namespace amanah::paper
