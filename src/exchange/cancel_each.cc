#include "exchange/cancel_each.h"

namespace amanah::exchange {

Task<std::vector<OrderReport>> CancelEachOpen(SpotExchange& exchange, std::string symbol) {
  auto open = co_await exchange.OpenOrders(symbol);
  if (!open) co_return open.error();
  std::vector<OrderReport> out;
  for (const OrderReport& o : *open) {
    if (o.client_order_id.empty()) continue;
    auto cancelled = co_await exchange.CancelOrder(symbol, o.client_order_id);
    if (!cancelled) {
      if (FailureOf(cancelled.error()) == Failure::kNotFound) continue;  // it closed meanwhile
      co_return cancelled.error();
    }
    out.push_back(std::move(*cancelled));
  }
  co_return out;
}

}  // namespace amanah::exchange
