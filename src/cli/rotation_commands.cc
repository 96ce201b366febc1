#include "cli/rotation_commands.h"

#include <boost/json.hpp>

#include "base/wipe.h"
#include "cli/answer.h"
#include "cli/connection_commands.h"
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
using keys::Display;
using keys::RotateOutcome;

struct RotationOptions {
  std::string label;
  std::string key_file;
  std::optional<std::string> key_type;
};

std::string Short(const std::string& key) { return Display(key.substr(0, 8)) + "…"; }

// keys::RotateOutcomeJson.
void RenderRotate(std::ostream& out, const std::string& label, const json::value& a) {
  const std::string exchange = Str(a, "exchange");
  if (Str(a, "outcome") == "refused") {
    out << "Refused: the new key for " << Display(label)
        << " may not replace the old one. Nothing was changed; the old key keeps working.\n";
    RenderChecklist(out, exchange, Get(a, "verdict"));
    return;
  }
  out << "Rotated " << Display(label) << " from key " << Short(Str(a, "old_api_key")) << " to "
      << Short(Str(a, "new_api_key"))
      << ". Every request from now on is signed with the new key.\n";
  if (Flag(a, "old_key_gone")) {
    out << "The old key: " << Str(a, "old_key_probe") << ".\n";
  } else {
    out << "The old key: " << Str(a, "old_key_probe")
        << ". Amanah probes it until the exchange no longer accepts it, and reminds you until "
           "then.\n";
  }
}

void Rotate(Context& ctx, const RotationOptions& o) {
  auto key = ReadKeyFile(o.key_file, o.key_type);
  if (!key) return ctx.Report(key.error());
  for (const auto& w : key->warnings) ctx.Warn(w);
  json::value answer;
  if (IsRemote(ctx)) {
    json::value body = KeyBody(key->key);
    auto remote =
        RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(o.label) + "/rotate", body);
    base::Wipe(body);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto env = ctx.Env();
    RotateOutcome outcome = transport::RunBlocking(
        (*env)->io(), (*service)->Rotate(CliTenant(), o.label, std::move(key->key)));
    auto made = KeyOutcomeAnswer(ctx, outcome, keys::RotateOutcomeJson);
    if (!made) return;
    answer = std::move(*made);
  }
  Emit(ctx, answer,
       [&o](std::ostream& out, const json::value& a) { RenderRotate(out, o.label, a); });
}

}  // namespace

void AddRotationCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RotationOptions>();
  auto* rotate = app.add_subcommand(
      "rotate",
      "Replace a connection's key with a new key of the same exchange account (it must pass the "
      "audit; exit 0 rotated, 2 refused, 1 error). With a daemon running, use --server");
  rotate->add_option("label", o->label, "The connection")->required();
  rotate
      ->add_option("--key-file", o->key_file,
                   "File with the new api_key= and secret= (or private_key_file=); - reads stdin")
      ->required();
  rotate->add_option("--key-type", o->key_type, "hmac, ed25519 or rsa (default: from the file)")
      ->check(CLI::IsMember({"hmac", "ed25519", "rsa"}));
  rotate->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(rotate, ctx);
  rotate->callback([&ctx, o] { Rotate(ctx, *o); });
}

}  // namespace amanah::cli
