#include "cli/order_commands.h"

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/network_options.h"
#include "cli/remote.h"
#include "engine/submit_outcome_json.h"
#include "order/intent_input.h"
#include "transport/run_blocking.h"

namespace amanah::cli {
namespace {

namespace json = boost::json;
using engine::SubmitOutcome;

struct OrderOptions {
  std::string label;
  std::string side;
  std::string pair;
  std::string quantity;
  std::string quote_amount;
  std::string limit;
  std::string type;
  std::string tif = "gtc";
  std::string id;
  std::string order_id;
  std::string all_pair;
  std::string trigger;
  int64_t trailing = 0;
  bool dry_run = false;
  bool open_only = false;
};

base::Result<order::Intent> IntentFrom(const OrderOptions& o, engine::OrderEngine& engine) {
  order::IntentInput in;
  in.connection = o.label;
  in.pair = o.pair;
  in.side = o.side;
  in.quantity = o.quantity;
  in.quote_amount = o.quote_amount;
  in.limit = o.limit;
  in.type = o.type;
  in.tif = o.tif;
  in.trigger = o.trigger;
  in.trailing_bips = o.trailing;
  in.id = o.id;
  return order::BuildIntent(in, engine.NewIntent(CliTenant()));
}

// policy::ChainResult::ToJson.
void RenderChecks(std::ostream& out, const json::value& chain) {
  for (const auto& c : Items(chain, "checks")) {
    const bool shadow = Str(c, "mode") == "shadow";
    const std::string decision = Str(c, "decision"), check = Str(c, "check");
    if (decision == "not_run") {
      out << "  · " << check << " (not run)\n";
    } else if (decision != "reject") {
      out << "  ✓ " << check << (shadow ? " (shadow)" : "") << "\n";
    } else {
      const json::value& r = Get(c, "reject");
      out << "  " << (shadow ? "~ " : "✗ ") << check << (shadow ? " (shadow, not enforced)" : "")
          << ": " << Str(r, "code") << " — " << Str(r, "reason") << "\n";
      const std::string rule = Str(r, "rule"), citation = Str(r, "citation");
      if (!rule.empty() || !citation.empty()) {
        out << "      rule " << rule << (citation.empty() ? "" : " — " + citation) << "\n";
      }
    }
  }
}

// order::RowJson.
void RenderOrderRow(std::ostream& out, const json::value& r) {
  out << Str(r, "id") << "  " << Str(r, "symbol") << " " << Str(r, "side") << " " << Str(r, "type");
  if (!Str(r, "quantity").empty()) out << " qty " << Amount(r, "quantity");
  if (!Str(r, "quote_amount").empty()) out << " for " << Amount(r, "quote_amount");
  if (!Str(r, "limit_price").empty()) out << " @ " << Amount(r, "limit_price");
  if (!Str(r, "trigger_price").empty()) out << " trigger " << Amount(r, "trigger_price");
  if (Num(r, "trailing_bips") != 0) out << " trailing " << Num(r, "trailing_bips") << " BIPS";
  out << "  " << Str(r, "state");
  const std::string filled = Amount(r, "executed_qty");
  if (!filled.empty() && filled != "0") out << " (filled " << filled << ")";
  if (!Str(r, "exchange_order_id").empty()) out << "  exchange id " << Str(r, "exchange_order_id");
  out << "\n";
  if (!Str(r, "reason").empty()) out << "    " << Str(r, "reason") << "\n";
}

// engine::SubmitOutcomeJson.
void RenderSubmit(std::ostream& out, const json::value& a) {
  const std::string outcome = Str(a, "outcome");
  if (outcome == "dry_run") {
    out << "Dry run: every check passed; nothing was placed.\n";
  } else if (outcome == "rejected") {
    out << (Flag(Get(a, "checks"), "passed") ? "Refused by the exchange:\n"
                                             : "Refused before signing:\n");
  } else if (outcome == "placed") {
    out << "Placed:\n";
  } else if (outcome == "unknown") {
    out << "Sent, and the answer was lost: the order is settled by its client order id (never "
           "sent again):\n";
  } else if (outcome == "existing") {
    out << "This order was submitted before (nothing new was sent):\n";
  }
  RenderChecks(out, Get(a, "checks"));
  const json::value& request = Get(a, "request");
  if (!request.is_null()) {
    out << "Would sign and send:\n  " << Str(request, "method") << " " << Str(request, "path");
    if (!Str(request, "query").empty()) out << "?" << Str(request, "query");
    if (!Str(request, "body").empty()) out << "\n  body: " << Str(request, "body");
    out << "\n";
  }
  if (outcome == "dry_run") {
    out << (Flag(a, "exchange_validated")
                ? "The exchange's test endpoint accepted it (validated, not placed).\n"
                : "The exchange's test endpoint refused it: " + Str(a, "exchange_failure") + "\n");
  }
  if (!Get(a, "order").is_null()) RenderOrderRow(out, Get(a, "order"));
}

// The exit code of a submission: 2 refused, 3 outcome unknown, else 0.
int SubmitExit(const json::value& a) {
  const std::string outcome = Str(a, "outcome");
  return outcome == "rejected" ? 2 : outcome == "unknown" ? 3 : 0;
}

void Order(Context& ctx, const OrderOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    json::object body{{"connection", o.label},
                      {"pair", o.pair},
                      {"side", o.side},
                      {"tif", o.tif},
                      {"dry_run", o.dry_run}};
    for (auto [name, value] :
         {std::pair{"quantity", &o.quantity}, std::pair{"quote_amount", &o.quote_amount},
          std::pair{"limit", &o.limit}, std::pair{"type", &o.type},
          std::pair{"trigger", &o.trigger}, std::pair{"id", &o.id}}) {
      if (!value->empty()) body[name] = *value;
    }
    if (o.trailing != 0) body["trailing_bips"] = o.trailing;
    auto remote = RemoteJson(ctx, "POST", "/api/v1/orders", body);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto engine = (*env)->engine();
    if (!engine) return ctx.Report(engine.error());
    auto intent = IntentFrom(o, **engine);
    if (!intent) return ctx.Report(intent.error());
    auto outcome = transport::RunBlocking((*env)->io(), (*engine)->Submit(*intent, o.dry_run));
    if (!outcome) return ctx.Report(outcome.error());
    answer = engine::SubmitOutcomeJson(*outcome);
  }
  ctx.exit_code = SubmitExit(answer);
  Emit(ctx, answer, RenderSubmit);
}

void Orders(Context& ctx, const OrderOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    std::string target = "/api/v1/orders?open=" + std::string(o.open_only ? "true" : "false");
    if (!o.label.empty()) target += "&connection=" + UrlPart(o.label);
    auto remote = RemoteJson(ctx, "GET", target);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto engine = (*env)->engine();
    if (!engine) return ctx.Report(engine.error());
    std::optional<std::string> label;
    if (!o.label.empty()) label = o.label;
    auto rows = (*engine)->List(CliTenant(), label, o.open_only);
    if (!rows) return ctx.Report(rows.error());
    json::array list;
    for (const auto& r : *rows) list.push_back(order::RowJson(r));
    answer = std::move(list);
  }
  Emit(ctx, answer, [](std::ostream& out, const json::value& list) {
    if (Items(list).empty()) out << "No orders.\n";
    for (const auto& r : Items(list)) RenderOrderRow(out, r);
  });
}

