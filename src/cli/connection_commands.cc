#include "cli/connection_commands.h"

#include <boost/json.hpp>

#include "cli/key_file.h"
#include "cli/network_options.h"
#include "cli/remote.h"
#include "keys/label.h"
#include "keys/outcome_json.h"
#include "transport/run_blocking.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;
using base::Error;
using keys::AuditOutcome;
using keys::ConnectOutcome;
using keys::Display;

struct Options {
  std::string exchange = "binance";
  std::string label;
  std::string key_file;
  std::optional<std::string> key_type;
  std::string base_url;
};

void PrintChecklist(std::ostream& out, std::string_view exchange, const audit::KeyVerdict& v) {
  out << "Permissions (as on " << exchange << "'s API-management page):\n";
  for (const auto& item : v.checklist) {
    out << "  " << (item.ok() ? "✓" : "✗") << " " << item.label << ": "
        << exchange::FlagName(item.value) << " (want " << (item.want_on ? "on" : "off") << ") — "
        << item.meaning << "\n";
  }
  for (const auto& f : v.findings) {
    if (f.severity == audit::Severity::kInfo) continue;
    out << "  " << (f.severity == audit::Severity::kHard ? "REFUSED" : "warning") << " " << f.code
        << " [" << f.concern << "]: " << f.found << ". " << f.why << ".\n      fix: " << f.fix
        << "\n";
  }
  for (const auto& f : v.findings) {
    if (f.severity == audit::Severity::kInfo) out << "  note: " << f.found << ". " << f.fix << "\n";
  }
  for (const auto& n : v.notes) out << "  note: " << n << "\n";
  out << "  " << v.margin_exclusion << "\n  " << v.ip_instruction << "\n";
}

void PrintBalances(std::ostream& out, const std::vector<exchange::Balance>& balances,
                   std::string_view indent) {
  for (const auto& b : balances) {
    out << indent << b.asset << "  free " << b.free.ToNormalizedString() << "  locked "
        << b.locked.ToNormalizedString() << "\n";
  }
}

void ReportDiagnosis(Context& ctx, const keys::Diagnosis& d) {
  ctx.Report(Error(d.code, d.explanation));
}

// The key goes in the request's JSON body (never a URL); its copies are wiped once sent.
void RemoteConnect(Context& ctx, const Options& o) {
  auto key = ReadKeyFile(o.key_file, o.key_type);
  if (!key) return ctx.Report(key.error());
  if (!o.base_url.empty()) {
    return ctx.Report(
        Error(base::ErrorCode::kInvalidArgument,
              "--base-url is the daemon operator's setting ([exchanges.NAME] endpoint) "
              "with --server"));
  }
  json::object body{{"exchange", o.exchange}, {"label", o.label}, {"api_key", key->key.api_key}};
  body[key->key.key_type == "hmac" ? "secret" : "private_key"] = key->key.secret.view();
  if (key->key.passphrase) body["passphrase"] = key->key.passphrase->view();
  json::value value = std::move(body);
  RemoteCall(ctx, "POST", "/api/v1/connections", value);
  for (auto& [k, v] : value.as_object()) {
    if (v.is_string() && !v.as_string().empty()) {
      std::fill(v.as_string().begin(), v.as_string().end(), '\0');
    }
  }
}

