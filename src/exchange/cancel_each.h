// CancelEachOpen: cancel-all written once for the exchanges whose own cancel-all endpoint reaches
// further than Amanah signs (every pair, or a batch path kept off the allow-list: Bybit, OKX,
// Kraken) — the symbol's open orders, cancelled one by one by their client ids. An order that
// closed meanwhile is passed over; so is an open order without a client id (one Amanah cannot
// name: it placed none such). The first other failure ends the pass and is returned.
#pragma once

#include <string>
#include <vector>

#include "exchange/spot_exchange.h"

namespace amanah::exchange {

Task<std::vector<OrderReport>> CancelEachOpen(SpotExchange& exchange, std::string symbol);

}  // namespace amanah::exchange
