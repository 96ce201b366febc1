#include "engine/fact_gathering.h"

#include <chrono>

#include "order/lifecycle.h"

namespace amanah::engine {

namespace net = boost::asio;
using base::Result;

Result<void> GatherStoredFacts(store::Store& store, const store::Connection& c,
                               base::SystemTime now, policy::OrderFacts& facts) {
  const auto day_start = std::chrono::floor<std::chrono::days>(now);
  store::OrderQuery q;
  q.connection = c.id;
  q.since = std::min<base::SystemTime>(day_start, now - std::chrono::minutes(1));
  q.limit = 100000;
  AMANAH_ASSIGN_OR_RETURN(
      auto rows, store.Read([&](store::UnitOfWork& u) { return u.orders().List(c.tenant, q); }));
  facts.orders_last_minute = 0;
  facts.notional_today = base::Decimal();
  store::OrderQuery open;
  open.connection = c.id;
  open.states = {"placed", "partially_filled", "pending", "unknown"};
  open.limit = 100000;
  AMANAH_ASSIGN_OR_RETURN(auto open_rows, store.Read([&](store::UnitOfWork& u) {
    return u.orders().List(c.tenant, open);
  }));
  facts.open_orders_on_symbol = 0;
  for (const auto& row : open_rows) {
    if (row.symbol == facts.intent.symbol) ++facts.open_orders_on_symbol;
  }
  for (const auto& row : rows) {
    auto state = order::ParseState(row.state);
    if (!state || *state == order::State::kRejected || *state == order::State::kIntended) continue;
    if (row.created_at >= now - std::chrono::minutes(1)) ++facts.orders_last_minute;
    if (row.created_at < day_start) continue;
    // What the order committed: its quote amount, else quantity × limit price (market orders by
    // quantity count what they cost).
    std::optional<base::Decimal> notional = row.quote_amount;
    if (!notional && row.quantity && row.limit_price) {
      auto n = row.quantity->Mul(*row.limit_price, base::Rounding::kUp);
      if (n) notional = *n;
    }
    if (!notional && !row.cumulative_quote.IsZero()) notional = row.cumulative_quote;
    if (notional) {
      auto sum = facts.notional_today.Add(*notional);
      if (sum) facts.notional_today = *sum;
    }
  }
  return {};
}

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
  auto balances = co_await ex.Balances();
  if (!balances) co_return balances.error();
  facts.balances = std::move(*balances);
  auto ticker = co_await ex.Ticker24h(facts.intent.symbol);
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
