// Gathering an order's facts for the policy (the store's part is ConnectionActivity): the
// symbol's filters, the spot balances and the 24 h ticker from the exchange, and the
// exchange's request budget. Nothing here decides; a fact the exchange would not give is left
// unknown and the check that needs it rejects.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "exchange/spot_exchange.h"
#include "keys/outcomes.h"
#include "policy/order_facts.h"
#include "store/store.h"

namespace amanah::engine {

/// The exchange's part, with the symbol list given (it changes rarely and costs weight). An error
/// when the balances cannot be read; a missing ticker leaves its facts unknown.
boost::asio::awaitable<base::Result<void>> GatherExchangeFacts(
    exchange::SpotExchange& ex, const std::vector<exchange::SymbolInfo>& symbols,
    policy::OrderFacts& facts);

policy::ConnectionStanding StandingFacts(const keys::Standing& standing);

}  // namespace amanah::engine
