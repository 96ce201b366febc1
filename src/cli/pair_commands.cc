#include "cli/pair_commands.h"

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/remote.h"
#include "keys/label.h"

namespace amanah::cli {
namespace {

namespace json = boost::json;

struct PairOptions {
  std::string label;
  std::string action;  // "", "allow" or "revoke"
  std::vector<std::string> symbols;
};

// {"connection", "pairs"}, as the API's pairs routes answer.
void RenderPairs(std::ostream& out, const json::value& a) {
  const std::string label = Str(a, "connection");
  if (Items(a, "pairs").empty()) {
    out << "No pair is approved on " << keys::Display(label)
        << ": it places no order until one is (amanah pairs " << label << " allow BTCUSDT).\n";
    return;
  }
  out << "Pairs approved on " << keys::Display(label) << ":";
  for (const auto& p : Items(a, "pairs")) out << " " << Str(p);
  out << "\n";
}

void Pairs(Context& ctx, const PairOptions& o) {
  if (!o.action.empty() && o.symbols.empty()) {
    return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                  "name the pairs to " + o.action + ", e.g. BTCUSDT ETHUSDT"));
  }
  json::value answer;
  if (IsRemote(ctx)) {
    const std::string base = "/api/v1/connections/" + UrlPart(o.label) + "/pairs";
    std::optional<json::value> remote;
    if (o.action.empty()) {
      remote = RemoteJson(ctx, "GET", base);
    } else if (o.action == "allow") {
      json::array list;
      for (const auto& p : o.symbols) list.emplace_back(p);
      remote = RemoteJson(ctx, "POST", base, json::object{{"pairs", std::move(list)}});
    } else {
      for (const auto& p : o.symbols) {
        remote = RemoteJson(ctx, "DELETE", base + "/" + UrlPart(p));
        if (!remote) return;
      }
    }
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto pairs = (*env)->pairs();
    if (!pairs) {
      return ctx.Report(
          pairs.error().WithContext("open the vault (run `amanah vault init` first)"));
    }
    auto list = o.action == "allow"    ? (*pairs)->Approve(CliTenant(), o.label, o.symbols)
                : o.action == "revoke" ? (*pairs)->Revoke(CliTenant(), o.label, o.symbols)
                                       : (*pairs)->List(CliTenant(), o.label);
    if (!list) return ctx.Report(list.error());
    json::array out;
    for (const auto& s : *list) out.emplace_back(s);
    answer = json::object{{"connection", o.label}, {"pairs", out}};
  }
  Emit(ctx, answer, RenderPairs);
}

}  // namespace

void AddPairCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PairOptions>();
  auto* pairs = app.add_subcommand(
      "pairs",
      "List, approve (allow) or revoke the pairs a connection may trade; orders on any other "
      "pair are refused before signing");
  pairs->add_option("label", o->label, "The connection")->required();
  pairs->add_option("action", o->action, "allow or revoke (default: list)")
      ->check(CLI::IsMember({"allow", "revoke"}));
  pairs->add_option("pairs", o->symbols, "The exchange's symbols, e.g. BTCUSDT");
  pairs->add_flag("--json", ctx.json, "Print JSON");
  pairs->callback([&ctx, o] { Pairs(ctx, *o); });
}

}  // namespace amanah::cli
