#include "screen/overrides.h"

#include <cstdio>
#include <set>

#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "screen/screener.h"
#include "screen/toml_document.h"

namespace amanah::screen {

using base::Error;
using base::ErrorCode;
using base::Result;

std::string Override::Note() const {
  return "by " + who + " on " + when + ": " + why + " (" + source + ")";
}

Result<Overrides> Overrides::Parse(std::string_view text, std::string_view file,
                                   const Ruleset& ruleset, const FactsTable& facts,
                                   const SymbolDirectory& directory) {
  auto fail = [&](int line, const std::string& what) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string(file) + ":" + std::to_string(line) + ": " + what);
  };
  AMANAH_ASSIGN_OR_RETURN(toml::table doc, ParseTomlDocument(text, file));
  Overrides out;
  out.sha256_ = crypto::HexEncode(crypto::Sha256(crypto::AsBytes(text)));
  const toml::array* list = doc["override"].as_array();
  if (list == nullptr) return fail(1, "expected [[override]] entries");
  Overrides none;
  Screener plain(ruleset, facts, directory, none);
  for (const auto& node : *list) {
    const toml::table* t = node.as_table();
    int line = static_cast<int>(node.source().begin.line);
    if (t == nullptr) return fail(line, "each [[override]] is a table");
    Override o;
    o.line = line;
    auto text_field = [&](std::string_view key, std::string& to) -> Result<void> {
      const toml::node* n = t->get(key);
      if (n == nullptr) return {};
      if (!n->is_string())
        return fail(static_cast<int>(n->source().begin.line),
                    "'" + std::string(key) + "' must be a string");
      to = std::string(*n->value<std::string_view>());
      return {};
    };
    for (const auto& [key, value] : *t) {
      static const std::set<std::string_view> kKnown = {"rule", "asset", "verdict", "enabled",
                                                        "who",  "when",  "why",     "source"};
      if (!kKnown.contains(key.str()))
        return fail(static_cast<int>(value.source().begin.line),
                    "unknown field '" + std::string(key.str()) + "'");
    }
    AMANAH_TRY(text_field("rule", o.rule));
    AMANAH_TRY(text_field("asset", o.asset));
    AMANAH_TRY(text_field("who", o.who));
    if (const toml::node* w = t->get("when"); w == nullptr || !w->is_date())
      AMANAH_TRY(text_field("when", o.when));
    AMANAH_TRY(text_field("why", o.why));
    AMANAH_TRY(text_field("source", o.source));
    if (const toml::node* when_date = t->get("when"); when_date && when_date->is_date()) {
      auto d = *when_date->value<toml::date>();
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
      o.when = buf;
    }
    if (o.who.empty() || o.when.empty() || o.why.empty() || o.source.empty())
      return fail(line, "an override records who, when, why and source");
    if (o.rule.empty() == o.asset.empty())
      return fail(line, "an override names either a rule or an asset");
    std::string verdict_text;
    AMANAH_TRY(text_field("verdict", verdict_text));
    if (!verdict_text.empty()) {
      o.verdict = ParseLevel(verdict_text);
      if (!o.verdict) return fail(line, "verdict must be compliant, doubtful or non-compliant");
    }
    if (const toml::node* enabled = t->get("enabled")) {
      if (!enabled->is_boolean()) return fail(line, "'enabled' must be true or false");
      o.disable = !*enabled->value<bool>();
    }
    if (!o.verdict && !o.disable)
      return fail(line, "an override sets a verdict or enabled = false");
    if (!o.rule.empty()) {
      const Rule* rule = ruleset.FindRule(o.rule);
      if (rule == nullptr) return fail(line, "no rule " + o.rule + " in ruleset " + ruleset.id());
      bool loosens = o.disable || static_cast<int>(*o.verdict) < static_cast<int>(rule->verdict);
      if (loosens && !rule->overridable)
        return fail(line, "rule " + o.rule + " is " + std::string(Name(rule->status)) +
                              " and not overridable: an override may tighten it but not loosen it");
      if (out.ForRule(o.rule) != nullptr)
        return fail(line, "rule " + o.rule + " is overridden twice");
    } else {
      if (!o.verdict) return fail(line, "an asset override sets a verdict");
      if (out.ForAsset(o.asset) != nullptr)
        return fail(line, "asset " + o.asset + " is overridden twice");
      Verdict before = plain.ScreenAsset(o.asset);
      if (static_cast<int>(*o.verdict) < static_cast<int>(before.level)) {
        for (const FiredRule& f : before.fired) {
          if (!f.rule->overridable && f.level != Level::kCompliant)
            return fail(line, "asset " + o.asset + " is " + std::string(Name(before.level)) +
                                  " under rule " + f.rule->id +
                                  ", which is not overridable: its verdict cannot be loosened");
        }
      }
    }
    out.items_.push_back(std::move(o));
  }
  return out;
}

const Override* Overrides::ForRule(std::string_view id) const {
  for (const Override& o : items_) {
    if (o.rule == id) return &o;
  }
  return nullptr;
}

const Override* Overrides::ForAsset(std::string_view asset) const {
  for (const Override& o : items_) {
    if (o.asset == asset) return &o;
  }
  return nullptr;
}

}  // namespace amanah::screen
