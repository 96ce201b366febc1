// OrderOf: an exchange::OrderRequest on BTCUSDT for a test, from decimal literals (the oracle
// tests build the same orders for every exchange).
#pragma once

#include <optional>
#include <string>

#include "base/decimal.h"
#include "exchange/order.h"

namespace amanah::testing {

inline exchange::OrderRequest OrderOf(exchange::Side side, exchange::OrderType type,
                                      std::string qty, std::optional<std::string> price,
                                      std::string id,
                                      exchange::TimeInForce tif = exchange::TimeInForce::kGtc) {
  exchange::OrderRequest o;
  o.symbol = "BTCUSDT";
  o.side = side;
  o.type = type;
  o.tif = tif;
  o.quantity = base::Decimal::Parse(qty).value();
  if (price) o.price = base::Decimal::Parse(*price).value();
  o.client_order_id = std::move(id);
  return o;
}

}  // namespace amanah::testing
