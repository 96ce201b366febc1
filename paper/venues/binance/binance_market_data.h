// Binance's public market data endpoints: the handlers the route table (binance_routes.cc)
// points at. Each reads its parameters from the request and answers Binance's JSON.
#pragma once

#include "venues/binance/binance_request.h"

namespace amanah::paper::binance {

Answer<boost::json::value> Ping(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> Time(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> ExchangeInfo(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> Depth(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> TickerPrice(Exchange& exchange, BinanceRequest& request);
/// GET /api/v3/ticker/24hr (FULL): the rolling 24 h window over the path's steps; quoteVolume adds
/// the scenario's crowd volume to the clients' own.
Answer<boost::json::value> Ticker24hr(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> BookTicker(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> Klines(Exchange& exchange, BinanceRequest& request);
Answer<boost::json::value> SystemStatus(Exchange& exchange, BinanceRequest& request);

}  // namespace amanah::paper::binance
