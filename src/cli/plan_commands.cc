#include "cli/plan_commands.h"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/remote.h"
#include "keys/label.h"
#include "strategy/plan_history_json.h"
#include "transport/run_blocking.h"

namespace amanah::cli {
namespace {

namespace json = boost::json;
using base::ErrorCode;

struct CreateOptions {
  std::string kind;
  std::string name;
  std::string connection;
  std::string every;
  std::string time_zone;
  std::string catch_up;
  // dca
  std::string pair;
  std::string quote_amount;
  std::string order = "market";
  int64_t offset_bips = -1;
  std::string ceiling, budget, end;
  // rebalance
  std::string quote;
  std::vector<std::string> targets;  // ASSET=WEIGHT
  std::string band, min_notional;
  // webhook
  std::vector<std::string> pairs;
  int64_t max_lag = 0;
  std::string max_quote_amount;
};

struct PlanOptions {
  std::string plan;
  std::string reason;
  bool new_secret = false;
  // simulate
  std::string from, to;
  std::vector<std::string> prices;  // [ASSET=]FILE
  std::vector<std::string> start;   // ASSET=QTY
};

// The body POST /api/v1/plans/{id}/simulate reads, from the flags (CSV files read here).
base::Result<json::object> SimulationBody(const PlanOptions& o) {
  json::object b{{"from", o.from}, {"to", o.to}};
  json::object prices, start;
  for (const auto& p : o.prices) {
    const size_t eq = p.find('=');
    const std::string asset = eq == std::string::npos ? "PAIR" : p.substr(0, eq);
    const std::string file = eq == std::string::npos ? p : p.substr(eq + 1);
    std::ifstream in(file);
    if (!in) return base::Error(ErrorCode::kNotFound, "cannot read the prices file " + file);
    std::stringstream text;
    text << in.rdbuf();
    prices[asset] = text.str();
  }
  for (const auto& s : o.start) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return base::Error(ErrorCode::kInvalidArgument,
                         "--start is ASSET=QUANTITY (e.g. USDT=1000), not \"" + s + "\"");
    }
    start[s.substr(0, eq)] = s.substr(eq + 1);
  }
  if (!prices.empty()) b["prices"] = std::move(prices);
  if (!start.empty()) b["start"] = std::move(start);
  return b;
}

void RenderSimulation(std::ostream& out, const json::value& r) {
  out << Num(r, "runs") << " run(s) traded, " << Num(r, "skipped") << " made no trade\n"
      << "  spent " << Amount(r, "spent") << " " << Str(r, "quote") << ", received "
      << Amount(r, "received") << ", fees " << Amount(r, "fees") << "\n";
  if (!Str(r, "average_cost").empty()) out << "  average cost " << Str(r, "average_cost") << "\n";
  out << "  holdings:";
  const json::value& h = Get(r, "holdings");
  if (h.is_object()) {
    for (const auto& [asset, qty] : h.get_object()) out << " " << asset << " " << Amount(h, asset);
  }
  out << "\n  worth " << Amount(r, "final_value") << " " << Str(r, "quote") << " at the end\n";
  for (const auto& n : Items(r, "notes")) out << "  note: " << Str(n) << "\n";
}

// The body POST /api/v1/plans reads (strategy/plan.h), from the flags.
base::Result<json::object> Body(const CreateOptions& o) {
  json::object b{{"name", o.name}, {"kind", o.kind}, {"connection", o.connection}};
  if (!o.every.empty()) b["period"] = o.every;
  if (!o.time_zone.empty()) b["time_zone"] = o.time_zone;
  if (!o.catch_up.empty()) b["catch_up"] = o.catch_up;
  json::object spec;
  if (o.kind == "dca") {
    spec["pair"] = o.pair;
    spec["quote_amount"] = o.quote_amount;
    spec["order"] = o.order;
    if (o.offset_bips >= 0) spec["limit_offset_bips"] = o.offset_bips;
    if (!o.ceiling.empty()) spec["price_ceiling"] = o.ceiling;
    if (!o.budget.empty()) spec["total_budget"] = o.budget;
    if (!o.end.empty()) spec["end"] = o.end;
  } else if (o.kind == "rebalance") {
    spec["quote"] = o.quote;
    json::object targets;
    for (const auto& t : o.targets) {
      const size_t eq = t.find('=');
      if (eq == std::string::npos || eq == 0) {
        return base::Error(ErrorCode::kInvalidArgument,
                           "--target is ASSET=WEIGHT (e.g. BTC=0.6), not \"" + t + "\"");
      }
      targets[t.substr(0, eq)] = t.substr(eq + 1);
    }
    spec["targets"] = std::move(targets);
    spec["band"] = o.band;
    spec["min_notional"] = o.min_notional;
  } else {
    json::array pairs;
    for (const auto& p : o.pairs) pairs.emplace_back(p);
    spec["pairs"] = std::move(pairs);
    if (o.max_lag > 0) spec["max_lag_seconds"] = o.max_lag;
    if (!o.max_quote_amount.empty()) spec["max_quote_amount"] = o.max_quote_amount;
  }
  b[o.kind] = std::move(spec);
  return b;
}

