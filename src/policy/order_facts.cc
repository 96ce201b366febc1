#include "policy/order_facts.h"

namespace amanah::policy {

base::Decimal FreeOf(const OrderFacts& facts, std::string_view asset) {
  for (const auto& b : facts.balances) {
    if (b.asset == asset) return b.free;
  }
  return {};
}

std::optional<base::Decimal> PriceOf(const OrderFacts& facts) {
  if (facts.intent.limit_price) return facts.intent.limit_price;
  return facts.last_price;
}

std::optional<base::Decimal> NotionalOf(const OrderFacts& facts) {
  if (facts.intent.quote_amount) return facts.intent.quote_amount;
  auto price = PriceOf(facts);
  if (!price || !facts.intent.quantity) return std::nullopt;
  auto n = facts.intent.quantity->Mul(*price, base::Rounding::kUp);
  if (!n) return std::nullopt;
  return *n;
}

}  // namespace amanah::policy
