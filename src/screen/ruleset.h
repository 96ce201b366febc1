// Ruleset: the rulings, apart from the facts (METHODOLOGY §1, §7) — one entry per rule with its
// id, dimension, scope, condition over facts, verdict, status (charter, agreed, majority, disputed,
// derived), whether a board may override it, rationale and citations (standard number *and*
// title), plus the ruleset's stated position on every disputed question Q-1…Q-13 (§6). Loaded
// from TOML; a malformed file is refused with file and line and nothing is half-loaded. Charter
// rules can never be overridable. Immutable once loaded; the file's SHA-256 travels with every
// verdict.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "screen/facts.h"

namespace amanah::screen {

enum class Level { kCompliant, kDoubtful, kNonCompliant };
enum class Status { kCharter, kAgreed, kMajority, kDisputed, kDerived };
enum class Scope { kHolding, kQuote, kAny, kPair, kOrder };
enum class Dimension { kExecution, kRiba, kGharar, kMaysir, kPurpose, kPair, kData };

std::string_view Name(Level v);
std::string_view Name(Status v);
std::string_view Name(Scope v);
std::string_view Name(Dimension v);
std::optional<Level> ParseLevel(std::string_view text);

/// What a rule looks at. Every predicate given must hold (AND); absent predicates are ignored.
struct Condition {
  std::optional<bool> facts_missing;
  std::optional<bool> leveraged;
  std::vector<std::string> tags_any;
  std::vector<std::string> not_tags_any;
  std::vector<LegalNature> legal_nature;
  std::vector<HolderYield> holder_yield;
  std::vector<Backing> backing;
  std::vector<Backing> not_backing;
  std::vector<Confidence> confidence;
  std::optional<bool> spot_listed;         ///< pair scope: the symbol has SPOT permission
  std::vector<Backing> both_legs_backing;  ///< pair scope: base and quote both backed so
  std::string order;  ///< order scope: "borrowing" or "sell_more_than_held" (charter order checks)

  /// The facts fields this condition reads: "tags", "legal_nature", …, "listing", "presence".
  std::vector<std::string> Reads() const;
};

struct Citation {
  std::string ref;    ///< e.g. "AAOIFI Shari'ah Standard No. 1"
  std::string title;  ///< e.g. "Trading in Currencies"
  std::string note;
};

struct Rule {
  std::string id;
  Dimension dimension = Dimension::kData;
  Scope scope = Scope::kHolding;
  Condition when;
  Level verdict = Level::kDoubtful;
  std::string
      reason;  ///< reason code shown with the verdict (DISPUTED, DERIVED_RULE, DATA_MISSING, …)
  Status status = Status::kAgreed;
  bool overridable = true;
  std::string question;  ///< the §6 question a disputed rule depends on
  std::string summary;
  std::string rationale;
  std::vector<Citation> citations;
  int line = 0;
};

struct Position {
  std::string question;
  std::string position;
  std::vector<std::string> alternatives;
  /// The verdict the position gives an asset as a holding, where it states one (the rules naming
  /// the question must give it, and the screen's verdicts must follow it: a test).
  std::optional<Level> verdict;
  /// The rules that may make an asset the question covers worse than `verdict` for a reason of
  /// their own (a liquid-staking protocol that also lends: RIBA-2); any other would override the
  /// stated position.
  std::vector<std::string> yields_to;
};

class Ruleset {
 public:
  static base::Result<Ruleset> Parse(std::string_view toml, std::string_view file);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& authority() const { return authority_; }
  const std::string& file() const { return file_; }
  const std::string& sha256() const { return sha256_; }
  const std::vector<Rule>& rules() const { return rules_; }
  const std::map<std::string, Position>& positions() const { return positions_; }
  const Rule* FindRule(std::string_view id) const;
  /// Mutable access for applying reviewed overrides (see overrides.h).
  std::vector<Rule>& mutable_rules() { return rules_; }

 private:
  std::string id_, name_, version_, authority_, file_, sha256_;
  std::vector<Rule> rules_;
  std::map<std::string, Position> positions_;
};

/// The §6 questions every ruleset must take a position on.
const std::vector<std::string>& DisputedQuestions();

}  // namespace amanah::screen
