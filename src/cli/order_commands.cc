#include "cli/order_commands.h"

#include <boost/json.hpp>

#include "cli/network_options.h"
#include "cli/remote.h"
#include "engine/submit_outcome_json.h"
#include "order/intent_input.h"
#include "transport/run_blocking.h"

namespace amanah::cli {
namespace {

namespace json = boost::json;
using engine::SubmitOutcome;

struct Options {
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

base::Result<order::Intent> IntentFrom(const Options& o, engine::OrderEngine& engine) {
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

void PrintChecks(std::ostream& out, const policy::ChainResult& chain) {
  for (const auto& c : chain.outcomes) {
    const bool shadow = c.mode == policy::Mode::kShadow;
    if (!c.ran) {
      out << "  · " << c.check << " (not run)\n";
    } else if (!c.decision) {
      out << "  ✓ " << c.check << (shadow ? " (shadow)" : "") << "\n";
    } else {
      out << "  " << (shadow ? "~ " : "✗ ") << c.check << (shadow ? " (shadow, not enforced)" : "")
          << ": " << c.decision->code << " — " << c.decision->reason << "\n";
      if (!c.decision->rule.empty() || !c.decision->citation.empty()) {
        out << "      rule " << c.decision->rule
            << (c.decision->citation.empty() ? "" : " — " + c.decision->citation) << "\n";
      }
    }
  }
}

std::string RequestText(const exchange::HttpRequest& r) {
  std::string text = std::string(exchange::MethodName(r.method)) + " " + r.path;
  if (!r.query.empty()) text += "?" + r.query;
  if (!r.body.empty()) text += "\n  body: " + r.body;
  for (const auto& [name, value] : r.headers) text += "\n  " + name + ": " + value;
  return text;
}

void PrintOrder(std::ostream& out, const store::OrderRow& r) {
  out << r.id << "  " << r.symbol << " " << r.side << " " << r.type;
  if (r.quantity) out << " qty " << r.quantity->ToNormalizedString();
  if (r.quote_amount) out << " for " << r.quote_amount->ToNormalizedString();
  if (r.limit_price) out << " @ " << r.limit_price->ToNormalizedString();
  if (r.trigger_price) out << " trigger " << r.trigger_price->ToNormalizedString();
  if (r.trailing_bips) out << " trailing " << *r.trailing_bips << " BIPS";
  out << "  " << r.state;
  if (!r.executed_qty.IsZero()) out << " (filled " << r.executed_qty.ToNormalizedString() << ")";
  if (!r.exchange_order_id.empty()) out << "  exchange id " << r.exchange_order_id;
  out << "\n";
  if (!r.reason.empty()) out << "    " << r.reason << "\n";
}

void Order(Context& ctx, const Options& o) {
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
    return RemoteCall(ctx, "POST", "/api/v1/orders", body);
  }
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto engine = (*env)->engine();
  if (!engine) return ctx.Report(engine.error());
  auto intent = IntentFrom(o, **engine);
  if (!intent) return ctx.Report(intent.error());
  auto outcome = transport::RunBlocking((*env)->io(), (*engine)->Submit(*intent, o.dry_run));
  if (!outcome) return ctx.Report(outcome.error());
  const SubmitOutcome& r = *outcome;
  ctx.exit_code = r.kind == SubmitOutcome::Kind::kRejected  ? 2
                  : r.kind == SubmitOutcome::Kind::kUnknown ? 3
                                                            : 0;
  if (ctx.json) {
    ctx.out << json::serialize(engine::SubmitOutcomeJson(r)) << "\n";
    return;
  }
  switch (r.kind) {
    case SubmitOutcome::Kind::kDryRun:
      ctx.out << "Dry run: every check passed; nothing was placed.\n";
      break;
    case SubmitOutcome::Kind::kRejected:
      ctx.out << (r.chain.passed() ? "Refused by the exchange:\n" : "Refused before signing:\n");
      break;
    case SubmitOutcome::Kind::kPlaced:
      ctx.out << "Placed:\n";
      break;
    case SubmitOutcome::Kind::kUnknown:
      ctx.out << "Sent, and the answer was lost: the order is settled by its client order id "
                 "(never sent again):\n";
      break;
    case SubmitOutcome::Kind::kExisting:
      ctx.out << "This order was submitted before (nothing new was sent):\n";
      break;
  }
  if (!r.chain.outcomes.empty()) PrintChecks(ctx.out, r.chain);
  if (r.request) ctx.out << "Would sign and send:\n  " << RequestText(*r.request) << "\n";
  if (r.kind == SubmitOutcome::Kind::kDryRun) {
    ctx.out << (r.exchange_validated
                    ? "The exchange's test endpoint accepted it (validated, not placed).\n"
                    : "The exchange's test endpoint refused it: " +
                          (r.exchange_failure ? r.exchange_failure->explanation : "") + "\n");
  }
  if (r.order) PrintOrder(ctx.out, *r.order);
}

void Orders(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) {
    std::string target = "/api/v1/orders?open=" + std::string(o.open_only ? "true" : "false");
    if (!o.label.empty()) target += "&connection=" + UrlPart(o.label);
    return RemoteCall(ctx, "GET", target);
  }
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto engine = (*env)->engine();
  if (!engine) return ctx.Report(engine.error());
  std::optional<std::string> label;
  if (!o.label.empty()) label = o.label;
  auto rows = (*engine)->List(CliTenant(), label, o.open_only);
  if (!rows) return ctx.Report(rows.error());
  if (ctx.json) {
    json::array list;
    for (const auto& r : *rows) list.push_back(order::RowJson(r));
    ctx.out << json::serialize(list) << "\n";
    return;
  }
  if (rows->empty()) ctx.out << "No orders.\n";
  for (const auto& r : *rows) PrintOrder(ctx.out, r);
}

void Cancel(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) {
    if (o.order_id.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "with --server, name the order to cancel"));
    }
    return RemoteCall(ctx, "DELETE", "/api/v1/orders/" + UrlPart(o.order_id));
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
    if (ctx.json) {
      json::array list;
      for (const auto& r : *cancelled) {
        list.push_back(json::object{{"symbol", r.symbol},
                                    {"exchange_order_id", r.order_id},
                                    {"client_order_id", r.client_order_id},
                                    {"status", r.exchange_status}});
      }
      ctx.out << json::serialize(list) << "\n";
      return;
    }
    ctx.out << "Cancelled " << cancelled->size() << " open order"
            << (cancelled->size() == 1 ? "" : "s") << " on " << pair << "\n";
    for (const auto& r : *cancelled) {
      ctx.out << "  " << r.client_order_id << "  exchange id " << r.order_id << "  "
              << r.exchange_status << "\n";
    }
    return;
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
  if (ctx.json) {
    ctx.out << json::serialize(order::RowJson(*row)) << "\n";
    return;
  }
  PrintOrder(ctx.out, *row);
}