void Connect(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) return RemoteConnect(ctx, o);
  auto key = ReadKeyFile(o.key_file, o.key_type);
  if (!key) return ctx.Report(key.error());
  for (const auto& w : key->warnings) ctx.Warn(w);
  auto service = ctx.Keys();
  if (!service) return ctx.Report(service.error());
  keys::KeyInput input{o.exchange, o.label, std::move(key->key), std::nullopt};
  if (!o.base_url.empty()) input.endpoint = o.base_url;
  auto env = ctx.Env();
  ConnectOutcome outcome =
      transport::RunBlocking((*env)->io(), (*service)->Connect(CliTenant(), std::move(input)));
  if (ctx.json) ctx.out << json::serialize(keys::ConnectOutcomeJson(outcome)) << "\n";
  switch (outcome.kind) {
    case ConnectOutcome::Kind::kFailed:
      return ReportDiagnosis(ctx, *outcome.failure);
    case ConnectOutcome::Kind::kRefused:
      if (outcome.journal_problem)
        ctx.Warn("the refusal could not be journaled: " + *outcome.journal_problem);
      if (!ctx.json) {
        ctx.out << "Refused: the key for " << Display(o.label)
                << " crosses the compliance boundary. Nothing was stored.\n";
        PrintChecklist(ctx.out, outcome.exchange_name, outcome.verdict);
      }
      ctx.exit_code = 2;
      return;
    case ConnectOutcome::Kind::kAccepted:
      break;
  }
  if (ctx.json) return;
  const keys::ConnectionView& c = *outcome.connection;
  ctx.out << "Connected " << Display(c.label) << " (" << outcome.exchange_name << " account "
          << Display(c.account_id.value_or("?")) << ", " << c.key_type << " key).\n";
  PrintChecklist(ctx.out, outcome.exchange_name, outcome.verdict);
  if (outcome.balances_failure) {
    ctx.out << "Balances could not be read: " << outcome.balances_failure->explanation << "\n";
    return;
  }
  ctx.out << "Spot balances:\n";
  PrintBalances(ctx.out, outcome.balances, "  ");
}

void Connections(Context& ctx) {
  if (IsRemote(ctx)) return RemoteCall(ctx, "GET", "/api/v1/connections");
  auto service = ctx.Keys();
  if (!service) return ctx.Report(service.error());
  auto list = (*service)->List(CliTenant());
  if (!list) return ctx.Report(list.error());
  if (ctx.json) {
    json::array a;
    for (const auto& c : *list) a.push_back(keys::ConnectionJson(c));
    ctx.out << json::serialize(a) << "\n";
    return;
  }
  if (list->empty())
    ctx.out
        << "No connections. Connect one with `amanah connect binance --label L --key-file F`.\n";
  auto env = ctx.Env();
  for (const auto& c : *list) {
    auto driver = (*env)->registry().Find(c.exchange);
    const bool own_origin = !c.endpoint || (driver && *c.endpoint == (*driver)->default_origin());
    ctx.out << Display(c.label) << "  " << Display(c.exchange) << "  "
            << store::ConnectionStatusName(c.status) << "  key "
            << Display(c.api_key_id.substr(0, 8)) << "…  account "
            << Display(c.account_id.value_or("?"))
            << (own_origin ? "" : "  at " + Display(*c.endpoint))
            << (c.integrity_problem.empty() ? "" : "  INTEGRITY CHECK FAILED") << "\n";
  }
}

void Audit(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) {
    if (o.label.empty()) {
      return ctx.Report(
          Error(base::ErrorCode::kInvalidArgument, "with --server, name the connection to audit"));
    }
    return RemoteCall(ctx, "POST", "/api/v1/connections/" + UrlPart(o.label) + "/audit");
  }
  auto service = ctx.Keys();
  if (!service) return ctx.Report(service.error());
  auto env = ctx.Env();
  std::vector<AuditOutcome> outcomes;
  if (!o.label.empty()) {
    outcomes.push_back(
        transport::RunBlocking((*env)->io(), (*service)->Audit(CliTenant(), o.label)));
  } else {
    auto all = transport::RunBlocking((*env)->io(), (*service)->AuditAll(CliTenant()));
    if (!all) return ctx.Report(all.error());
    outcomes = std::move(*all);
  }
  json::array results;
  bool error = false;
  bool non_compliant = false;
  for (const auto& a : outcomes) {
    if (ctx.json) results.push_back(keys::AuditOutcomeJson(a));
    const std::string label = Display(a.connection.label);
    if (a.kind == AuditOutcome::Kind::kFailed) {
      error = true;
      ctx.err << "amanah: " << label << ": " << a.failure->explanation << "\n";
      continue;
    }
    non_compliant = non_compliant || a.kind == AuditOutcome::Kind::kNonCompliant;
    if (a.failure) {  // the key was refused: suspended
      ctx.err << "amanah: " << label << ": " << a.failure->explanation << "\n";
      continue;
    }
    if (ctx.json) continue;
    ctx.out << label << ": "
            << (a.kind == AuditOutcome::Kind::kCompliant
                    ? "compliant"
                    : "NOT COMPLIANT — suspended until an audit passes")
            << "\n";
    PrintChecklist(ctx.out, a.exchange_name, a.verdict);
  }
  if (ctx.json) ctx.out << json::serialize(results) << "\n";
  ctx.exit_code = error ? 1 : non_compliant ? 2 : 0;
}

