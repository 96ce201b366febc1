#include "screen/rule_json.h"

#include <boost/json.hpp>

namespace amanah::screen {

namespace json = boost::json;

json::object RuleJson(const Ruleset& ruleset, const Rule& rule) {
  json::array cites;
  for (const auto& c : rule.citations)
    cites.push_back({{"ref", c.ref}, {"title", c.title}, {"note", c.note}});
  json::array reads;
  for (const auto& r : rule.when.Reads()) reads.push_back(json::string(r));
  json::object out{{"id", rule.id},
                   {"ruleset", ruleset.id()},
                   {"ruleset_version", ruleset.version()},
                   {"dimension", Name(rule.dimension)},
                   {"scope", Name(rule.scope)},
                   {"verdict", Name(rule.verdict)},
                   {"status", Name(rule.status)},
                   {"overridable", rule.overridable},
                   {"reads", std::move(reads)},
                   {"summary", rule.summary},
                   {"rationale", rule.rationale},
                   {"citations", std::move(cites)}};
  if (!rule.reason.empty()) out["reason"] = rule.reason;
  if (!rule.question.empty()) {
    const auto& p = ruleset.positions().at(rule.question);
    json::array alts;
    for (const auto& a : p.alternatives) alts.push_back(json::string(a));
    out["question"] = {{"id", rule.question},
                       {"question", p.question},
                       {"position", p.position},
                       {"alternatives", std::move(alts)}};
  }
  return out;
}

}  // namespace amanah::screen
