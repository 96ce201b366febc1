// Loads the shipped screening data (the same bytes the binary embeds) for tests.
#pragma once

#include <gtest/gtest.h>

#include "screen/facts.h"
#include "screen/overrides.h"
#include "screen/ruleset.h"
#include "screen/screener.h"
#include "screen/shipped_data.h"
#include "screen/symbol_directory.h"

namespace amanah::screen::testing {

inline const FactsTable& ShippedFactsTable() {
  static const FactsTable table = FactsTable::Parse(ShippedFacts(), kShippedFactsName).value();
  return table;
}

inline const SymbolDirectory& ShippedDirectory() {
  static const SymbolDirectory dir =
      SymbolDirectory::FromExchangeInfo(ShippedExchangeInfo(), "cached").value();
  return dir;
}

inline const Ruleset& ShippedRulesetNamed(std::string_view name) {
  static const Ruleset d = Ruleset::Parse(*ShippedRuleset("default"), "default.toml").value();
  static const Ruleset c = Ruleset::Parse(*ShippedRuleset("cautious"), "cautious.toml").value();
  static const Ruleset s = Ruleset::Parse(*ShippedRuleset("strict"), "strict.toml").value();
  return name == "default" ? d : name == "cautious" ? c : s;
}

inline std::set<std::string> FiredIds(const Verdict& v) {
  std::set<std::string> ids;
  for (const auto& f : v.fired) ids.insert(f.rule->id + "@" + f.asset);
  return ids;
}

}  // namespace amanah::screen::testing
