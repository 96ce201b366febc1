#include "policy/screen_check.h"

#include "policy/citation.h"

namespace amanah::policy {

Decision ScreenCheck::Decide(OrderFacts& facts) const {
  if (!facts.symbol) {
    return Reject{"UNKNOWN_SYMBOL", "the pair cannot be screened: the exchange does not list it",
                  "EXE-1", "Amanah charter: spot only"};
  }
  const exchange::SymbolInfo& info = *facts.symbol;
  screen::ListedSymbol listed;
  listed.symbol = info.symbol;
  listed.base = info.base;
  listed.quote = info.quote;
  listed.status = info.status;
  listed.spot = info.spot;
  for (const auto& p : info.permissions) listed.permissions.insert(p);
  const screen::Verdict v = screening_.screener().ScreenPair(listed);
  if (v.level == screen::Level::kCompliant) return std::nullopt;
  if (v.level == screen::Level::kDoubtful && allow_doubtful_) return std::nullopt;
  std::string rules, citations, why;
  for (const auto& f : v.fired) {
    if (f.level != v.level) continue;
    if (!rules.empty()) rules += ", ";
    rules += f.rule->id;
    std::string c = CitationOf(*f.rule);
    if (!c.empty() && citations.find(c) == std::string::npos) {
      citations += (citations.empty() ? "" : "; ") + c;
    }
    if (why.empty()) why = f.rule->summary + (f.evidence.empty() ? "" : " (" + f.evidence + ")");
  }
  const bool doubtful = v.level == screen::Level::kDoubtful;
  return Reject{
      doubtful ? "DOUBTFUL" : "NON_COMPLIANT",
      info.symbol + " is " + (doubtful ? "doubtful" : "non-compliant") + " under " + v.ruleset_id +
          " " + v.ruleset_version + ": " + why +
          (doubtful ? "; a tenant may opt in to doubtful pairs (policy.allow_doubtful)" : ""),
      rules, citations};
}

}  // namespace amanah::policy
