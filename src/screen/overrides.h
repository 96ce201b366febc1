// Overrides: a reviewer's changes to a ruleset, each recording who, when, why and the source
// (METHODOLOGY §7). An override may tighten anything — a rule's verdict made worse, an asset's
// verdict made worse — and may loosen (a better verdict, or a rule disabled) only what is marked
// overridable: a charter rule never, and an asset only when every rule that fires on it is
// overridable. Anything else is refused at load with file and line. Immutable once loaded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "screen/facts.h"
#include "screen/ruleset.h"
#include "screen/symbol_directory.h"

namespace amanah::screen {

struct Override {
  std::string rule;   ///< a rule id, or empty
  std::string asset;  ///< an asset symbol, or empty
  std::optional<Level> verdict;
  bool disable = false;
  std::string who, when, why, source;
  int line = 0;

  std::string Note() const;  ///< "by WHO on WHEN: WHY (SOURCE)"
};

class Overrides {
 public:
  Overrides() = default;
  /// Parses and checks every override against the ruleset (and, for asset overrides, against what
  /// the asset's verdict would be without overrides).
  static base::Result<Overrides> Parse(std::string_view toml, std::string_view file,
                                       const Ruleset& ruleset, const FactsTable& facts,
                                       const SymbolDirectory& directory);

  const Override* ForRule(std::string_view id) const;
  const Override* ForAsset(std::string_view asset) const;
  bool empty() const { return items_.empty(); }
  const std::string& sha256() const { return sha256_; }
  const std::vector<Override>& items() const { return items_; }

 private:
  std::vector<Override> items_;
  std::string sha256_;
};

}  // namespace amanah::screen
