#include "cli/incident_commands.h"

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/network_options.h"
#include "cli/remote.h"
#include "incident/revocation.h"
#include "keys/label.h"
#include "transport/run_blocking.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;
using keys::Display;

struct IncidentOptions {
  std::string label;
  bool cancel_orders = false;
  std::string reason;
  std::string id;
  bool html = false;
};

// {"report": incident::IncidentJson, "files": {...}}.
void RenderRevoke(std::ostream& out, const json::value& a) {
  const json::value& r = Get(a, "report");
  const json::value& c = Get(r, "connection");
  out << "Revoked " << Display(Str(c, "label")) << ": its secret is destroyed (crypto-shred) and "
      << "it can never act again.\n";
  for (const auto& p : Items(r, "plans_paused")) out << "  paused plan " << Str(p) << "\n";
  for (const auto& o : Items(r, "orders_cancelled")) out << "  cancelled order " << Str(o) << "\n";
  for (const auto& p : Items(r, "problems")) out << "  could not: " << Str(p) << "\n";
  const auto& foreign = Items(r, "foreign_orders");
  out << "Orders Amanah did not place in the period: " << foreign.size() << "\n";
  for (const auto& f : foreign) {
    out << "  " << Str(f, "time") << "  " << Str(f, "symbol") << " " << Str(f, "side") << " "
        << Str(f, "quantity") << " @ " << Str(f, "price") << "  order " << Str(f, "order_id")
        << "\n";
  }
  out << "What to do now:\n";
  int n = 0;
  for (const auto& s : Items(r, "steps")) out << "  " << ++n << ". " << Str(s) << "\n";
  if (!Get(a, "files").is_null()) {
    out << "Incident report: " << Str(Get(a, "files"), "html") << " (and "
        << Str(Get(a, "files"), "json") << ")\n";
  } else {
    out << "Incident report: " << Str(a, "html") << " on the daemon\n";
  }
}

// An array of incident::Revocation::List's summaries.
void RenderIncidents(std::ostream& out, const json::value& list) {
  if (Items(list).empty()) out << "No incident reports.\n";
  for (const auto& i : Items(list)) {
    out << Str(i, "id") << "  " << Str(i, "to") << "  " << Display(Str(i, "label")) << " ("
        << Str(i, "exchange") << ")  foreign orders: " << Num(i, "foreign_orders") << "  "
        << Display(Str(i, "reason")) << "\n";
  }
}

void Revoke(Context& ctx, const IncidentOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    json::object body{{"cancel_open_orders", o.cancel_orders}};
    if (!o.reason.empty()) body["reason"] = o.reason;
    auto remote = RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(o.label) + "/revoke",
                             json::value(std::move(body)));
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto revocation = (*env)->revocation();
    if (!revocation) return ctx.Report(revocation.error());
    incident::RevokeRequest request;
    request.label = o.label;
    request.cancel_open_orders = o.cancel_orders;
    if (!o.reason.empty()) request.reason = o.reason;
    auto done = transport::RunBlocking((*env)->io(),
                                       (*revocation)->Revoke(CliTenant(), std::move(request)));
    if (!done) return ctx.Report(done.error());
    answer = json::object{
        {"outcome", "revoked"},
        {"report", incident::IncidentJson(done->report)},
        {"files", {{"json", done->json_file.string()}, {"html", done->html_file.string()}}}};
  }
  Emit(ctx, answer, RenderRevoke);
}

void Incidents(Context& ctx, const IncidentOptions& o) {
  if (IsRemote(ctx)) {
    if (o.id.empty()) {
      auto remote = RemoteJson(ctx, "GET", "/api/v1/incidents");
      if (!remote) return;
      return Emit(ctx, *remote, RenderIncidents);
    }
    auto remote = RemoteJson(ctx, "GET", "/api/v1/incidents/" + UrlPart(o.id));
    if (!remote) return;
    ctx.out << json::serialize(*remote) << "\n";
    return;
  }
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto revocation = (*env)->revocation();
  if (!revocation) return ctx.Report(revocation.error());
  if (o.id.empty()) {
    auto summaries = (*revocation)->List(CliTenant());
    if (!summaries) return ctx.Report(summaries.error());
    json::array answer(summaries->begin(), summaries->end());
    return Emit(ctx, answer, RenderIncidents);
  }
  auto text = (*revocation)->Report(CliTenant(), o.id, o.html ? "html" : "json");
  if (!text) return ctx.Report(text.error());
  ctx.out << *text;
}

}  // namespace

void AddIncidentCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<IncidentOptions>();
  auto* revoke = app.add_subcommand(
      "revoke",
      "Revoke a connection in one action: pause its plans, read the exchange's orders a last "
      "time, cancel our open orders if asked, destroy the secret, and write an incident report "
      "with the steps to take on the exchange");
  revoke->add_option("label", o->label, "The connection")->required();
  revoke->add_flag("--cancel-orders", o->cancel_orders, "Cancel Amanah's open orders first");
  revoke->add_option("--reason", o->reason, "Why (kept in the report and the journal)");
  revoke->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(revoke, ctx);
  revoke->callback([&ctx, o] { Revoke(ctx, *o); });

  auto* incidents = app.add_subcommand("incidents", "List incident reports, or print one");
  incidents->add_option("id", o->id, "A report's id");
  incidents->add_flag("--html", o->html, "Print the HTML page instead of JSON");
  incidents->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(incidents, ctx);
  incidents->callback([&ctx, o] { Incidents(ctx, *o); });
}

}  // namespace amanah::cli
