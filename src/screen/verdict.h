// Verdict: the outcome of screening one asset or pair — compliant, doubtful or non-compliant — with
// every rule that fired (its verdict, status, the fact that triggered it, rationale, citations), a
// "scholars differ" marker when a disputed rule is involved or a published ruling by a named
// Shariah board or adviser says otherwise (both sides named), those rulings, the reason codes of a
// doubtful verdict, the components of a pair, and the hashes of the ruleset, overrides and facts
// file so the verdict can be re-derived. A value; rendered as JSON for `--json` and the journal.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "screen/ruleset.h"
#include "screen/rulings.h"

namespace amanah::screen {

struct FiredRule {
  const Rule* rule = nullptr;
  Level level = Level::kCompliant;  ///< the rule's verdict, or an override's
  std::string role;                 ///< "holding", "quote" or "pair"
  std::string asset;                ///< the asset it fired on (or the pair symbol)
  std::string evidence;             ///< the facts that made it fire, e.g. "tags: lending"
  bool overridden = false;
  std::string override_note;  ///< who, when, why, source when an override changed it
};

struct Verdict {
  std::string subject;  ///< "AAVE" or "BTCUSDT"
  bool pair = false;
  std::string base;  ///< pairs only
  std::string quote;
  Level level = Level::kCompliant;
  std::vector<FiredRule> fired;
  std::set<std::string> reasons;  ///< reason codes of the doubtful rules that decided the level
  bool scholars_differ = false;
  bool low_confidence = false;
  /// Published rulings on the asset (a pair: on its base), beside Amanah's verdict.
  std::vector<Ruling> rulings;
  std::string ruleset_id;
  std::string ruleset_version;
  std::string ruleset_sha256;
  std::string overrides_sha256;  ///< empty without overrides
  std::string facts_file;
  std::string facts_sha256;

  boost::json::object ToJson() const;
};

Level Worst(Level a, Level b);

}  // namespace amanah::screen
