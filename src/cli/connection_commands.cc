#include "cli/connection_commands.h"

#include <array>

#include <boost/json.hpp>

#include "audit/key_audit.h"
#include "cli/key_file.h"
#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "exchange/binance/binance_exchange.h"
#include "journal/record.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;
using exchange::binance::BinanceExchange;
using exchange::binance::RequestSigner;

constexpr std::string_view kTenant = "default";
constexpr std::string_view kBinanceUrl = "https://api.binance.com";

struct Options {
  std::string exchange = "binance";
  std::string label;
  std::string key_file;
  std::optional<std::string> key_type;
  std::string base_url;
  std::vector<std::string> egress_ips;
  std::string ca_file;
  bool require_ip_restriction = false;
};

Result<void> EnsureTenant(Context& ctx) {
  store::TenantId id{std::string(kTenant)};
  AMANAH_ASSIGN_OR_RETURN(auto tenant, ctx.store->GetTenant(id));
  if (!tenant) AMANAH_TRY(ctx.store->CreateTenant(store::Tenant{id, "default", ctx.clock.Now()}));
  return {};
}

RequestSigner::KeyType SignerType(std::string_view t) {
  return t == "ed25519" ? RequestSigner::KeyType::kEd25519
         : t == "rsa"   ? RequestSigner::KeyType::kRsa
                        : RequestSigner::KeyType::kHmac;
}

// Everything needed to talk to one Binance endpoint with one key.
struct Session {
  std::unique_ptr<transport::HttpClient> http;
  std::unique_ptr<BinanceExchange> exchange;
};

Result<Session> OpenSession(Context& ctx, const std::string& url, const std::string& ca_file,
                            std::string api_key, std::string_view key_type,
                            const crypto::SecretBytes& secret) {
  transport::Options options;
  options.ca_file = ca_file;
  Session s;
  AMANAH_ASSIGN_OR_RETURN(s.http, transport::HttpClient::Create(url, options));
  AMANAH_ASSIGN_OR_RETURN(RequestSigner signer,
                          RequestSigner::Create(SignerType(key_type), std::move(api_key), secret));
  s.exchange = std::make_unique<BinanceExchange>(*s.http, std::move(signer), ctx.clock);
  return s;
}

// What to tell the user when a call failed: what happened and what to do.
std::string Diagnose(const Error& e) {
  std::string code = e.exchange() ? e.exchange()->code : "";
  if (code == "-2014" || code == "-2015")
    return "The exchange refused the key: it was deleted or mistyped, our IP is not on its "
           "whitelist, or a permission "
           "it needs is off. Run `amanah audit` to tell which, or check the key on the exchange's "
           "API-management page.";
  if (code == "-1022")
    return "The signature was refused: the secret (or private key) does not belong to this API "
           "key.";
  if (code == "-1021")
    return "Our clock and the exchange's disagree by more than the receive window even after "
           "re-syncing: fix this machine's time (NTP).";
  if (e.code() == ErrorCode::kRateLimited) return "Rate limited by the exchange: " + e.message();
  if (code == "-1016")
    return "The exchange is in maintenance; try again when its system status is normal.";
  if (e.code() == ErrorCode::kUnavailable)
    return "The exchange could not be reached: " + e.message() +
           ". Check the network, the URL and TLS trust.";
  return e.message();
}

bool KeyRefused(const Error& e) {
  return e.exchange() && (e.exchange()->code == "-2015" || e.exchange()->code == "-2014");
}

