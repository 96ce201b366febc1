// Rebalance: the trades that bring one connection's holdings back to a plan's target weights — a
// pure function of the holdings, the prices and each pair's filters, so it is tested on its own.
//
// Every target asset is valued in the plan's quote asset (the quote itself at 1); the portfolio is
// their sum. Inside the band (every |weight − target| ≤ band) nothing trades. Otherwise the asset
// furthest from its target is traded back to it, then the next furthest, until every weight is
// inside the band — so a portfolio with one drifted asset makes one trade, not one per asset. A
// trade below the plan's minimum notional (or the pair's own) is not made. Sells come first and
// sell only what is free; the buys together spend at most the free quote plus what the sells bring
// (less fees and a 1 % margin for the price moving), scaled down if they would spend more — so no
// buy is ever one the Funds check would refuse, and nothing is borrowed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/result.h"
#include "exchange/order.h"
#include "strategy/plan.h"

namespace amanah::strategy {

/// An asset's pair with the plan's quote asset, as the exchange trades it.
struct AssetMarket {
  std::string symbol;  ///< "BTCUSDT"
  base::Decimal price;
  base::Decimal step_size;     ///< 0: any
  base::Decimal min_notional;  ///< 0: none
};

struct RebalanceInput {
  std::map<std::string, base::Decimal> free;   ///< asset → free balance
  std::map<std::string, base::Decimal> total;  ///< asset → free + locked
  std::map<std::string, AssetMarket> markets;  ///< every target asset but the quote
  base::Decimal fee_rate;                      ///< 0.001 = 0.1 %
};

struct RebalanceTrade {
  std::string asset;
  std::string symbol;
  exchange::Side side = exchange::Side::kSell;
  std::optional<base::Decimal> quantity;      ///< sells: base quantity, rounded to the step
  std::optional<base::Decimal> quote_amount;  ///< buys: quote to spend (a market buy by quote)
  base::Decimal notional;                     ///< in the quote asset, at the price used
};

struct RebalanceDecision {
  base::Decimal value;                          ///< the portfolio in the quote asset
  std::map<std::string, base::Decimal> weight;  ///< now, per target asset
  bool inside_band = false;
  std::vector<RebalanceTrade> trades;  ///< sells first
  std::vector<std::string> notes;      ///< trades not made, and why
};

/// kFailedPrecondition if a target asset has no market in `input`.
base::Result<RebalanceDecision> DecideRebalance(const RebalanceSpec& spec,
                                                const RebalanceInput& input);

}  // namespace amanah::strategy
