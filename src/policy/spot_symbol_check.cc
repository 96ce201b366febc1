#include "policy/spot_symbol_check.h"

#include <algorithm>

#include "policy/citation.h"
#include "screen/leveraged_token.h"

namespace amanah::policy {

Decision SpotSymbolCheck::Decide(OrderFacts& facts) const {
  const std::string& symbol = facts.intent.symbol;
  const screen::Ruleset& rules = screening_.ruleset();
  auto exe1 = [&] { return CitationOf(rules, "EXE-1", "Amanah charter: spot only"); };
  if (!facts.symbol) {
    return Reject{"UNKNOWN_SYMBOL",
                  "the exchange does not list " + symbol + "; check the pair's spelling on it",
                  "EXE-1", exe1()};
  }
  const exchange::SymbolInfo& info = *facts.symbol;
  if (!info.spot) {
    return Reject{"NOT_SPOT", symbol + " is not a spot market on the exchange", "EXE-1", exe1()};
  }
  if (!info.trading) {
    return Reject{"SYMBOL_NOT_TRADING",
                  symbol + " is not trading now (the exchange says \"" + info.status + "\")",
                  "EXE-1", exe1()};
  }
  const bool marked = std::find(info.permissions.begin(), info.permissions.end(), "LEVERAGED") !=
                      info.permissions.end();
  auto evidence = screen::DetectLeveraged(info.base, screening_.facts().Find(info.base),
                                          &screening_.directory());
  if (marked || evidence != screen::LeveragedEvidence::kNone) {
    return Reject{
        "LEVERAGED_TOKEN",
        info.base + " is a leveraged token (" +
            std::string(marked ? "the exchange marks it LEVERAGED" : screen::Name(evidence)) +
            "): it holds perpetual-futures positions, and Amanah trades spot only",
        "EXE-2", CitationOf(rules, "EXE-2", "Amanah charter: spot only")};
  }
  return std::nullopt;
}

}  // namespace amanah::policy