// Binance answers a deleted key, a key used from a non-whitelisted IP and a missing permission
// all with -2015. Reading the key's own restrictions needs neither reading nor trading
// permission, so it tells a missing permission apart from the other two.
std::string DiagnoseRefusedKey(BinanceExchange& ex, const Error& e) {
  if (!KeyRefused(e)) return Diagnose(e);
  auto permissions = ex.Permissions();
  if (permissions) {
    std::string off;
    if (permissions->reading != exchange::Flag::kOn) off += " 'Enable Reading'";
    return "The key exists and this IP may use it, but a permission it needs is off:" +
           (off.empty() ? std::string(" check the key's permissions") : off) +
           ". Turn it on in Binance's API management, then run `amanah audit`.";
  }
  if (KeyRefused(permissions.error()))
    return "The key was deleted, or this machine's IP is not on its whitelist (Binance answers "
           "both with " +
           permissions.error().exchange()->code +
           "). Check the key on Binance's API-management page: if it is gone, connect a new key; "
           "if it is there, whitelist this machine's egress IP.";
  return Diagnose(permissions.error());
}

void PrintChecklist(std::ostream& out, const audit::KeyVerdict& v) {
  out << "Permissions (as on Binance's API-management page):\n";
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
  out << "  " << v.margin_exclusion << "\n  " << v.ip_instruction << "\n";
}

json::array FindingsJson(const audit::KeyVerdict& v) {
  json::array a;
  for (const auto& f : v.findings) {
    a.push_back({{"code", f.code},
                 {"severity", audit::SeverityName(f.severity)},
                 {"found", f.found},
                 {"concern", f.concern},
                 {"why", f.why},
                 {"fix", f.fix}});
  }
  return a;
}

audit::Policy PolicyFrom(const Options& o) {
  audit::Policy p;
  p.egress_ips = o.egress_ips;
  p.require_ip_restriction = o.require_ip_restriction;
  return p;
}