void RenderPlan(std::ostream& out, const json::value& p) {
  out << Str(p, "name") << " (" << Str(p, "kind") << " on " << keys::Display(Str(p, "connection"))
      << "): " << Str(p, "status");
  if (!Str(p, "status_reason").empty()) out << " — " << Str(p, "status_reason");
  out << "\n";
  if (!Str(p, "period").empty()) {
    out << "  runs " << Str(p, "period") << " (" << Str(p, "time_zone") << "), next "
        << (Str(p, "next_run").empty() ? std::string("—") : Str(p, "next_run")) << "\n";
  }
  const json::value& dca = Get(p, "dca");
  if (dca.is_object()) {
    out << "  buys " << Amount(dca, "quote_amount") << " of " << Str(dca, "pair") << " ("
        << Str(dca, "order") << ")";
    if (!Str(dca, "price_ceiling").empty()) out << ", not above " << Amount(dca, "price_ceiling");
    if (!Str(dca, "total_budget").empty()) out << ", budget " << Amount(dca, "total_budget");
    if (!Str(dca, "end").empty()) out << ", until " << Str(dca, "end");
    out << "\n";
  }
  const json::value& rb = Get(p, "rebalance");
  if (rb.is_object()) {
    out << "  targets";
    const json::value& t = Get(rb, "targets");
    if (t.is_object()) {
      for (const auto& [asset, w] : t.get_object()) out << " " << asset << " " << Amount(t, asset);
    }
    out << " in " << Str(rb, "quote") << ", band " << Amount(rb, "band") << ", trades of at least "
        << Amount(rb, "min_notional") << "\n";
  }
  const json::value& wh = Get(p, "webhook");
  if (wh.is_object()) {
    out << "  signals on";
    if (Items(wh, "pairs").empty()) out << " any approved pair";
    for (const auto& s : Items(wh, "pairs")) out << " " << Str(s);
    out << ", max lag " << Num(wh, "max_lag_seconds") << " s\n";
  }
  out << "  " << Num(p, "runs") << " run(s), spent " << Amount(p, "spent") << "\n";
}

void RenderRun(std::ostream& out, const json::value& r) {
  out << Str(r, "slot") << "  " << Str(r, "state");
  if (!Str(r, "note").empty()) out << " — " << Str(r, "note");
  out << "\n";
  for (const auto& o : Items(r, "orders")) {
    out << "    " << Str(o, "intent") << " " << Str(o, "outcome");
    if (!Str(o, "state").empty()) out << " (" << Str(o, "state") << ")";
    if (!Str(o, "reason").empty()) out << ": " << Str(o, "reason");
    out << "\n";
  }
}

void RenderWebhook(std::ostream& out, const json::value& w) {
  out << "Webhook URL: " << Str(w, "url") << "\n";
  if (!Str(w, "secret").empty()) {
    out << "Secret:      " << Str(w, "secret")
        << "\n  (shown this once: put it in the sender's message as \"secret\", or sign with it "
           "— X-Amanah-Timestamp and X-Amanah-Signature = HMAC-SHA256(secret, timestamp + \".\" "
           "+ body); `amanah webhook show PLAN --new-secret` makes a new one)\n";
  } else {
    out << "The secret was shown when the plan was made; `--new-secret` replaces it.\n";
  }
}

// The local plan service, or the error that explains why not.
template <class F>
void Local(Context& ctx, F&& f) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto plans = (*env)->plans();
  if (!plans) return ctx.Report(plans.error().WithContext("open the vault (`amanah vault init`)"));
  f(**env, **plans);
}