void Cancel(Context& ctx, const OrderOptions& o) {
  if (IsRemote(ctx)) {
    if (o.order_id.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "with --server, name the order to cancel"));
    }
    auto remote = RemoteJson(ctx, "DELETE", "/api/v1/orders/" + UrlPart(o.order_id));
    if (!remote) return;
    return Emit(ctx, *remote, RenderOrderRow);
  }
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto engine = (*env)->engine();
  if (!engine) return ctx.Report(engine.error());
  if (!o.all_pair.empty() || o.order_id.empty()) {
    if (o.all_pair.empty() || !o.order_id.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "name one ORDER, or --all PAIR to cancel every open order "
                                    "of a pair"));
    }
    std::string pair = o.all_pair;
    for (char& c : pair) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto cancelled =
        transport::RunBlocking((*env)->io(), (*engine)->CancelAll(CliTenant(), o.label, pair));
    if (!cancelled) return ctx.Report(cancelled.error());
    json::array list;
    for (const auto& r : *cancelled) {
      list.push_back(json::object{{"symbol", r.symbol},
                                  {"exchange_order_id", r.order_id},
                                  {"client_order_id", r.client_order_id},
                                  {"status", r.exchange_status}});
    }
    return Emit(ctx, list, [&pair](std::ostream& out, const json::value& all) {
      const size_t n = Items(all).size();
      out << "Cancelled " << n << " open order" << (n == 1 ? "" : "s") << " on " << pair << "\n";
      for (const auto& r : Items(all)) {
        out << "  " << Str(r, "client_order_id") << "  exchange id " << Str(r, "exchange_order_id")
            << "  " << Str(r, "status") << "\n";
      }
    });
  }
  // The order must belong to the named connection.
  auto mine = (*engine)->List(CliTenant(), o.label, false, 100000);
  if (!mine) return ctx.Report(mine.error());
  bool found = false;
  for (const auto& r : *mine) found = found || r.id == o.order_id;
  if (!found) {
    return ctx.Report(
        base::Error(base::ErrorCode::kNotFound, "\"" + o.label + "\" has no order " + o.order_id));
  }
  auto row = transport::RunBlocking((*env)->io(), (*engine)->Cancel(CliTenant(), o.order_id));
  if (!row) return ctx.Report(row.error());
  Emit(ctx, order::RowJson(*row), RenderOrderRow);
}

