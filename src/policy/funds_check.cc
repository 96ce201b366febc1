#include "policy/funds_check.h"

#include "policy/citation.h"

namespace amanah::policy {

using base::Decimal;
using base::Rounding;

Decision FundsCheck::Decide(OrderFacts& facts) const {
  if (!facts.symbol)
    return Reject{"UNKNOWN_SYMBOL", "the exchange does not list the symbol", "symbol",
                  "Amanah charter: spot only"};
  const exchange::SymbolInfo& s = *facts.symbol;
  const order::Intent& in = facts.intent;
  if (in.side == exchange::Side::kBuy) {
    auto notional = NotionalOf(facts);
    if (!notional) {
      return Reject{"PRICE_UNKNOWN", "the funds a buy needs cannot be known without a price",
                    "EXE-3", CitationOf(ruleset_, "EXE-3", "")};
    }
    auto fee = notional->Mul(fee_rate_, Rounding::kUp);
    auto need = fee ? notional->Add(*fee) : fee;
    const Decimal free = FreeOf(facts, s.quote);
    if (!need || free < *need) {
      return Reject{"INSUFFICIENT_FUNDS",
                    "the buy needs " + (need ? need->ToNormalizedString() : "?") + " " + s.quote +
                        " with its fee, and " + free.ToNormalizedString() + " " + s.quote +
                        " is free; Amanah never borrows to fill an order",
                    "EXE-3", CitationOf(ruleset_, "EXE-3", "")};
    }
    return std::nullopt;
  }
  std::optional<Decimal> quantity = in.quantity;
  if (!quantity && in.quote_amount) {
    if (!facts.last_price || !facts.last_price->IsPositive()) {
      return Reject{"PRICE_UNKNOWN", "how much a sell by quote amount sells needs a price", "EXE-4",
                    CitationOf(ruleset_, "EXE-4", "")};
    }
    auto q = in.quote_amount->Div(*facts.last_price, Decimal::kMaxScale, Rounding::kUp);
    if (q) quantity = *q;
  }
  const Decimal free = FreeOf(facts, s.base);
  if (!quantity || free < *quantity) {
    return Reject{"INSUFFICIENT_HOLDING",
                  "the sell is for " + (quantity ? quantity->ToNormalizedString() : "?") + " " +
                      s.base + " and " + free.ToNormalizedString() + " " + s.base +
                      " is held and free; Amanah sells only what is held",
                  "EXE-4", CitationOf(ruleset_, "EXE-4", "")};
  }
  return std::nullopt;
}

}  // namespace amanah::policy
