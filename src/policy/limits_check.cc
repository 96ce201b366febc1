#include "policy/limits_check.h"

#include <algorithm>

namespace amanah::policy {

Decision LimitsCheck::Decide(OrderFacts& facts) const {
  const std::string& symbol = facts.intent.symbol;
  const std::string quote = facts.symbol ? facts.symbol->quote : "";
  // Fail closed: with require_approved_pairs an empty list allows nothing.
  if ((options_.require_approved_pairs || !facts.allowed_pairs.empty()) &&
      std::find(facts.allowed_pairs.begin(), facts.allowed_pairs.end(), symbol) ==
          facts.allowed_pairs.end()) {
    return Reject{"PAIR_NOT_ALLOWED",
                  symbol + " is not among the pairs this connection may trade (" +
                      (facts.allowed_pairs.empty()
                           ? std::string("none is approved yet")
                           : std::to_string(facts.allowed_pairs.size()) + " approved") +
                      "); approve it first: amanah pairs " + facts.intent.connection_label +
                      " allow " + symbol,
                  "policy.allowed_pairs",
                  "the user's per-connection allow-list, so that a stolen login or webhook "
                  "secret cannot buy a coin the user never chose (config [policy] "
                  "require_approved_pairs)"};
  }
  if (options_.max_orders_per_minute > 0 &&
      facts.orders_last_minute >= options_.max_orders_per_minute) {
    return Reject{"ORDER_RATE_LIMIT",
                  "this connection placed " + std::to_string(facts.orders_last_minute) +
                      " orders in the last minute, the limit is " +
                      std::to_string(options_.max_orders_per_minute),
                  "policy.max_orders_per_minute", "config [policy] (operator's limit)"};
  }
  auto notional = NotionalOf(facts);
  if ((options_.max_order_notional || options_.max_daily_notional) && !notional) {
    return Reject{"PRICE_UNKNOWN", "the order's notional cannot be checked without a price",
                  "policy.max_order_notional", "config [policy] (operator's limit)"};
  }
  if (options_.max_order_notional && *notional > *options_.max_order_notional) {
    return Reject{"ORDER_NOTIONAL_LIMIT",
                  "the order is worth " + notional->ToNormalizedString() + " " + quote +
                      ", above the per-order limit of " +
                      options_.max_order_notional->ToNormalizedString(),
                  "policy.max_order_notional", "config [policy] (operator's limit)"};
  }
  if (options_.max_daily_notional) {
    auto total = facts.notional_today.Add(*notional);
    if (!total || *total > *options_.max_daily_notional) {
      return Reject{"DAILY_NOTIONAL_LIMIT",
                    "today's orders would be worth " + (total ? total->ToNormalizedString() : "?") +
                        " " + quote + ", above the daily limit of " +
                        options_.max_daily_notional->ToNormalizedString(),
                    "policy.max_daily_notional", "config [policy] (operator's limit)"};
    }
  }
  if (options_.min_quote_volume_24h) {
    if (!facts.quote_volume_24h || *facts.quote_volume_24h < *options_.min_quote_volume_24h) {
      return Reject{"ILLIQUID_PAIR",
                    symbol + " traded " +
                        (facts.quote_volume_24h ? facts.quote_volume_24h->ToNormalizedString()
                                                : std::string("an unknown amount")) +
                        " " + quote + " in 24 h, below the minimum of " +
                        options_.min_quote_volume_24h->ToNormalizedString() +
                        " (an illiquid pair is where a stolen key pumps a price)",
                    "policy.min_quote_volume_24h", "config [policy] (operator's limit)"};
    }
  }
  return std::nullopt;
}

}  // namespace amanah::policy
