// Screener: applies a ruleset to the facts (and the exchange's symbol list) and returns verdicts.
// An asset is screened as a holding; a pair — recognised only because the exchange lists it, and
// split by the exchange's own base/quote — is the worst of its base (as a holding), its quote (as a
// quote) and the pair rules. Fail closed: an asset with no facts is at least doubtful /
// DATA_MISSING, whatever the ruleset says. Thread-safe for concurrent Screen calls (const).
#pragma once

#include <string_view>
#include <vector>

#include "screen/facts.h"
#include "screen/overrides.h"
#include "screen/ruleset.h"
#include "screen/rulings.h"
#include "screen/symbol_directory.h"
#include "screen/verdict.h"

namespace amanah::screen {

class Screener {
 public:
  /// All three must outlive the Screener. `overrides` may be empty.
  Screener(const Ruleset& ruleset, const FactsTable& facts, const SymbolDirectory& directory,
           const Overrides& overrides);

  /// `subject` is a pair if the exchange lists it, else an asset.
  Verdict Screen(std::string_view subject) const;
  Verdict ScreenAsset(std::string_view asset) const;
  Verdict ScreenPair(const ListedSymbol& symbol) const;
  /// Published rulings shown beside verdicts (null: none); must outlive the Screener.
  void set_rulings(const Rulings* rulings) { rulings_ = rulings; }

  /// The charter's order checks: which order rules an order with these properties breaks.
  struct OrderFacts {
    bool borrowing = false;            ///< a margin order, a loan, or an account that would borrow
    bool sell_more_than_held = false;  ///< SELL quantity above the free balance of the base
  };
  Verdict CheckOrder(const OrderFacts& order) const;
  /// Every asset in the facts file, in symbol order.
  std::vector<Verdict> ScreenAll() const;

 private:
  void Apply(Verdict& v, const Rule& rule, std::string_view role, std::string_view asset,
             std::string evidence) const;
  void Evaluate(Verdict& v, std::string_view asset, Scope role) const;
  void Finish(Verdict& v, bool is_asset) const;
  /// The published rulings on `asset`, beside the verdict; one that says otherwise marks it
  /// "scholars differ".
  void AttachRulings(Verdict& v, std::string_view asset) const;

  const Ruleset& ruleset_;
  const FactsTable& facts_;
  const SymbolDirectory& directory_;
  const Overrides& overrides_;
  const Rulings* rulings_ = nullptr;
};

}  // namespace amanah::screen