void Reconcile(Context& ctx, const Options& o) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto reconciler = (*env)->reconciler();
  if (!reconciler) return ctx.Report(reconciler.error());
  std::vector<engine::ReconcileReport> reports;
  if (o.label.empty()) {
    auto all = transport::RunBlocking((*env)->io(), (*reconciler)->ReconcileAll(CliTenant()));
    if (!all) return ctx.Report(all.error());
    reports = std::move(*all);
  } else {
    auto one = transport::RunBlocking((*env)->io(), (*reconciler)->Reconcile(CliTenant(), o.label));
    if (!one) return ctx.Report(one.error());
    reports.push_back(std::move(*one));
  }
  bool foreign = false, problems = false;
  json::array list;
  for (const auto& r : reports) {
    foreign = foreign || !r.foreign.empty();
    problems = problems || !r.problems.empty();
    if (ctx.json) {
      list.push_back(r.ToJson());
      continue;
    }
    ctx.out << r.label << ": " << r.orders_seen << " orders on the exchange, " << r.updated
            << " of ours updated, " << r.foreign.size() << " not placed by Amanah\n";
    for (const auto& f : r.foreign) {
      ctx.out << "  FOREIGN ORDER " << f.symbol << " " << f.side << " " << f.quantity << " @ "
              << f.price << " (exchange id " << f.order_id << ", client id " << f.client_order_id
              << ", " << f.status << ")\n";
    }
    if (r.suspended) {
      ctx.out << "  " << r.label
              << " is SUSPENDED: the key may be stolen. Delete it on the exchange, then `amanah "
                 "disconnect "
              << r.label << "`.\n";
    }
    for (const auto& p : r.problems) ctx.err << "amanah: " << r.label << ": " << p << "\n";
  }
  if (ctx.json) ctx.out << json::serialize(list) << "\n";
  ctx.exit_code = foreign ? 2 : problems ? 1 : 0;
}

}  // namespace

void AddOrderCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
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
