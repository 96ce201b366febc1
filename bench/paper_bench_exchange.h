// PaperBenchExchange: the paper exchange the paper benchmarks run — one deep BTCUSDT market, an
// account whose balances no benchmark can exhaust, a trading HMAC key, Binance limits out of the
// way — with the Binance venue behind the shared stage; and the signed IOC order (buy above the
// market, sell below it, so every order trades and balances stay level) they send.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/clock.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/hmac.h"
#include "venues/binance/binance_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper::bench {

inline constexpr std::string_view kKey =
    "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbenchbench1234";
inline constexpr std::string_view kSecret =
    "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3t1234";

struct PaperBenchExchange {
  /// `volatility_bp` 0 keeps the market still (in-process figures); above 0 it moves.
  PaperBenchExchange(const base::Clock& clock, int volatility_bp)
      : random(7),
        exchange(clock, random),
        venue(exchange),
        stage(exchange, venue),
        admin(exchange, Venues({&venue}), "bench-token-0123456789") {
    boost::json::object scenario = boost::json::parse(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01",
                   "step_size": "0.00001", "min_notional": "5", "start_price": "65000.00",
                   "level_qty": "1000"}],
      "accounts": [{"name": "a", "balances": {"USDT": "100000000000", "BTC": "1000000"}}],
      "keys": [{"account": "a", "permissions": {"read": true, "spot_trade": true}}],
      "limits": {"binance": {"weight_per_minute": 1000000000, "orders_per_10s": 1000000000,
                             "orders_per_day": 1000000000}}})")
                                       .as_object();
    scenario["markets"].as_array()[0].as_object()["volatility_bp"] = volatility_bp;
    auto& key = scenario["keys"].as_array()[0].as_object();
    key["api_key"] = kKey;
    key["secret"] = kSecret;
    auto lock = exchange.Lock();
    if (!admin.Apply(scenario)) std::abort();
    account = exchange.FindAccountByName("a")->uid;
  }

  base::SeededRandom random;
  Exchange exchange;
  binance::BinanceVenue venue;
  VenueStage stage;
  AdminApi admin;
  uint64_t account = 0;
};

/// The signed query of an IOC order of 0.01 BTC at 70000 (buy) or 60000 (sell), valid for 60 s.
inline std::string SignedOrderQuery(bool buy, int64_t now_ms) {
  std::string query =
      std::string("symbol=BTCUSDT&side=") + (buy ? "BUY" : "SELL") +
      "&type=LIMIT&timeInForce=IOC&quantity=0.01000&price=" + (buy ? "70000.00" : "60000.00") +
      "&recvWindow=60000&timestamp=" + std::to_string(now_ms);
  return query +
         "&signature=" + crypto::HmacSha256Hex(crypto::AsBytes(kSecret), crypto::AsBytes(query));
}

}  // namespace amanah::paper::bench