json::value Shown(const strategy::PlanView& v) {
  return strategy::ToJson(v.plan, v.connection_label);
}

void Create(Context& ctx, const CreateOptions& o) {
  auto body = Body(o);
  if (!body) return ctx.Report(body.error());
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "POST", "/api/v1/plans", *body);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    bool ok = false;
    Local(ctx, [&](environment::Environment&, strategy::PlanService& plans) {
      json::value v(*body);
      base::JsonSource src{"the plan", ErrorCode::kInvalidArgument};
      auto created = plans.Create(CliTenant(), base::JsonView(v, "", &src));
      if (!created) return ctx.Report(created.error());
      json::object a{{"plan", Shown(created->view)}};
      if (created->webhook_secret) {
        a["webhook"] =
            json::object{{"url", "(the daemon's address)/api/v1/hooks/" + created->view.plan.id},
                         {"secret", created->webhook_secret->view()},
                         {"secret_shown_once", true}};
      }
      answer = std::move(a);
      ok = true;
    });
    if (!ok) return;
  }
  Emit(ctx, answer, [](std::ostream& out, const json::value& a) {
    out << "Created plan ";
    RenderPlan(out, Get(a, "plan"));
    if (Get(a, "webhook").is_object()) RenderWebhook(out, Get(a, "webhook"));
  });
}

