#include "policy/citation.h"

namespace amanah::policy {

std::string CitationOf(const screen::Rule& rule) {
  std::string out;
  for (const auto& c : rule.citations) {
    if (!out.empty()) out += "; ";
    out += c.ref;
    if (!c.title.empty() || !c.note.empty()) {
      out += " (" + c.title + (c.title.empty() || c.note.empty() ? "" : ": ") + c.note + ")";
    }
  }
  return out;
}

std::string CitationOf(const screen::Ruleset& ruleset, std::string_view rule_id,
                       std::string_view fallback) {
  if (const screen::Rule* rule = ruleset.FindRule(rule_id)) return CitationOf(*rule);
  return std::string(fallback);
}

}  // namespace amanah::policy
