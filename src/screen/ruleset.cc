#include "screen/ruleset.h"

#include <array>
#include <set>
#include <sstream>

#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "screen/name_table.h"
#include "screen/toml_document.h"

namespace amanah::screen {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

template <typename E, size_t N>
using Table = NameTable<E, N>;

constexpr Table<Level, 3> kLevels{{{"compliant", Level::kCompliant},
                                   {"doubtful", Level::kDoubtful},
                                   {"non-compliant", Level::kNonCompliant}}};
constexpr Table<Status, 5> kStatuses{{{"charter", Status::kCharter},
                                      {"agreed", Status::kAgreed},
                                      {"majority", Status::kMajority},
                                      {"disputed", Status::kDisputed},
                                      {"derived", Status::kDerived}}};
constexpr Table<Scope, 5> kScopes{{{"holding", Scope::kHolding},
                                   {"quote", Scope::kQuote},
                                   {"any", Scope::kAny},
                                   {"pair", Scope::kPair},
                                   {"order", Scope::kOrder}}};
constexpr Table<Dimension, 7> kDimensions{{{"execution", Dimension::kExecution},
                                           {"riba", Dimension::kRiba},
                                           {"gharar", Dimension::kGharar},
                                           {"maysir", Dimension::kMaysir},
                                           {"purpose", Dimension::kPurpose},
                                           {"pair", Dimension::kPair},
                                           {"data", Dimension::kData}}};
constexpr Table<LegalNature, 4> kNatures{{{"native", LegalNature::kNative},
                                          {"right", LegalNature::kRight},
                                          {"claim", LegalNature::kClaim},
                                          {"allocated", LegalNature::kAllocated}}};
constexpr Table<HolderYield, 3> kYields{{{"no", HolderYield::kNo},
                                         {"staking-optional", HolderYield::kStakingOptional},
                                         {"yes", HolderYield::kYes}}};
constexpr Table<Backing, 5> kBackings{{{"none", Backing::kNone},
                                       {"fiat", Backing::kFiat},
                                       {"commodity", Backing::kCommodity},
                                       {"crypto", Backing::kCrypto},
                                       {"algorithmic", Backing::kAlgorithmic}}};
constexpr Table<Confidence, 3> kConfidences{
    {{"low", Confidence::kLow}, {"medium", Confidence::kMedium}, {"high", Confidence::kHigh}}};

template <typename E, size_t N>
std::optional<E> Find(std::string_view text, const Table<E, N>& table) {
  for (const auto& [name, v] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

// Reads a TOML file into our types; every error names file:line.
class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}

  Error Fail(const toml::node* at, const std::string& what) const {
    int line = at != nullptr ? static_cast<int>(at->source().begin.line) : 0;
    return Error(ErrorCode::kInvalidArgument, file_ + ":" + std::to_string(line) + ": " + what);
  }

  Result<std::string> String(const toml::table& t, std::string_view key, bool required) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
      if (required) return Fail(&t, "missing '" + std::string(key) + "'");
      return std::string();
    }
    if (!n->is_string()) return Fail(n, "'" + std::string(key) + "' must be a string");
    return std::string(*n->value<std::string_view>());
  }

  Result<std::vector<std::string>> Strings(const toml::node& n, std::string_view key) const {
    const toml::array* a = n.as_array();
    if (a == nullptr) return Fail(&n, "'" + std::string(key) + "' must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : *a) {
      if (!item.is_string())
        return Fail(&item, "'" + std::string(key) + "' must be a list of strings");
      out.emplace_back(*item.value<std::string_view>());
    }
    return out;
  }

  template <typename E, size_t N>
  Result<std::vector<E>> Enums(const toml::node& n, std::string_view key,
                               const Table<E, N>& table) const {
    AMANAH_ASSIGN_OR_RETURN(std::vector<std::string> names, Strings(n, key));
    std::vector<E> out;
    for (const auto& name : names) {
      auto v = Find(name, table);
      if (!v) return Fail(&n, "'" + std::string(key) + "': unknown value '" + name + "'");
      out.push_back(*v);
    }
    return out;
  }

  Result<Condition> ReadCondition(const toml::node& n) const {
    const toml::table* t = n.as_table();
    if (t == nullptr) return Fail(&n, "'when' must be a table of conditions");
    Condition c;
    for (const auto& entry : *t) {
      std::string_view key = entry.first.str();
      const toml::node& value = entry.second;
      auto flag = [&](std::optional<bool>& out) -> Result<void> {
        if (!value.is_boolean())
          return Fail(&value, "'" + std::string(key) + "' must be true or false");
        out = *value.value<bool>();
        return {};
      };
      if (key == "facts_missing") {
        AMANAH_TRY(flag(c.facts_missing));
      } else if (key == "leveraged") {
        AMANAH_TRY(flag(c.leveraged));
      } else if (key == "spot_listed") {
        AMANAH_TRY(flag(c.spot_listed));
      } else if (key == "tags_any" || key == "not_tags_any") {
        AMANAH_ASSIGN_OR_RETURN(auto tags, Strings(value, key));
        for (const auto& tag : tags) {
          if (!TagVocabulary().contains(tag)) return Fail(&value, "unknown tag '" + tag + "'");
        }
        (key == "tags_any" ? c.tags_any : c.not_tags_any) = std::move(tags);
      } else if (key == "legal_nature") {
        AMANAH_ASSIGN_OR_RETURN(c.legal_nature, Enums(value, key, kNatures));
      } else if (key == "holder_yield") {
        AMANAH_ASSIGN_OR_RETURN(c.holder_yield, Enums(value, key, kYields));
      } else if (key == "backing") {
        AMANAH_ASSIGN_OR_RETURN(c.backing, Enums(value, key, kBackings));
      } else if (key == "not_backing") {
        AMANAH_ASSIGN_OR_RETURN(c.not_backing, Enums(value, key, kBackings));
      } else if (key == "both_legs_backing") {
        AMANAH_ASSIGN_OR_RETURN(c.both_legs_backing, Enums(value, key, kBackings));
      } else if (key == "order") {
        if (!value.is_string()) return Fail(&value, "'order' must be a string");
        c.order = std::string(*value.value<std::string_view>());
        if (c.order != "borrowing" && c.order != "sell_more_than_held")
          return Fail(&value, "'order' must be borrowing or sell_more_than_held");
      } else if (key == "confidence") {
        AMANAH_ASSIGN_OR_RETURN(c.confidence, Enums(value, key, kConfidences));
      } else {
        return Fail(&value, "unknown condition '" + std::string(key) + "'");
      }
    }
    return c;
  }

 private:
  std::string file_;
};

}  // namespace

