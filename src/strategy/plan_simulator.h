// PlanSimulator: `amanah plan simulate` and POST /api/v1/plans/{id}/simulate — a stored plan run
// over a price history (simulation.h): the prices given (a klines CSV), else the hourly candles of
// the plan's pairs on its connection's exchange (on the paper exchange, its price path), with each
// pair's lot from the exchange; a rebalance starts from the holdings given, else the connection's
// balances now. Reads only: nothing is placed.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "base/json_reader.h"
#include "keys/key_service.h"
#include "strategy/plan_service.h"
#include "strategy/simulation.h"

namespace amanah::strategy {

struct SimulationRequest {
  store::TenantId tenant;
  std::string plan;  ///< name or id
  base::SystemTime from;
  base::SystemTime to;
  std::map<std::string, PriceSeries> prices;   ///< per base asset; empty: the exchange's
  std::map<std::string, base::Decimal> start;  ///< empty: the connection's balances (rebalance)
};

/// The request from its JSON (the API's body; the CLI builds the same):
///   {"from": "2026-01-01", "to": "2026-03-01T00:00:00Z",
///    "prices": {"BTC": "<klines CSV text>"}, "start": {"BTC": "0.5", "USDT": "1000"}}
/// kInvalidArgument naming what is wrong.
base::Result<SimulationRequest> ParseSimulationRequest(const base::JsonView& body,
                                                       store::TenantId tenant, std::string plan);

class PlanSimulator {
 public:
  struct Deps {
    store::Store& store;
    PlanService& plans;
    keys::KeyService& keys;
    base::Decimal fee_rate;
  };
  explicit PlanSimulator(Deps deps) : d_(deps) {}

  boost::asio::awaitable<base::Result<SimulationResult>> Run(SimulationRequest request);

 private:
  Deps d_;
};

}  // namespace amanah::strategy