// One plan action: method + path suffix for --server, the service call locally.
void Act(Context& ctx, const PlanOptions& o, std::string_view action) {
  json::value answer;
  const std::string base = "/api/v1/plans/" + UrlPart(o.plan);
  if (IsRemote(ctx)) {
    std::optional<json::value> remote;
    if (action == "list") remote = RemoteJson(ctx, "GET", "/api/v1/plans");
    if (action == "show") remote = RemoteJson(ctx, "GET", base);
    if (action == "pause") {
      remote = RemoteJson(ctx, "POST", base + "/pause", json::object{{"reason", o.reason}});
    }
    if (action == "resume") remote = RemoteJson(ctx, "POST", base + "/resume", json::object{});
    if (action == "run-now") remote = RemoteJson(ctx, "POST", base + "/run", json::object{});
    if (action == "history") remote = RemoteJson(ctx, "GET", base + "/history");
    if (action == "delete") remote = RemoteJson(ctx, "DELETE", base);
    if (action == "simulate") {
      auto body = SimulationBody(o);
      if (!body) return ctx.Report(body.error());
      remote = RemoteJson(ctx, "POST", base + "/simulate", *body);
    }
    if (action == "webhook") {
      remote = o.new_secret ? RemoteJson(ctx, "POST", base + "/webhook/secret", json::object{})
                            : RemoteJson(ctx, "GET", base + "/webhook");
    }
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    bool ok = false;
    Local(ctx, [&](environment::Environment& env, strategy::PlanService& plans) {
      const store::TenantId tenant = CliTenant();
      if (action == "list") {
        auto list = plans.List(tenant);
        if (!list) return ctx.Report(list.error());
        json::array a;
        for (const auto& v : *list) a.push_back(Shown(v));
        answer = std::move(a);
      } else if (action == "show" || action == "pause" || action == "resume") {
        auto v = action == "show" ? plans.Find(tenant, o.plan)
                 : action == "pause"
                     ? plans.Pause(tenant, o.plan,
                                   o.reason.empty() ? "paused from the CLI" : "paused: " + o.reason)
                     : plans.Resume(tenant, o.plan);
        if (!v) return ctx.Report(v.error());
        answer = Shown(*v);
      } else if (action == "run-now") {
        auto v = plans.Find(tenant, o.plan);
        if (!v) return ctx.Report(v.error());
        auto runner = env.plan_runner();
        if (!runner) return ctx.Report(runner.error());
        auto run = transport::RunBlocking(
            env.io(), (*runner)->Run(strategy::RunRequest{tenant, v->plan.id, env.clock().Now(),
                                                          std::nullopt}));
        if (!run) return ctx.Report(run.error());
        answer = strategy::RunJson(*run);
      } else if (action == "history") {
        auto runs = plans.History(tenant, o.plan, 500);
        if (!runs) return ctx.Report(runs.error());
        auto signals = plans.Signals(tenant, o.plan, 500);
        if (!signals) return ctx.Report(signals.error());
        json::array r, s;
        for (const auto& run : *runs) r.push_back(strategy::RunJson(run));
        for (const auto& sig : *signals) s.push_back(strategy::SignalRowJson(sig));
        answer = json::object{{"runs", std::move(r)}, {"signals", std::move(s)}};
      } else if (action == "simulate") {
        auto body = SimulationBody(o);
        if (!body) return ctx.Report(body.error());
        json::value v(std::move(*body));
        base::JsonSource src{"the simulation", ErrorCode::kInvalidArgument};
        auto request =
            strategy::ParseSimulationRequest(base::JsonView(v, "", &src), tenant, o.plan);
        if (!request) return ctx.Report(request.error());
        auto simulator = env.simulator();
        if (!simulator) return ctx.Report(simulator.error());
        auto result = transport::RunBlocking(env.io(), (*simulator)->Run(std::move(*request)));
        if (!result) return ctx.Report(result.error());
        answer = strategy::SimulationJson(*result);
      } else if (action == "delete") {
        auto deleted = plans.Delete(tenant, o.plan);
        if (!deleted) return ctx.Report(deleted.error());
        answer = json::object{{"deleted", o.plan}};
      } else if (action == "webhook") {
        json::object w;
        if (o.new_secret) {
          auto created = plans.RotateSecret(tenant, o.plan);
          if (!created) return ctx.Report(created.error());
          w["url"] = "(the daemon's address)/api/v1/hooks/" + created->view.plan.id;
          w["secret"] = created->webhook_secret->view();
          w["secret_shown_once"] = true;
        } else {
          auto v = plans.Find(tenant, o.plan);
          if (!v) return ctx.Report(v.error());
          if (v->plan.kind() != strategy::PlanKind::kWebhook) {
            return ctx.Report(base::Error(ErrorCode::kFailedPrecondition,
                                          "plan " + v->plan.name + " is not a webhook plan"));
          }
          w["url"] = "(the daemon's address)/api/v1/hooks/" + v->plan.id;
        }
        answer = std::move(w);
      }
      ok = true;
    });
    if (!ok) return;
  }
  Emit(ctx, answer, [action](std::ostream& out, const json::value& a) {
    if (action == "list") {
      if (Items(a).empty()) out << "No plans yet (amanah plan create dca …).\n";
      for (const auto& p : Items(a)) RenderPlan(out, p);
    } else if (action == "run-now") {
      RenderRun(out, a);
    } else if (action == "simulate") {
      RenderSimulation(out, a);
    } else if (action == "history") {
      if (Items(a, "runs").empty() && Items(a, "signals").empty()) out << "No runs yet.\n";
      for (const auto& r : Items(a, "runs")) RenderRun(out, r);
      for (const auto& s : Items(a, "signals")) {
        out << Str(s, "received_at") << "  signal " << Str(s, "id") << " " << Str(s, "state");
        if (!Str(s, "order").empty()) out << " order " << Str(s, "order");
        if (!Str(s, "reason").empty()) out << ": " << Str(s, "reason");
        out << "\n";
      }
    } else if (action == "delete") {
      out << "Deleted plan " << Str(a, "deleted") << " (its records stay in the journal).\n";
    } else if (action == "webhook") {
      RenderWebhook(out, a);
    } else {
      const json::value& p = Get(a, "recent_runs").is_array() ? a : a;
      RenderPlan(out, p);
      for (const auto& r : Items(a, "recent_runs")) RenderRun(out, r);
    }
  });
}

}  // namespace