// engine::ReconcileReport::ToJson, an array; problems go to `err`. The exit code: 2 if an order
// we did not place was found, else 1 if a connection could not be reconciled, else 0.
int RenderReconcile(std::ostream& out, std::ostream& err, const json::value& reports, bool text) {
  bool foreign = false, problems = false;
  for (const auto& r : Items(reports)) {
    const std::string label = Str(r, "label");
    foreign = foreign || !Items(r, "foreign").empty();
    problems = problems || !Items(r, "problems").empty();
    for (const auto& p : Items(r, "problems")) err << "amanah: " << label << ": " << Str(p) << "\n";
    if (!text) continue;
    out << label << ": " << Num(r, "orders_seen") << " orders on the exchange, "
        << Num(r, "updated") << " of ours updated, " << Items(r, "foreign").size()
        << " not placed by Amanah\n";
    for (const auto& f : Items(r, "foreign")) {
      out << "  FOREIGN ORDER " << Str(f, "symbol") << " " << Str(f, "side") << " "
          << Str(f, "quantity") << " @ " << Str(f, "price") << " (exchange id "
          << Str(f, "exchange_order_id") << ", client id " << Str(f, "client_order_id") << ", "
          << Str(f, "status") << ")\n";
    }
    if (Flag(r, "suspended")) {
      out << "  " << label
          << " is SUSPENDED: the key may be stolen. Delete it on the exchange, then `amanah "
             "disconnect "
          << label << "`.\n";
    }
  }
  return foreign ? 2 : problems ? 1 : 0;
}

