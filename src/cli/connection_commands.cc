#include "cli/connection_commands.h"

#include <boost/json.hpp>

#include "base/wipe.h"
#include "cli/answer.h"
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
using keys::ConnectOutcome;
using keys::Display;

struct ConnectionOptions {
  std::string exchange = "binance";
  std::string label;
  std::string key_file;
  std::optional<std::string> key_type;
  std::string base_url;
};

}  // namespace

json::object KeyBody(const exchange::KeyMaterial& key) {
  json::object body{{"api_key", key.api_key}};
  body[key.key_type == "hmac" ? "secret" : "private_key"] = key.secret.view();
  if (key.passphrase) body["passphrase"] = key.passphrase->view();
  return body;
}

void RenderChecklist(std::ostream& out, std::string_view exchange, const json::value& verdict) {
  out << "Permissions (as on " << exchange << "'s API-management page):\n";
  for (const auto& item : Items(verdict, "checklist")) {
    out << "  " << (Flag(item, "ok") ? "✓" : "✗") << " " << Str(item, "label") << ": "
        << Str(item, "value") << " (want " << Str(item, "want") << ") — " << Str(item, "meaning")
        << "\n";
  }
  for (const auto& f : Items(verdict, "findings")) {
    const std::string severity = Str(f, "severity");
    if (severity == "info") continue;
    out << "  " << (severity == "hard" ? "REFUSED" : "warning") << " " << Str(f, "code") << " ["
        << Str(f, "concern") << "]: " << Str(f, "found") << ". " << Str(f, "why")
        << ".\n      fix: " << Str(f, "fix") << "\n";
  }
  for (const auto& f : Items(verdict, "findings")) {
    if (Str(f, "severity") == "info") {
      out << "  note: " << Str(f, "found") << ". " << Str(f, "fix") << "\n";
    }
  }
  for (const auto& n : Items(verdict, "notes")) out << "  note: " << Str(n) << "\n";
  out << "  " << Str(verdict, "margin_exclusion") << "\n  " << Str(verdict, "ip_instruction")
      << "\n";
}

namespace {

// keys::BalancesJson.
void RenderBalances(std::ostream& out, const json::value& balances, std::string_view indent) {
  for (const auto& b : Items(balances)) {
    out << indent << Str(b, "asset") << "  free " << Amount(b, "free") << "  locked "
        << Amount(b, "locked") << "\n";
  }
}

// keys::ConnectOutcomeJson; `label` as asked.
void RenderConnect(std::ostream& out, const std::string& label, const json::value& a) {
  const std::string exchange = Str(a, "exchange");
  if (Str(a, "outcome") == "refused") {
    out << "Refused: the key for " << Display(label)
        << " crosses the compliance boundary. Nothing was stored.\n";
    RenderChecklist(out, exchange, Get(a, "verdict"));
    return;
  }
  const json::value& c = Get(a, "connection");
  const std::string account = Str(c, "account_id");
  out << "Connected " << Display(Str(c, "label")) << " (" << exchange << " account "
      << Display(account.empty() ? "?" : account) << ", " << Str(c, "key_type") << " key).\n";
  RenderChecklist(out, exchange, Get(a, "verdict"));
  if (!Get(a, "balances_failure").is_null()) {
    out << "Balances could not be read: " << Str(Get(a, "balances_failure"), "explanation") << "\n";
    return;
  }
  out << "Spot balances:\n";
  RenderBalances(out, Get(a, "balances"), "  ");
}

// An array of keys::ConnectionJson.
void RenderConnections(std::ostream& out, const json::value& list) {
  if (Items(list).empty()) {
    out << "No connections. Connect one with `amanah connect binance --label L --key-file F`.\n";
  }
  for (const auto& c : Items(list)) {
    const std::string account = Str(c, "account_id"), endpoint = Str(c, "endpoint");
    out << Display(Str(c, "label")) << "  " << Display(Str(c, "exchange")) << "  "
        << Str(c, "status") << "  key " << Display(Str(c, "api_key").substr(0, 8)) << "…  account "
        << Display(account.empty() ? "?" : account)
        << (endpoint.empty() ? "" : "  at " + Display(endpoint))
        << (Str(c, "integrity") == "failed" ? "  INTEGRITY CHECK FAILED" : "") << "\n";
  }
}

// keys::AuditOutcomeJson, one or an array; failures go to `err`. The exit code: 1 if any audit
// could not be run, else 2 if any key is not compliant, else 0.
int RenderAudits(std::ostream& out, std::ostream& err, const json::value& answer, bool text) {
  json::array one;
  if (answer.is_object()) one.push_back(answer);
  const json::array& all = answer.is_object() ? one : Items(answer);
  bool error = false, non_compliant = false;
  for (const auto& a : all) {
    const std::string label = Display(Str(Get(a, "connection"), "label"));
    const std::string outcome = Str(a, "outcome");
    if (outcome == "failed") {
      error = true;
      err << "amanah: " << label << ": " << Str(Get(a, "failure"), "explanation") << "\n";
      continue;
    }
    non_compliant = non_compliant || outcome == "non_compliant";
    if (!Get(a, "failure").is_null()) {  // the key was refused: suspended
      err << "amanah: " << label << ": " << Str(Get(a, "failure"), "explanation") << "\n";
      continue;
    }
    if (!text) continue;
    out << label << ": "
        << (outcome == "compliant" ? "compliant"
                                   : "NOT COMPLIANT — suspended until an audit passes")
        << "\n";
    RenderChecklist(out, Str(a, "exchange"), Get(a, "verdict"));
  }
  return error ? 1 : non_compliant ? 2 : 0;
}

// The key goes in the request's JSON body (never a URL); its copies are wiped once sent.
std::optional<json::value> RemoteConnect(Context& ctx, const ConnectionOptions& o) {
  auto key = ReadKeyFile(o.key_file, o.key_type);
  if (!key) {
    ctx.Report(key.error());
    return std::nullopt;
  }
  if (!o.base_url.empty()) {
    ctx.Report(Error(base::ErrorCode::kInvalidArgument,
                     "--base-url is the daemon operator's setting ([exchanges.NAME] endpoint) "
                     "with --server"));
    return std::nullopt;
  }
  json::object body = KeyBody(key->key);
  body["exchange"] = o.exchange;
  body["label"] = o.label;
  json::value value = std::move(body);
  auto answer = RemoteJson(ctx, "POST", "/api/v1/connections", value);
  base::Wipe(value);
  return answer;
}

void Connect(Context& ctx, const ConnectionOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteConnect(ctx, o);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
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
    auto made = KeyOutcomeAnswer(ctx, outcome, keys::ConnectOutcomeJson);
    if (!made) return;
    answer = std::move(*made);
  }
  Emit(ctx, answer,
       [&o](std::ostream& out, const json::value& a) { RenderConnect(out, o.label, a); });
}