void Balances(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) {
    return RemoteCall(ctx, "GET", "/api/v1/connections/" + UrlPart(o.label) + "/balances");
  }
  auto service = ctx.Keys();
  if (!service) return ctx.Report(service.error());
  auto env = ctx.Env();
  auto balances = transport::RunBlocking((*env)->io(), (*service)->Balances(CliTenant(), o.label));
  if (!balances) return ctx.Report(balances.error());
  if (ctx.json) {
    ctx.out << json::serialize(keys::BalancesJson(balances->balances)) << "\n";
    return;
  }
  PrintBalances(ctx.out, balances->balances, "");
}

void Disconnect(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) return RemoteCall(ctx, "DELETE", "/api/v1/connections/" + UrlPart(o.label));
  auto service = ctx.Keys();
  if (!service) return ctx.Report(service.error());
  auto done = (*service)->Disconnect(CliTenant(), o.label);
  if (!done) return ctx.Report(done.error());
  ctx.out << "Disconnected " << Display(done->connection.label)
          << ": its secret is destroyed (crypto-shred). Delete the key on the exchange too.\n";
}

}  // namespace

void AddConnectionCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
  auto net = [&ctx](CLI::App* c) { AddNetworkOptions(c, ctx); };
  auto* connect = app.add_subcommand(
      "connect",
      "Connect an exchange key: test it, audit it, and store it only if it is compliant");
  connect->add_option("exchange", o->exchange, "binance")->required();
  connect->add_option("--label", o->label, "A name for this connection")->required();
  connect
      ->add_option("--key-file", o->key_file,
                   "File with api_key= and secret= (or private_key_file=); - reads stdin")
      ->required();
  connect->add_option("--key-type", o->key_type, "hmac, ed25519 or rsa (default: from the file)")
      ->check(CLI::IsMember({"hmac", "ed25519", "rsa"}));
  connect->add_option("--base-url", o->base_url,
                      "The exchange's API origin (default: [exchanges.NAME] endpoint in "
                      "amanah.toml, else the exchange's own; a paper exchange's URL)");
  connect->add_flag("--json", ctx.json, "Print JSON");
  net(connect);
  connect->callback([&ctx, o] { Connect(ctx, *o); });

  auto* list = app.add_subcommand("connections", "List connections");
  list->add_flag("--json", ctx.json, "Print JSON");
  list->callback([&ctx] { Connections(ctx); });

  auto* audit_cmd = app.add_subcommand(
      "audit", "Re-audit connections on the exchange (exit 0 compliant, 2 not, 1 error)");
  audit_cmd->add_option("label", o->label, "One connection (default: all)");
  audit_cmd->add_flag("--json", ctx.json, "Print JSON");
  net(audit_cmd);
  audit_cmd->callback([&ctx, o] { Audit(ctx, *o); });

  auto* balances = app.add_subcommand("balances", "Spot balances of a connection");
  balances->add_option("label", o->label, "The connection")->required();
  balances->add_flag("--json", ctx.json, "Print JSON");
  net(balances);
  balances->callback([&ctx, o] { Balances(ctx, *o); });

  auto* disconnect =
      app.add_subcommand("disconnect", "Destroy a connection's secret (crypto-shred)");
  disconnect->add_option("label", o->label, "The connection")->required();
  disconnect->callback([&ctx, o] { Disconnect(ctx, *o); });
}

}  // namespace amanah::cli