void Connect(Context& ctx, const Options& o) {
  if (o.exchange != "binance")
    return ctx.Report(Error(ErrorCode::kInvalidArgument, "only binance can be connected so far"));
  auto key = ReadKeyFile(o.key_file, o.key_type);
  if (!key) return ctx.Report(key.error());
  // Shape check before anything leaves this machine.
  if (key->api_key.size() != 64 ||
      !std::all_of(key->api_key.begin(), key->api_key.end(),
                   [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
    return ctx.Report(Error(ErrorCode::kInvalidArgument,
                            "a Binance API key is 64 letters and digits; check the api_key line"));
  if (key->key_type == "hmac" && key->secret.size() != 64)
    return ctx.Report(Error(ErrorCode::kInvalidArgument,
                            "a Binance HMAC secret is 64 characters; check the secret line"));
  if (auto r = ctx.OpenVault(false); !r)
    return ctx.Report(r.error().WithContext("open the vault (run `amanah vault init` first)"));
  if (auto r = EnsureTenant(ctx); !r) return ctx.Report(r.error());
  store::TenantId tenant{std::string(kTenant)};
  auto existing = ctx.store->ListConnections(tenant);
  if (!existing) return ctx.Report(existing.error());
  for (const auto& c : *existing) {
    if (c.label == o.label)
      return ctx.Report(
          Error(ErrorCode::kAlreadyExists, "a connection is already labelled " + o.label));
    if (c.api_key_id == key->api_key && c.status != store::ConnectionStatus::kRevoked)
      return ctx.Report(
          Error(ErrorCode::kAlreadyExists, "this key is already connected as " + c.label));
  }
  std::string url = o.base_url.empty() ? std::string(kBinanceUrl) : o.base_url;
  auto session = OpenSession(ctx, url, o.ca_file, key->api_key, key->key_type, key->secret);
  if (!session) return ctx.Report(session.error());
  BinanceExchange& ex = *session->exchange;
  auto offset = ex.SyncTime();  // test read 1: the exchange answers
  if (!offset) return ctx.Report(Error(offset.error().code(), Diagnose(offset.error())));
  if (auto normal = ex.SystemNormal(); normal && !*normal)
    return ctx.Report(
        Error(ErrorCode::kUnavailable,
              "The exchange reports system maintenance; connect again when its status is normal."));
  auto account = ex.Account();  // test read 2: the key is accepted (and the account's state)
  if (!account)
    return ctx.Report(Error(account.error().code(), DiagnoseRefusedKey(ex, account.error())));
  auto permissions = ex.Permissions();
  if (!permissions)
    return ctx.Report(Error(permissions.error().code(), Diagnose(permissions.error())));
  audit::KeyVerdict verdict = audit::AuditBinanceKey(*permissions, *account, PolicyFrom(o),
                                                     base::UnixMillis(ctx.clock.Now()));
  json::object payload{{"label", o.label},
                       {"exchange", "binance"},
                       {"api_key", key->api_key},
                       {"key_type", key->key_type},
                       {"account_id", account->account_id},
                       {"findings", FindingsJson(verdict)}};
  if (!verdict.compliant) {
    (void)ctx.Record(kTenant, journal::kind::kKeyRefused,
                     payload);  // refusing is safe even if this fails
    ctx.out << "Refused: the key for " << o.label
            << " crosses the compliance boundary. Nothing was stored.\n";
    PrintChecklist(ctx.out, verdict);
    ctx.exit_code = 2;
    return;
  }
  store::Connection c;
  std::array<uint8_t, 16> id_bytes;
  ctx.random.Fill(id_bytes);
  c.id = store::ConnectionId(crypto::HexEncode(id_bytes));
  c.tenant = tenant;
  c.exchange = "binance";
  c.label = o.label;
  c.api_key_id = key->api_key;
  c.key_fingerprint =
      crypto::HexEncode(crypto::Sha256(crypto::AsBytes("binance\n" + key->api_key)));
  c.key_type = key->key_type;
  c.status = store::ConnectionStatus::kActive;
  c.account_id = account->account_id;
  if (!o.base_url.empty()) c.endpoint = o.base_url;
  c.created_at = ctx.clock.Now();
  c.audited_at = c.created_at;
  std::string field = key->key_type == "hmac" ? "secret" : "private_key";
  const vault::SecretInput inputs[] = {vault::SecretInput{field, &key->secret}};
  auto sealed = ctx.vault->Seal(vault::CredentialContext::Of(c), inputs);
  if (!sealed) return ctx.Report(sealed.error());
  sealed->ApplyTo(c);
  payload["connection"] = c.id.value();
  // Journal first: a connection that cannot be recorded is not made (fail closed).
  if (auto r = ctx.Record(kTenant, journal::kind::kKeyConnected, payload); !r)
    return ctx.Report(
        r.error().WithContext("the journal cannot be written, so the key was not connected"));
  if (auto r = ctx.store->InsertConnection(c); !r) return ctx.Report(r.error());
  ctx.out << "Connected " << o.label << " (Binance account " << account->account_id << ", "
          << key->key_type << " key).\n";
  PrintChecklist(ctx.out, verdict);
  auto balances = ex.Balances();
  if (!balances) {
    ctx.out << "Balances could not be read: " << Diagnose(balances.error()) << "\n";
    return;
  }
  ctx.out << "Spot balances:\n";
  for (const auto& b : *balances)
    ctx.out << "  " << b.asset << "  free " << b.free.ToNormalizedString() << "  locked "
            << b.locked.ToNormalizedString() << "\n";
}

Result<store::Connection> FindByLabel(Context& ctx, const std::string& label) {
  AMANAH_TRY(ctx.OpenVault(false));
  AMANAH_ASSIGN_OR_RETURN(
      auto found, ctx.store->FindConnectionByLabel(store::TenantId{std::string(kTenant)}, label));
  if (!found)
    return Error(ErrorCode::kNotFound,
                 "no connection labelled " + label + " (see `amanah connections`)");
  return *found;
}

Result<Session> SessionFor(Context& ctx, const store::Connection& c, const std::string& ca_file) {
  if (c.status == store::ConnectionStatus::kRevoked)
    return Error(ErrorCode::kFailedPrecondition, c.label + " was disconnected; its secret is gone");
  std::string field = c.key_type == "hmac" ? "secret" : "private_key";
  AMANAH_ASSIGN_OR_RETURN(crypto::SecretBytes secret, ctx.vault->OpenField(c, field));
  return OpenSession(ctx, c.endpoint.value_or(std::string(kBinanceUrl)), ca_file, c.api_key_id,
                     c.key_type, secret);
}

void Connections(Context& ctx) {
  if (auto r = ctx.OpenVault(false); !r) return ctx.Report(r.error());
  auto list = ctx.store->ListConnections(store::TenantId{std::string(kTenant)});
  if (!list) return ctx.Report(list.error());
  if (ctx.json) {
    json::array a;
    for (const auto& c : *list) {
      a.push_back({{"label", c.label},
                   {"exchange", c.exchange},
                   {"api_key", c.api_key_id},
                   {"key_type", c.key_type},
                   {"status", store::ConnectionStatusName(c.status)},
                   {"account_id", c.account_id.value_or("")},
                   {"endpoint", c.endpoint.value_or("")}});
    }
    ctx.out << json::serialize(a) << "\n";
    return;
  }
  if (list->empty())
    ctx.out
        << "No connections. Connect one with `amanah connect binance --label L --key-file F`.\n";
  for (const auto& c : *list) {
    ctx.out << c.label << "  " << c.exchange << "  " << store::ConnectionStatusName(c.status)
            << "  key " << c.api_key_id.substr(0, 8) << "…  account " << c.account_id.value_or("?")
            << (c.endpoint ? "  at " + *c.endpoint : "") << "\n";
  }
}

// Audits one connection; returns 0 compliant, 2 non-compliant, 1 error.
int AuditOne(Context& ctx, const store::Connection& c, const Options& o, json::array* json_out) {
  auto session = SessionFor(ctx, c, o.ca_file);
  if (!session) {
    ctx.err << "amanah: " << c.label << ": " << session.error().message() << "\n";
    return 1;
  }
  auto account = session->exchange->Account();
  auto permissions = account ? session->exchange->Permissions()
                             : Result<exchange::PermissionReport>(account.error());
  if (!account || !permissions) {
    Error e = !account ? account.error() : permissions.error();
    std::string diagnosis = DiagnoseRefusedKey(*session->exchange, e);
    ctx.err << "amanah: " << c.label << ": " << diagnosis << "\n";
    if (KeyRefused(e)) {
      (void)ctx.store->SetConnectionStatus(c.id, store::ConnectionStatus::kSuspended);
      (void)ctx.Record(kTenant, journal::kind::kKeySuspended,
                       json::object{{"label", c.label}, {"reason", diagnosis}});
      return 2;
    }
    return 1;
  }
  audit::KeyVerdict v = audit::AuditBinanceKey(*permissions, *account, PolicyFrom(o),
                                               base::UnixMillis(ctx.clock.Now()));
  bool pinned_ok = !c.account_id || *c.account_id == account->account_id;
  if (!pinned_ok) {
    v.compliant = false;
    v.findings.push_back(
        audit::Finding{"ACCOUNT_CHANGED", audit::Severity::kHard,
                       "the key now acts for account " + account->account_id, "security",
                       "a connection is pinned to the account it was connected with",
                       "Disconnect this connection and connect the key for the right account."});
  }
  json::object payload{
      {"label", c.label}, {"compliant", v.compliant}, {"findings", FindingsJson(v)}};
  (void)ctx.Record(kTenant, journal::kind::kKeyAudited, payload);
  (void)ctx.store->SetConnectionAudited(c.id, ctx.clock.Now());
  if (!v.compliant && c.status == store::ConnectionStatus::kActive) {
    (void)ctx.store->SetConnectionStatus(c.id, store::ConnectionStatus::kSuspended);
    (void)ctx.Record(kTenant, journal::kind::kKeySuspended,
                     json::object{{"label", c.label}, {"reason", "failed the audit"}});
  } else if (v.compliant && c.status == store::ConnectionStatus::kSuspended) {
    (void)ctx.store->SetConnectionStatus(c.id, store::ConnectionStatus::kActive);
  }
  if (json_out) {
    json_out->push_back(payload);
  } else {
    ctx.out << c.label << ": "
            << (v.compliant ? "compliant" : "NOT COMPLIANT — suspended until an audit passes")
            << "\n";
    PrintChecklist(ctx.out, v);
  }
  return v.compliant ? 0 : 2;
}

void Audit(Context& ctx, const Options& o) {
  if (auto r = ctx.OpenVault(false); !r) return ctx.Report(r.error());
  std::vector<store::Connection> targets;
  if (!o.label.empty()) {
    auto c = FindByLabel(ctx, o.label);
    if (!c) return ctx.Report(c.error());
    targets.push_back(*c);
  } else {
    auto list = ctx.store->ListConnections(store::TenantId{std::string(kTenant)});
    if (!list) return ctx.Report(list.error());
    for (auto& c : *list) {
      if (c.status != store::ConnectionStatus::kRevoked) targets.push_back(std::move(c));
    }
  }
  json::array results;
  bool error = false;
  bool non_compliant = false;
  for (const auto& c : targets) {
    int rc = AuditOne(ctx, c, o, ctx.json ? &results : nullptr);
    error = error || rc == 1;
    non_compliant = non_compliant || rc == 2;
  }
  if (ctx.json) ctx.out << json::serialize(results) << "\n";
  ctx.exit_code = error ? 1 : non_compliant ? 2 : 0;
}

void Balances(Context& ctx, const Options& o) {
  auto c = FindByLabel(ctx, o.label);
  if (!c) return ctx.Report(c.error());
  auto session = SessionFor(ctx, *c, o.ca_file);
  if (!session) return ctx.Report(session.error());
  auto balances = session->exchange->Balances();
  if (!balances) return ctx.Report(Error(balances.error().code(), Diagnose(balances.error())));
  if (ctx.json) {
    json::array a;
    for (const auto& b : *balances)
      a.push_back(
          {{"asset", b.asset}, {"free", b.free.ToString()}, {"locked", b.locked.ToString()}});
    ctx.out << json::serialize(a) << "\n";
    return;
  }
  for (const auto& b : *balances)
    ctx.out << b.asset << "  free " << b.free.ToNormalizedString() << "  locked "
            << b.locked.ToNormalizedString() << "\n";
}

void Disconnect(Context& ctx, const Options& o) {
  auto c = FindByLabel(ctx, o.label);
  if (!c) return ctx.Report(c.error());
  if (auto r = ctx.Record(kTenant, journal::kind::kKeyDisconnected,
                          json::object{{"label", c->label}, {"api_key", c->api_key_id}});
      !r)
    return ctx.Report(
        r.error().WithContext("the journal cannot be written, so nothing was changed"));
  if (auto r = ctx.vault->Shred(c->id); !r) return ctx.Report(r.error());
  ctx.out << "Disconnected " << c->label
          << ": its secret is destroyed (crypto-shred). Delete the key on the exchange too.\n";
}

}  // namespace

void AddConnectionCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
  auto net = [o](CLI::App* c) {
    c->add_option(
        "--ca-file", o->ca_file,
        "PEM certificates to trust instead of the system store (a paper exchange with --tls)");
    c->add_option("--egress-ip", o->egress_ips,
                  "An IP address Amanah's requests leave from (repeat); the key must be "
                  "whitelisted to exactly these");
    c->add_flag("--require-ip-restriction", o->require_ip_restriction,
                "Refuse keys without an IP whitelist");
  };
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
  connect->add_option(
      "--base-url", o->base_url,
      "The exchange's API base URL (default https://api.binance.com; a paper exchange's URL)");
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