void Connections(Context& ctx) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "GET", "/api/v1/connections");
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto list = (*service)->List(CliTenant());
    if (!list) return ctx.Report(list.error());
    json::array a;
    for (const auto& c : *list) a.push_back(keys::ConnectionJson(c));
    answer = std::move(a);
  }
  Emit(ctx, answer, RenderConnections);
}

// Every live connection's audit through the daemon, as the local form audits them all.
std::optional<json::value> RemoteAuditAll(Context& ctx) {
  auto list = RemoteJson(ctx, "GET", "/api/v1/connections");
  if (!list) return std::nullopt;
  json::array out;
  for (const auto& c : Items(*list)) {
    if (Str(c, "status") == "revoked") continue;
    auto one =
        RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(Str(c, "label")) + "/audit");
    if (!one) return std::nullopt;
    out.push_back(std::move(*one));
  }
  return json::value(std::move(out));
}

void Audit(Context& ctx, const ConnectionOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote =
        o.label.empty()
            ? RemoteAuditAll(ctx)
            : RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(o.label) + "/audit");
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto env = ctx.Env();
    if (!o.label.empty()) {
      answer = keys::AuditOutcomeJson(
          transport::RunBlocking((*env)->io(), (*service)->Audit(CliTenant(), o.label)));
    } else {
      auto all = transport::RunBlocking((*env)->io(), (*service)->AuditAll(CliTenant()));
      if (!all) return ctx.Report(all.error());
      json::array results;
      for (const auto& a : *all) results.push_back(keys::AuditOutcomeJson(a));
      answer = std::move(results);
    }
  }
  if (ctx.json) ctx.out << json::serialize(answer) << "\n";
  ctx.exit_code = RenderAudits(ctx.out, ctx.err, answer, !ctx.json);
}

void Balances(Context& ctx, const ConnectionOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "GET", "/api/v1/connections/" + UrlPart(o.label) + "/balances");
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto env = ctx.Env();
    auto balances =
        transport::RunBlocking((*env)->io(), (*service)->Balances(CliTenant(), o.label));
    if (!balances) return ctx.Report(balances.error());
    answer = keys::BalancesJson(balances->balances);
  }
  Emit(ctx, answer, [](std::ostream& out, const json::value& a) { RenderBalances(out, a, ""); });
}

void Disconnect(Context& ctx, const ConnectionOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "DELETE", "/api/v1/connections/" + UrlPart(o.label));
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto done = (*service)->Disconnect(CliTenant(), o.label);
    if (!done) return ctx.Report(done.error());
    answer = keys::ConnectionJson(done->connection);
  }
  Emit(ctx, answer, [](std::ostream& out, const json::value& c) {
    out << "Disconnected " << Display(Str(c, "label"))
        << ": its secret is destroyed (crypto-shred). Delete the key on the exchange too.\n";
  });
}

}  // namespace

void AddConnectionCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ConnectionOptions>();
  auto net = [&ctx](CLI::App* c) { AddNetworkOptions(c, ctx); };
  auto* connect = app.add_subcommand(
      "connect",
      "Connect an exchange key: test it, audit it, and store it only if it is compliant");
  connect->add_option("exchange", o->exchange, "binance, bybit, okx or kraken")->required();
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
  disconnect->add_flag("--json", ctx.json, "Print JSON");
  disconnect->callback([&ctx, o] { Disconnect(ctx, *o); });
}

}  // namespace amanah::cli
