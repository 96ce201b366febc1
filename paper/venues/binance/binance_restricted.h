// The non-spot Binance endpoints (margin, futures, withdrawal, transfer): handlers for the route
// table, each behind the permission a spot-only key lacks.
#pragma once

#include "venues/binance/binance_request.h"

namespace amanah::paper::binance {

Answer<boost::json::value> MarginAccount(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> MarginOrder(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> FuturesAccount(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> FuturesPositionRisk(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> Withdraw(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> UniversalTransfer(Exchange& exchange, BinanceRequest& request);

}  // namespace amanah::paper::binance
