// Screening: everything a screen needs — the ruleset (shipped by name or a TOML file), the facts
// table, the exchange's symbol list, the reviewer overrides and the published rulings shown beside
// each verdict — loaded whole or not at all, with
// the Screener over them. The CLI's `screen` command and the order policy's Screen check share it.
// Immutable once loaded; thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "screen/facts.h"
#include "screen/overrides.h"
#include "screen/ruleset.h"
#include "screen/rulings.h"
#include "screen/screener.h"
#include "screen/symbol_directory.h"

namespace amanah::screen {

struct ScreeningSources {
  std::string ruleset = "default";  ///< a shipped ruleset's name, else a TOML file
  std::string facts_file;           ///< empty: the shipped facts
  std::string exchange_info_file;   ///< empty: the shipped Binance exchangeInfo snapshot
  std::string overrides_file;       ///< empty: none
};

class Screening {
 public:
  static base::Result<std::unique_ptr<Screening>> Load(const ScreeningSources& sources);

  const Ruleset& ruleset() const { return ruleset_; }
  const FactsTable& facts() const { return facts_; }
  const SymbolDirectory& directory() const { return directory_; }
  const Overrides& overrides() const { return overrides_; }
  const Screener& screener() const { return screener_; }

  Screening(Ruleset ruleset, FactsTable facts, SymbolDirectory directory, Overrides overrides,
            Rulings rulings = {})
      : ruleset_(std::move(ruleset)),
        facts_(std::move(facts)),
        directory_(std::move(directory)),
        overrides_(std::move(overrides)),
        rulings_(std::move(rulings)),
        screener_(ruleset_, facts_, directory_, overrides_) {
    screener_.set_rulings(&rulings_);
  }
  const Rulings& rulings() const { return rulings_; }
  Screening(const Screening&) = delete;
  Screening& operator=(const Screening&) = delete;

 private:
  Ruleset ruleset_;
  FactsTable facts_;
  SymbolDirectory directory_;
  Overrides overrides_;
  Rulings rulings_;
  Screener screener_;
};

}  // namespace amanah::screen