std::string_view Name(Level v) { return NameOf(v, kLevels); }
std::string_view Name(Status v) { return NameOf(v, kStatuses); }
std::string_view Name(Scope v) { return NameOf(v, kScopes); }
std::string_view Name(Dimension v) { return NameOf(v, kDimensions); }
std::optional<Level> ParseLevel(std::string_view text) { return Find(text, kLevels); }

const std::vector<std::string>& DisputedQuestions() {
  static const std::vector<std::string> kQuestions = {"Q-1",  "Q-2",  "Q-3", "Q-4", "Q-5",
                                                      "Q-6",  "Q-7",  "Q-8", "Q-9", "Q-10",
                                                      "Q-11", "Q-12", "Q-13"};
  return kQuestions;
}

std::vector<std::string> Condition::Reads() const {
  std::vector<std::string> out;
  if (facts_missing) out.push_back("presence");
  if (leveraged) out.insert(out.end(), {"tags", "listing"});
  if (!tags_any.empty() || !not_tags_any.empty()) out.push_back("tags");
  if (!legal_nature.empty()) out.push_back("legal_nature");
  if (!holder_yield.empty()) out.push_back("holder_yield");
  if (!backing.empty() || !not_backing.empty() || !both_legs_backing.empty())
    out.push_back("backing");
  if (!confidence.empty()) out.push_back("confidence");
  if (spot_listed) out.push_back("listing");
  if (!order.empty()) out.push_back("order");
  return out;
}

