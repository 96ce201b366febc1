// Binance's signed account and spot order endpoints: the handlers the route table points at, and
// the new-order parser the margin order endpoint shares.
#pragma once

#include <optional>

#include "core/order.h"
#include "venues/binance/binance_json.h"
#include "venues/binance/binance_request.h"

namespace amanah::paper::binance {

struct ParsedOrder {
  NewOrder order;
  std::optional<RespType> resp_type;
};

/// The new-order parameters of POST /api/v3/order (and /order/test, /sapi/v1/margin/order).
Answer<ParsedOrder> ParseNewOrder(Exchange& exchange, BinanceRequest& request);

Answer<boost::json::value> AccountInfo(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> ApiRestrictions(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> PlaceOrder(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> TestOrder(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> QueryOrder(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> CancelOrder(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> OpenOrders(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> CancelOpenOrders(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> AllOrders(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> MyTrades(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> RateLimitOrder(Exchange& exchange, BinanceRequest& request);

}  // namespace amanah::paper::binance
