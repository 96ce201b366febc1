#include "cli/screen_commands.h"

#include <memory>

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/remote.h"
#include "screen/rule_json.h"
#include "screen/screening.h"
#include "screen/verdicts_json.h"

namespace amanah::cli {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
namespace json = boost::json;

struct ScreenOptions {
  std::vector<std::string> subjects;
  bool all = false;
  std::string ruleset = "default";
  std::string facts_file;
  std::string exchange_info_file;
  std::string overrides_file;
  std::string rule_id;
};

Result<std::unique_ptr<screen::Screening>> Load(const ScreenOptions& o) {
  return screen::Screening::Load(
      screen::ScreeningSources{o.ruleset, o.facts_file, o.exchange_info_file, o.overrides_file});
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Mark(std::string_view level) {
  return level == "compliant"       ? "✓"
         : level == "doubtful"      ? "?"
         : level == "non-compliant" ? "✗"
                                    : " ";
}

// One screen::Verdict::ToJson, with its rules and citations.
void RenderVerdict(std::ostream& out, const json::value& v) {
  out << Str(v, "subject");
  if (Str(v, "kind") == "pair") out << " (" << Str(v, "base") << " / " << Str(v, "quote") << ")";
  out << ": " << Upper(Str(v, "verdict"));
  if (!Items(v, "reasons").empty()) {
    out << " —";
    for (const auto& r : Items(v, "reasons")) out << " " << Str(r);
  }
  if (Flag(v, "scholars_differ")) out << "  [scholars differ]";
  if (Flag(v, "low_confidence")) out << "  [low-confidence facts]";
  out << "\n";
  for (const auto& f : Items(v, "rules")) {
    const bool overridden = !Get(f, "override").is_null();
    const std::string id = Str(f, "id"), level = Str(f, "verdict");
    if (level == "compliant" && !overridden) {
      // A position taken in the asset's favour: one line, so the dispute stays visible.
      out << "  ⚖ " << id << " (" << Str(f, "question") << ") " << Str(f, "asset") << " as "
          << Str(f, "role") << ": " << Str(f, "summary") << "\n";
      continue;
    }
    out << "  " << Mark(level) << " " << id << " [" << Str(f, "dimension") << ", "
        << Str(f, "status") << (Flag(f, "overridable") ? "" : ", not overridable") << "] "
        << Str(f, "asset") << " as " << Str(f, "role") << ": " << Str(f, "summary") << "\n";
    if (!Str(f, "evidence").empty()) out << "      because " << Str(f, "evidence") << "\n";
    if (Flag(f, "scholars_differ")) {
      out << "      scholars differ on " << Str(f, "question") << "; see `amanah screen explain "
          << id << "`\n";
    }
    for (const auto& c : Items(f, "citations")) {
      out << "      " << Str(c, "ref") << ", \"" << Str(c, "title") << "\""
          << (Str(c, "note").empty() ? "" : " — " + Str(c, "note")) << "\n";
    }
    if (overridden) out << "      overridden " << Str(f, "override") << "\n";
  }
  for (const auto& r : Items(v, "rulings")) {
    out << "  " << (Flag(r, "agrees") ? "=" : "≠") << " published ruling: " << Str(r, "by") << " ("
        << Str(r, "kind") << ", " << Str(r, "date") << "): " << Upper(Str(r, "verdict"))
        << (Flag(r, "agrees") ? "" : " — differs from this verdict") << "\n"
        << "      on " << Str(r, "subject") << "\n"
        << "      " << Str(r, "url") << "\n";
  }
}

// screen::VerdictsJson: a table with --all, else each verdict in full; then what it stands on.
void RenderVerdicts(std::ostream& out, const json::value& a, bool table) {
  const json::array& verdicts = Items(a, "verdicts");
  if (table) {
    size_t compliant = 0, doubtful = 0, non_compliant = 0;
    char line[256];
    std::snprintf(line, sizeof line, "%-12s %-14s %-28s %s\n", "ASSET", "VERDICT", "REASONS",
                  "RULES");
    out << line;
    for (const auto& v : verdicts) {
      const std::string level = Str(v, "verdict");
      ++(level == "compliant" ? compliant : level == "doubtful" ? doubtful : non_compliant);
      std::string reasons, rules;
      for (const auto& r : Items(v, "reasons")) reasons += (reasons.empty() ? "" : ",") + Str(r);
      for (const auto& f : Items(v, "rules")) {
        if (Str(f, "verdict") != "compliant") rules += (rules.empty() ? "" : ",") + Str(f, "id");
      }
      std::snprintf(line, sizeof line, "%-12s %-14s %-28s %s%s\n", Str(v, "subject").c_str(),
                    level.c_str(), reasons.c_str(), rules.c_str(),
                    Flag(v, "scholars_differ") ? "  *" : "");
      out << line;
    }
    out << "\n"
        << verdicts.size() << " assets: " << compliant << " compliant, " << doubtful
        << " doubtful, " << non_compliant << " non-compliant.  * scholars differ on a rule used.\n";
  } else {
    for (const auto& v : verdicts) RenderVerdict(out, v);
  }
  const json::value& facts = Get(a, "facts");
  const std::string overrides = Str(a, "overrides_sha256");
  out << "\nRuleset " << Str(a, "ruleset") << " " << Str(a, "ruleset_version") << " (sha256 "
      << Str(a, "ruleset_sha256").substr(0, 16) << "…), facts " << Str(facts, "file") << " (sha256 "
      << Str(facts, "sha256").substr(0, 16) << "…)"
      << (overrides.empty() ? "" : ", overrides sha256 " + overrides.substr(0, 16) + "…") << ".\n"
      << "A screening result under this ruleset, not a fatwa. See docs/methodology.md.\n";
}

void Screen(Context& ctx, const ScreenOptions& o) {
  if (o.subjects.empty() && !o.all) {
    ctx.Report(Error(ErrorCode::kInvalidArgument,
                     "name assets or pairs to screen (e.g. BTC AAVE BTCUSDT), or --all"));
    return;
  }
  json::value answer;
  if (IsRemote(ctx)) {
    // One request per subject; their verdicts together, as the local form answers.
    std::optional<json::value> all;
    if (o.all) {
      all = RemoteJson(ctx, "GET", "/api/v1/screen/assets");
      if (!all) return;
    }
    for (const auto& subject : o.subjects) {
      auto one = RemoteJson(ctx, "GET", "/api/v1/screen/assets/" + UrlPart(subject));
      if (!one) return;
      if (!all) {
        all = std::move(one);
      } else if (all->is_object() && one->is_object()) {
        for (const auto& v : Items(*one, "verdicts")) {
          json::value& list = all->as_object()["verdicts"];
          if (list.is_array()) list.as_array().push_back(v);
        }
      }
    }
    answer = std::move(*all);
  } else {
    auto loaded = Load(o);
    if (!loaded) return ctx.Report(loaded.error());
    const screen::Screener& screener = (*loaded)->screener();
    std::vector<screen::Verdict> verdicts;
    if (o.all) verdicts = screener.ScreenAll();
    for (const auto& s : o.subjects) verdicts.push_back(screener.Screen(s));
    answer = screen::VerdictsJson(**loaded, verdicts);
  }
  const bool table = o.all && o.subjects.empty();
  Emit(ctx, answer,
       [table](std::ostream& out, const json::value& a) { RenderVerdicts(out, a, table); });
}

// screen::RuleJson.
void RenderRule(std::ostream& out, const json::value& r) {
  const std::string reason = Str(r, "reason");
  out << Str(r, "id") << " (ruleset " << Str(r, "ruleset") << " " << Str(r, "ruleset_version")
      << ")\n"
      << "  " << Str(r, "summary") << "\n"
      << "  dimension " << Str(r, "dimension") << ", applies to " << Str(r, "scope") << ", verdict "
      << Str(r, "verdict") << (reason.empty() ? "" : " (" + reason + ")") << "\n"
      << "  status " << Str(r, "status") << ", "
      << (Flag(r, "overridable") ? "a board may override it" : "cannot be overridden") << "\n"
      << "  why: " << Str(r, "rationale") << "\n";
  for (const auto& c : Items(r, "citations")) {
    out << "  cites " << Str(c, "ref") << ", \"" << Str(c, "title") << "\""
        << (Str(c, "note").empty() ? "" : " — " + Str(c, "note")) << "\n";
  }
  const json::value& q = Get(r, "question");
  if (!q.is_null()) {
    out << "  scholars differ — " << Str(q, "id") << ": " << Str(q, "question") << "\n"
        << "    this ruleset: " << Str(q, "position") << "\n";
    for (const auto& a : Items(q, "alternatives")) out << "    held by others: " << Str(a) << "\n";
    out << "    to choose another position, adopt another ruleset (--ruleset "
           "cautious|strict|FILE) or an overrides file.\n";
  }
}

void Explain(Context& ctx, const ScreenOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "GET", "/api/v1/screen/rules/" + UrlPart(o.rule_id));
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto loaded = Load(o);
    if (!loaded) return ctx.Report(loaded.error());
    const screen::Ruleset& rs = (*loaded)->ruleset();
    const screen::Rule* rule = rs.FindRule(o.rule_id);
    if (rule == nullptr) {
      std::string ids;
      for (const auto& r : rs.rules()) ids += " " + r.id;
      return ctx.Report(Error(ErrorCode::kNotFound, "no rule " + o.rule_id + " in ruleset " +
                                                        rs.id() + "; rules:" + ids));
    }
    answer = screen::RuleJson(rs, *rule);
  }
  Emit(ctx, answer, RenderRule);
}

}  // namespace

void AddScreenCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ScreenOptions>();
  auto* cmd = app.add_subcommand(
      "screen",
      "Halal-screen assets and pairs: compliant, doubtful or non-compliant, with reasons");
  cmd->add_option("subjects", o->subjects,
                  "Assets (BTC, AAVE) or pairs the exchange lists (BTCUSDT)");
  cmd->add_flag("--all", o->all, "Every asset in the facts file, as a table");
  auto common = [o, &ctx](CLI::App* c) {
    c->add_option("--ruleset", o->ruleset, "default, cautious, strict, or a ruleset TOML file")
        ->capture_default_str();
    c->add_option("--facts", o->facts_file,
                  "A facts CSV instead of the shipped asset-facts.v1.csv");
    c->add_option("--exchange-info", o->exchange_info_file,
                  "An exchangeInfo JSON to split pairs with (default: the cached listing)");
    c->add_option("--overrides", o->overrides_file, "A reviewer's overrides TOML");
    c->add_flag("--json", ctx.json, "Print JSON");
  };
  common(cmd);
  cmd->callback([&ctx, o, cmd] {
    if (cmd->get_subcommands().empty()) Screen(ctx, *o);
  });
  auto* explain = cmd->add_subcommand(
      "explain", "Show one rule: its reasoning, citations and where scholars differ");
  explain->add_option("rule", o->rule_id, "Rule id, e.g. RIBA-4H")->required();
  common(explain);
  explain->callback([&ctx, o] { Explain(ctx, *o); });
}

}  // namespace amanah::cli
