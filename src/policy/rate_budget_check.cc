#include "policy/rate_budget_check.h"

namespace amanah::policy {

Decision RateBudgetCheck::Decide(OrderFacts& facts) const {
  const RateBudgetFacts& r = facts.rate;
  if (r.weight_limit > 0 && r.weight_used + r.order_weight > r.weight_limit) {
    return Reject{"RATE_BUDGET_EXHAUSTED",
                  "the exchange's request weight for our IP is used up (" +
                      std::to_string(r.weight_used) + " of " + std::to_string(r.weight_limit) +
                      " this minute); the order waits for the next window",
                  "exchange.request_weight", "the exchange's documented rate limits"};
  }
  if (r.orders_limit > 0 && r.orders_used + 1 > r.orders_limit) {
    return Reject{"ORDER_COUNT_EXHAUSTED",
                  "the exchange's order count for this account is used up (" +
                      std::to_string(r.orders_used) + " of " + std::to_string(r.orders_limit) + ")",
                  "exchange.order_count", "the exchange's documented rate limits"};
  }
  return std::nullopt;
}

}  // namespace amanah::policy