void AddPlanCommands(CLI::App& app, Context& ctx) {
  auto* plan = app.add_subcommand(
      "plan",
      "Automated trading plans: DCA, rebalancing and webhook signals (spot only; every "
      "order passes the same checks as a manual one)");
  plan->require_subcommand(1);

  auto* create = plan->add_subcommand("create", "Create a plan");
  create->require_subcommand(1);
  for (std::string kind : {"dca", "rebalance", "webhook"}) {
    auto o = std::make_shared<CreateOptions>();
    o->kind = kind;
    const char* help = kind == "dca"         ? "Buy a quote amount of a pair every period"
                       : kind == "rebalance" ? "Keep target weights over held assets"
                                             : "Trade on signals from TradingView and the like";
    auto* c = create->add_subcommand(kind, help);
    c->add_option("name", o->name, "The plan's name")->required();
    c->add_option("--connection", o->connection, "The connection it trades on")->required();
    if (kind != "webhook") {
      c->add_option("--every", o->every,
                    "every:Nm | hourly[:MM] | daily@HH:MM | weekly:DOW@HH:MM | monthly:D@HH:MM")
          ->required();
      c->add_option("--time-zone", o->time_zone, "IANA time zone (default: [plans] time_zone)");
      c->add_option("--catch-up", o->catch_up, "Runs missed while no daemon ran: once | skip")
          ->check(CLI::IsMember({"once", "skip"}));
    }
    if (kind == "dca") {
      c->add_option("--pair", o->pair, "The exchange's symbol, e.g. BTCUSDT")->required();
      c->add_option("--quote-amount", o->quote_amount, "Quote to spend each run")->required();
      c->add_option("--order", o->order, "market | limit")
          ->check(CLI::IsMember({"market", "limit"}));
      c->add_option("--offset-bips", o->offset_bips, "Limit: below the last price by this");
      c->add_option("--ceiling", o->ceiling, "No buy above this price");
      c->add_option("--budget", o->budget, "Finish once this much is spent");
      c->add_option("--end", o->end, "Finish at this UTC time (2027-06-01T00:00:00Z)");
    } else if (kind == "rebalance") {
      c->add_option("--quote", o->quote, "What assets are valued in, e.g. USDT")->required();
      c->add_option("--target", o->targets, "ASSET=WEIGHT, repeated; weights sum to 1")->required();
      c->add_option("--band", o->band, "Drift allowed, e.g. 0.05")->required();
      c->add_option("--min-notional", o->min_notional, "Smallest trade, in the quote")->required();
    } else {
      c->add_option("--pair", o->pairs,
                    "A pair signals may name (repeated; default: any "
                    "approved pair)");
      c->add_option("--max-lag", o->max_lag, "Seconds a signal's timestamp may be off (60)");
      c->add_option("--max-quote-amount", o->max_quote_amount, "The largest buy per signal");
    }
    c->add_flag("--json", ctx.json, "Print JSON");
    c->callback([&ctx, o] { Create(ctx, *o); });
  }

  for (std::string action : {"list", "show", "pause", "resume", "run-now", "history", "delete"}) {
    auto o = std::make_shared<PlanOptions>();
    const char* help = action == "list"      ? "List the plans"
                       : action == "show"    ? "Show a plan and its recent runs"
                       : action == "pause"   ? "Pause a plan"
                       : action == "resume"  ? "Resume a paused plan from its next run"
                       : action == "run-now" ? "Run a plan once now, outside its schedule"
                       : action == "history" ? "A plan's runs and signals"
                       : action == "delete"  ? "Delete a plan (its journal records stay)"
                                             : "What a plan would have done over a price history "
                                               "(places nothing)";
    auto* c = plan->add_subcommand(action, help);
    if (action != "list") c->add_option("plan", o->plan, "The plan's name or id")->required();
    if (action == "pause") c->add_option("--reason", o->reason, "Why (journaled)");
    if (action == "simulate") {
      c->add_option("--from", o->from, "UTC date or time (2026-01-01)")->required();
      c->add_option("--to", o->to, "UTC date or time")->required();
      c->add_option("--prices", o->prices,
                    "[ASSET=]klines.csv (Binance's download format), repeated per asset; default: "
                    "the exchange's hourly candles");
      c->add_option("--start", o->start,
                    "Rebalance: ASSET=QUANTITY held at the start, repeated "
                    "(default: the connection's balances now)");
    }
    c->add_flag("--json", ctx.json, "Print JSON");
    c->callback([&ctx, o, action] { Act(ctx, *o, action); });
  }

  auto* webhook = app.add_subcommand("webhook", "Webhook plans' URL and secret");
  webhook->require_subcommand(1);
  auto wo = std::make_shared<PlanOptions>();
  auto* show = webhook->add_subcommand("show", "The plan's webhook URL (and a new secret, once)");
  show->add_option("plan", wo->plan, "The plan's name or id")->required();
  show->add_flag("--new-secret", wo->new_secret,
                 "Replace the secret (the old one stops working) and show the new one once");
  show->add_flag("--json", ctx.json, "Print JSON");
  show->callback([&ctx, wo] { Act(ctx, *wo, "webhook"); });
}

}  // namespace amanah::cli