Result<Ruleset> Ruleset::Parse(std::string_view text, std::string_view file) {
  Reader r(file);
  AMANAH_ASSIGN_OR_RETURN(toml::table doc, ParseTomlDocument(text, file));
  Ruleset rs;
  rs.file_ = std::string(file);
  rs.sha256_ = crypto::HexEncode(crypto::Sha256(crypto::AsBytes(text)));
  const toml::table* head = doc["ruleset"].as_table();
  if (head == nullptr) return r.Fail(&doc, "missing [ruleset] table");
  AMANAH_ASSIGN_OR_RETURN(rs.id_, r.String(*head, "id", true));
  AMANAH_ASSIGN_OR_RETURN(rs.name_, r.String(*head, "name", true));
  AMANAH_ASSIGN_OR_RETURN(rs.version_, r.String(*head, "version", true));
  AMANAH_ASSIGN_OR_RETURN(rs.authority_, r.String(*head, "authority", true));

  const toml::table* positions = doc["positions"].as_table();
  if (positions == nullptr)
    return r.Fail(&doc,
                  "missing [positions]: a ruleset states its position on every disputed question");
  for (const auto& [key, value] : *positions) {
    const toml::table* p = value.as_table();
    if (p == nullptr)
      return r.Fail(&value, "positions." + std::string(key.str()) + " must be a table");
    Position pos;
    AMANAH_ASSIGN_OR_RETURN(pos.question, r.String(*p, "question", true));
    AMANAH_ASSIGN_OR_RETURN(pos.position, r.String(*p, "position", true));
    if (const toml::node* alts = p->get("alternatives")) {
      AMANAH_ASSIGN_OR_RETURN(pos.alternatives, r.Strings(*alts, "alternatives"));
    }
    AMANAH_ASSIGN_OR_RETURN(std::string verdict, r.String(*p, "verdict", false));
    if (!verdict.empty()) {
      pos.verdict = ParseLevel(verdict);
      if (!pos.verdict) {
        return r.Fail(p->get("verdict"), "positions." + std::string(key.str()) +
                                             ": 'verdict' must be compliant, doubtful or "
                                             "non-compliant");
      }
    }
    if (const toml::node* yields = p->get("yields_to")) {
      AMANAH_ASSIGN_OR_RETURN(pos.yields_to, r.Strings(*yields, "yields_to"));
    }
    rs.positions_.emplace(std::string(key.str()), std::move(pos));
  }
  for (const auto& q : DisputedQuestions()) {
    if (!rs.positions_.contains(q))
      return r.Fail(positions, "no position on " + q + " (METHODOLOGY §6)");
  }

  const toml::array* rules = doc["rules"].as_array();
  if (rules == nullptr || rules->empty()) return r.Fail(&doc, "missing [[rules]]");
  for (const auto& node : *rules) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return r.Fail(&node, "each [[rules]] entry must be a table");
    for (const auto& [key, value] : *t) {
      static const std::set<std::string_view> kKnown = {
          "id",     "dimension",   "scope",    "when",    "verdict",   "reason",
          "status", "overridable", "question", "summary", "rationale", "citations"};
      if (!kKnown.contains(key.str()))
        return r.Fail(&value, "unknown rule field '" + std::string(key.str()) + "'");
    }
    Rule rule;
    rule.line = static_cast<int>(t->source().begin.line);
    AMANAH_ASSIGN_OR_RETURN(rule.id, r.String(*t, "id", true));
    if (rs.FindRule(rule.id) != nullptr) return r.Fail(t, "rule " + rule.id + " is defined twice");
    auto enum_field = [&](std::string_view key, auto& out, const auto& table) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(std::string text_value, r.String(*t, key, true));
      auto v = Find(text_value, table);
      if (!v)
        return r.Fail(t->get(key),
                      rule.id + ": unknown " + std::string(key) + " '" + text_value + "'");
      out = *v;
      return {};
    };
    AMANAH_TRY(enum_field("dimension", rule.dimension, kDimensions));
    AMANAH_TRY(enum_field("scope", rule.scope, kScopes));
    AMANAH_TRY(enum_field("verdict", rule.verdict, kLevels));
    AMANAH_TRY(enum_field("status", rule.status, kStatuses));
    const toml::node* when = t->get("when");
    if (when == nullptr) return r.Fail(t, rule.id + ": missing 'when'");
    AMANAH_ASSIGN_OR_RETURN(rule.when, r.ReadCondition(*when));
    AMANAH_ASSIGN_OR_RETURN(rule.reason, r.String(*t, "reason", false));
    if (rule.verdict == Level::kDoubtful && rule.reason.empty())
      return r.Fail(t, rule.id + ": a doubtful verdict needs a reason code");
    const toml::node* ovr = t->get("overridable");
    if (ovr == nullptr || !ovr->is_boolean())
      return r.Fail(t, rule.id + ": 'overridable' must be true or false");
    rule.overridable = *ovr->value<bool>();
    if (rule.status == Status::kCharter && rule.overridable)
      return r.Fail(ovr, rule.id + ": a charter rule cannot be overridable");
    AMANAH_ASSIGN_OR_RETURN(rule.question, r.String(*t, "question", false));
    if (rule.status == Status::kDisputed && rule.question.empty())
      return r.Fail(t, rule.id + ": a disputed rule names the §6 question it depends on");
    if (!rule.question.empty() && !rs.positions_.contains(rule.question))
      return r.Fail(t, rule.id + ": unknown question " + rule.question);
    AMANAH_ASSIGN_OR_RETURN(rule.summary, r.String(*t, "summary", true));
    AMANAH_ASSIGN_OR_RETURN(rule.rationale, r.String(*t, "rationale", true));
    const toml::array* cites = t->get_as<toml::array>("citations");
    if (cites == nullptr || cites->empty())
      return r.Fail(t, rule.id + ": at least one citation (standard number and title)");
    for (const auto& c : *cites) {
      const toml::table* ct = c.as_table();
      if (ct == nullptr) return r.Fail(&c, rule.id + ": each citation is a table {ref, title}");
      Citation cite;
      AMANAH_ASSIGN_OR_RETURN(cite.ref, r.String(*ct, "ref", true));
      AMANAH_ASSIGN_OR_RETURN(cite.title, r.String(*ct, "title", true));
      AMANAH_ASSIGN_OR_RETURN(cite.note, r.String(*ct, "note", false));
      rule.citations.push_back(std::move(cite));
    }
    bool pair_predicates = rule.when.spot_listed || !rule.when.both_legs_backing.empty();
    if (pair_predicates != (rule.scope == Scope::kPair) && rule.scope == Scope::kPair)
      return r.Fail(
          t, rule.id + ": a pair rule needs a pair condition (spot_listed, both_legs_backing)");
    if (pair_predicates && rule.scope != Scope::kPair)
      return r.Fail(t, rule.id + ": spot_listed and both_legs_backing are pair conditions");
    if (rule.when.order.empty() != (rule.scope != Scope::kOrder))
      return r.Fail(
          t, rule.id + ": order rules (scope = \"order\") take exactly the 'order' condition");
    rs.rules_.push_back(std::move(rule));
  }
  const Rule* data = nullptr;
  for (const Rule& rule : rs.rules_) {
    if (rule.when.facts_missing.value_or(false)) data = &rule;
  }
  if (data == nullptr || data->verdict == Level::kCompliant || data->overridable)
    return r.Fail(
        &doc,
        "a ruleset must fail closed: a non-overridable rule with when = {facts_missing = true} "
        "and a doubtful or non-compliant verdict");
  return rs;
}

const Rule* Ruleset::FindRule(std::string_view id) const {
  for (const Rule& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace amanah::screen