void Reconcile(Context& ctx, const OrderOptions& o) {
  json::array reports;
  if (IsRemote(ctx)) {
    std::vector<std::string> labels;
    if (!o.label.empty()) {
      labels.push_back(o.label);
    } else {
      auto list = RemoteJson(ctx, "GET", "/api/v1/connections");
      if (!list) return;
      for (const auto& c : Items(*list)) {
        if (Str(c, "status") != "revoked") labels.push_back(Str(c, "label"));
      }
    }
    for (const auto& label : labels) {
      auto one = RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(label) + "/reconcile");
      if (!one) return;
      reports.push_back(std::move(*one));
    }
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto reconciler = (*env)->reconciler();
    if (!reconciler) return ctx.Report(reconciler.error());
    if (o.label.empty()) {
      auto all = transport::RunBlocking((*env)->io(), (*reconciler)->ReconcileAll(CliTenant()));
      if (!all) return ctx.Report(all.error());
      for (const auto& r : *all) reports.push_back(r.ToJson());
    } else {
      auto one =
          transport::RunBlocking((*env)->io(), (*reconciler)->Reconcile(CliTenant(), o.label));
      if (!one) return ctx.Report(one.error());
      reports.push_back(one->ToJson());
    }
  }
  if (ctx.json) ctx.out << json::serialize(reports) << "\n";
  ctx.exit_code = RenderReconcile(ctx.out, ctx.err, reports, !ctx.json);
}

}  // namespace

void AddOrderCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<OrderOptions>();
  auto* place = app.add_subcommand(
      "order", "Check and place a spot order (exit 0 placed, 2 refused, 3 outcome unknown)");
  place->add_option("label", o->label, "The connection")->required();
  place->add_option("side", o->side, "buy or sell")
      ->required()
      ->check(CLI::IsMember({"buy", "sell"}));
  place->add_option("pair", o->pair, "The exchange's symbol, e.g. BTCUSDT")->required();
  place->add_option("quantity", o->quantity, "Base quantity (or --quote-amount for a market buy)");
  place->add_option("--quote-amount", o->quote_amount, "Spend this much quote (market orders)");
  place->add_option("--limit", o->limit, "Limit price (a limit order; default: market)");
  place
      ->add_option("--type", o->type,
                   "limit, market, limit_maker, stop_loss_limit or take_profit_limit")
      ->check(CLI::IsMember(
          {"limit", "market", "limit_maker", "stop_loss_limit", "take_profit_limit"}));
  place->add_option("--trigger", o->trigger,
                    "Stop-loss / take-profit: the price that triggers the limit order (with "
                    "--trailing: the price where trailing starts)");
  place
      ->add_option("--trailing", o->trailing,
                   "Stop-loss / take-profit: trail the best price by this many BIPS "
                   "(100 = 1%) and trigger when the price turns back by it")
      ->check(CLI::Range(1, 9999));
  place->add_option("--tif", o->tif, "Time in force of a limit order: gtc, ioc or fok")
      ->check(CLI::IsMember({"gtc", "ioc", "fok"}));
  place->add_option("--id", o->id,
                    "The order's id (32 lowercase hex; default: new). The same id twice places "
                    "one order");
  place->add_flag("--dry-run", o->dry_run,
                  "Run every check and print the exact request that would be signed and sent");
  place->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(place, ctx);
  place->callback([&ctx, o] { Order(ctx, *o); });

  auto* list = app.add_subcommand("orders", "List orders, newest first");
  list->add_option("label", o->label, "One connection (default: all)");
  list->add_flag("--open", o->open_only, "Only orders still open or unsettled");
  list->add_flag("--json", ctx.json, "Print JSON");
  list->callback([&ctx, o] { Orders(ctx, *o); });

  auto* cancel = app.add_subcommand("cancel", "Cancel an open order, or every one of a pair");
  cancel->add_option("label", o->label, "The connection")->required();
  cancel->add_option("order", o->order_id, "The order's id");
  cancel->add_option("--all", o->all_pair,
                     "Cancel every open order of this pair on the connection (one request)");
  cancel->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(cancel, ctx);
  cancel->callback([&ctx, o] { Cancel(ctx, *o); });

  auto* reconcile = app.add_subcommand(
      "reconcile",
      "Match the exchange's orders with ours; report (and suspend on) orders Amanah did not "
      "place (exit 2 when there are any)");
  reconcile->add_option("label", o->label, "One connection (default: all)");
  reconcile->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(reconcile, ctx);
  reconcile->callback([&ctx, o] { Reconcile(ctx, *o); });
}

}  // namespace amanah::cli
