#include "cli/screen_commands.h"

#include <memory>

#include <boost/json.hpp>

#include "cli/remote.h"
#include "screen/rule_json.h"

#include "screen/screening.h"

namespace amanah::cli {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
namespace json = boost::json;

struct Options {
  std::vector<std::string> subjects;
  bool all = false;
  std::string ruleset = "default";
  std::string facts_file;
  std::string exchange_info_file;
  std::string overrides_file;
  std::string rule_id;
};

Result<std::unique_ptr<screen::Screening>> Load(const Options& o) {
  return screen::Screening::Load(
      screen::ScreeningSources{o.ruleset, o.facts_file, o.exchange_info_file, o.overrides_file});
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Mark(screen::Level level) {
  switch (level) {
    case screen::Level::kCompliant:
      return "✓";
    case screen::Level::kDoubtful:
      return "?";
    case screen::Level::kNonCompliant:
      return "✗";
  }
  return " ";
}

void PrintVerdict(std::ostream& out, const screen::Verdict& v) {
  out << v.subject;
  if (v.pair) out << " (" << v.base << " / " << v.quote << ")";
  out << ": " << Upper(screen::Name(v.level));
  if (!v.reasons.empty()) {
    out << " —";
    for (const auto& r : v.reasons) out << " " << r;
  }
  if (v.scholars_differ) out << "  [scholars differ]";
  if (v.low_confidence) out << "  [low-confidence facts]";
  out << "\n";
  for (const auto& f : v.fired) {
    if (f.level == screen::Level::kCompliant && !f.overridden) {
      // A position taken in the asset's favour: one line, so the dispute stays visible.
      out << "  ⚖ " << f.rule->id << " (" << f.rule->question << ") " << f.asset << " as " << f.role
          << ": " << f.rule->summary << "\n";
      continue;
    }
    out << "  " << Mark(f.level) << " " << f.rule->id << " [" << screen::Name(f.rule->dimension)
        << ", " << screen::Name(f.rule->status) << (f.rule->overridable ? "" : ", not overridable")
        << "] " << f.asset << " as " << f.role << ": " << f.rule->summary << "\n";
    if (!f.evidence.empty()) out << "      because " << f.evidence << "\n";
    if (f.rule->status == screen::Status::kDisputed)
      out << "      scholars differ on " << f.rule->question << "; see `amanah screen explain "
          << f.rule->id << "`\n";
    for (const auto& c : f.rule->citations)
      out << "      " << c.ref << ", \"" << c.title << "\""
          << (c.note.empty() ? "" : " — " + c.note) << "\n";
    if (f.overridden) out << "      overridden " << f.override_note << "\n";
  }
}

void Screen(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) {
    if (o.all) return RemoteCall(ctx, "GET", "/api/v1/screen/assets");
    for (const auto& s : o.subjects) RemoteCall(ctx, "GET", "/api/v1/screen/assets/" + UrlPart(s));
    return;
  }
  if (o.subjects.empty() && !o.all) {
    ctx.Report(Error(ErrorCode::kInvalidArgument,
                     "name assets or pairs to screen (e.g. BTC AAVE BTCUSDT), or --all"));
    return;
  }
  auto loaded = Load(o);
  if (!loaded) return ctx.Report(loaded.error());
  const screen::Screening& l = **loaded;
  const screen::Screener& screener = l.screener();
  std::vector<screen::Verdict> verdicts;
  if (o.all) verdicts = screener.ScreenAll();
  for (const auto& s : o.subjects) verdicts.push_back(screener.Screen(s));

  if (ctx.json) {
    json::array list;
    for (const auto& v : verdicts) list.push_back(v.ToJson());
    ctx.out << json::serialize(
                   json::object{{"ruleset", l.ruleset().id()}, {"verdicts", std::move(list)}})
            << "\n";
    return;
  }
  if (o.all && o.subjects.empty()) {
    size_t counts[3] = {0, 0, 0};
    char line[256];
    std::snprintf(line, sizeof line, "%-12s %-14s %-28s %s\n", "ASSET", "VERDICT", "REASONS",
                  "RULES");
    ctx.out << line;
    for (const auto& v : verdicts) {
      ++counts[static_cast<int>(v.level)];
      std::string reasons, rules;
      for (const auto& r : v.reasons) reasons += (reasons.empty() ? "" : ",") + r;
      for (const auto& f : v.fired) {
        if (f.level != screen::Level::kCompliant) rules += (rules.empty() ? "" : ",") + f.rule->id;
      }
      std::snprintf(line, sizeof line, "%-12s %-14s %-28s %s%s\n", v.subject.c_str(),
                    std::string(screen::Name(v.level)).c_str(), reasons.c_str(), rules.c_str(),
                    v.scholars_differ ? "  *" : "");
      ctx.out << line;
    }
    ctx.out << "\n"
            << verdicts.size() << " assets: " << counts[0] << " compliant, " << counts[1]
            << " doubtful, " << counts[2] << " non-compliant.  * scholars differ on a rule used.\n";
  } else {
    for (const auto& v : verdicts) PrintVerdict(ctx.out, v);
  }
  ctx.out << "\nRuleset " << l.ruleset().id() << " " << l.ruleset().version() << " (sha256 "
          << l.ruleset().sha256().substr(0, 16) << "…), facts " << l.facts().file() << " (sha256 "
          << l.facts().sha256().substr(0, 16) << "…)"
          << (l.overrides().empty()
                  ? ""
                  : ", overrides sha256 " + l.overrides().sha256().substr(0, 16) + "…")
          << ".\n"
          << "A screening result under this ruleset, not a fatwa. See docs/methodology.md.\n";
}

void Explain(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) return RemoteCall(ctx, "GET", "/api/v1/screen/rules/" + UrlPart(o.rule_id));
  auto loaded = Load(o);
  if (!loaded) return ctx.Report(loaded.error());
  const screen::Ruleset& rs = (*loaded)->ruleset();
  const screen::Rule* rule = rs.FindRule(o.rule_id);
  if (rule == nullptr) {
    std::string ids;
    for (const auto& r : rs.rules()) ids += " " + r.id;
    return ctx.Report(Error(ErrorCode::kNotFound,
                            "no rule " + o.rule_id + " in ruleset " + rs.id() + "; rules:" + ids));
  }
  if (ctx.json) {
    json::object out = screen::RuleJson(rs, *rule);
    ctx.out << json::serialize(out) << "\n";
    return;
  }
  ctx.out << rule->id << " (ruleset " << rs.id() << " " << rs.version() << ")\n"
          << "  " << rule->summary << "\n"
          << "  dimension " << screen::Name(rule->dimension) << ", applies to "
          << screen::Name(rule->scope) << ", verdict " << screen::Name(rule->verdict)
          << (rule->reason.empty() ? "" : " (" + rule->reason + ")") << "\n"
          << "  status " << screen::Name(rule->status) << ", "
          << (rule->overridable ? "a board may override it" : "cannot be overridden") << "\n"
          << "  why: " << rule->rationale << "\n";
  for (const auto& c : rule->citations)
    ctx.out << "  cites " << c.ref << ", \"" << c.title << "\""
            << (c.note.empty() ? "" : " — " + c.note) << "\n";
  if (!rule->question.empty()) {
    const auto& p = rs.positions().at(rule->question);
    ctx.out << "  scholars differ — " << rule->question << ": " << p.question << "\n"
            << "    this ruleset: " << p.position << "\n";
    for (const auto& a : p.alternatives) ctx.out << "    held by others: " << a << "\n";
    ctx.out << "    to choose another position, adopt another ruleset (--ruleset "
               "cautious|strict|FILE) or an overrides file.\n";
  }
}

}  // namespace

void AddScreenCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
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
