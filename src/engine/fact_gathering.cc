#include "engine/fact_gathering.h"

#include <boost/asio/experimental/awaitable_operators.hpp>

namespace amanah::engine {

namespace net = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;
using base::Result;

net::awaitable<Result<void>> GatherExchangeFacts(exchange::SpotExchange& ex,
                                                 const std::vector<exchange::SymbolInfo>& symbols,
                                                 policy::OrderFacts& facts) {
  facts.symbol.reset();
  for (const auto& s : symbols) {
    if (s.symbol == facts.intent.symbol) {
      facts.symbol = s;
      break;
    }
  }
  if (!facts.symbol) co_return Result<void>();  // SpotSymbol rejects it
  // Both reads at once: the order waits for one round trip, not two.
  auto balances_call = ex.Balances();
  auto ticker_call = ex.Ticker24h(facts.intent.symbol);
  auto [balances, ticker] = co_await (std::move(balances_call) && std::move(ticker_call));
  if (!balances) co_return balances.error();
  facts.balances = std::move(*balances);
  if (ticker) {
    facts.last_price = ticker->last_price;
    facts.quote_volume_24h = ticker->quote_volume_24h;
  }
  const exchange::RequestBudget budget = ex.Budget();
  facts.rate.weight_used = budget.used_weight < 0 ? 0 : budget.used_weight;
  facts.rate.weight_limit = budget.weight_limit;
  facts.rate.order_weight = budget.order_weight;
  co_return Result<void>();
}

policy::ConnectionStanding StandingFacts(const keys::Standing& s) {
  return policy::ConnectionStanding{s.may_trade, s.audit_due, s.reason};
}

}  // namespace amanah::engine
