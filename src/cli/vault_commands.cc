#include "cli/vault_commands.h"

#include <chrono>
#include <iomanip>

#include <boost/json.hpp>

#include "base/utc_time.h"
#include "keys/master_key.h"

namespace amanah::cli {
namespace {

std::string Iso(base::SystemTime t) { return base::UtcTime(t); }

struct Opened {
  environment::Environment* env;
  vault::Vault* vault;
  journal::Journal* journal;
};

base::Result<Opened> OpenAll(Context& ctx) {
  AMANAH_ASSIGN_OR_RETURN(environment::Environment * env, ctx.Env());
  AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, env->vault());
  AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, env->journal());
  return Opened{env, v, j};
}

void Init(Context& ctx) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  if (auto r = (*env)->CreateVault(); !r) return ctx.Report(r.error());
  auto journal = (*env)->journal();
  if (!journal) return ctx.Report(journal.error());
  auto recorded = keys::RecordVaultInit(**journal, (*env)->root_key().kind());
  if (!recorded) return ctx.Report(recorded.error());
  ctx.out << "Vault initialised in " << (*env)->data_dir() << ".\n"
          << "Master key: " << (*env)->master_key_spec() << "\n"
          << "Journal node key " << recorded->node_key_id << " (Ed25519 public key "
          << recorded->node_public_key_hex
          << "): every exported checkpoint carries it; note it down.\n";
  if ((*env)->root_key().kind() == "file") {
    ctx.out << "Back up the master key file apart from the database: without it no stored\n"
               "secret can ever be read again, and with it and the database anyone can.\n";
  }
}

void Status(Context& ctx) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto vault = (*env)->vault();
  if (!vault) return ctx.Report(vault.error());
  auto s = (*vault)->Status();
  if (!s) return ctx.Report(s.error());
  if (ctx.json) {
    boost::json::array versions;
    for (const auto& v : s->versions) {
      versions.push_back({{"version", v.version},
                          {"created_at", Iso(v.created_at)},
                          {"encryptions", v.encryptions},
                          {"data_keys", v.data_keys}});
    }
    ctx.out << boost::json::serialize(
                   boost::json::object{{"master_key_source", s->root_provider},
                                       {"current_version", s->current_version},
                                       {"min_decryption_version", s->min_decryption_version},
                                       {"encryption_limit", s->encryption_limit},
                                       {"versions", versions}})
            << "\n";
    return;
  }
  ctx.out << "Vault in " << (*env)->data_dir() << "\n"
          << "  master key source:       " << s->root_provider << "\n"
          << "  current version:         " << s->current_version << "\n"
          << "  min decryption version:  " << s->min_decryption_version << "\n"
          << "  encryption limit:        " << s->encryption_limit << " per version\n\n"
          << "  version  created               encryptions  data keys\n";
  for (const auto& v : s->versions) {
    ctx.out << "  " << std::setw(7) << v.version << "  " << std::left << std::setw(20)
            << Iso(v.created_at) << std::right << "  " << std::setw(11) << v.encryptions << "  "
            << std::setw(9) << v.data_keys
            << (v.version < s->min_decryption_version ? "  (retired)" : "") << "\n";
  }
}

void RotateVaultKey(Context& ctx) {
  auto opened = OpenAll(ctx);
  if (!opened) return ctx.Report(opened.error());
  auto rotated = keys::RotateMasterKey(*opened->vault, *opened->journal);
  if (!rotated) return ctx.Report(rotated.error());
  ctx.out << "Master key rotated to version " << rotated->new_version << "; " << rotated->rewrapped
          << " stored secret(s) rewrapped.\n"
          << "Older versions stay usable until retired with "
             "`amanah vault set-min-decryption-version "
          << rotated->new_version << "`.\n";
}

void SetMin(Context& ctx, uint32_t version, bool force) {
  auto opened = OpenAll(ctx);
  if (!opened) return ctx.Report(opened.error());
  std::optional<size_t> confirmed;
  if (force) {
    // Say exactly what would be destroyed, and have the count typed back.
    auto doomed = opened->vault->SecretsBelow(version);
    if (!doomed) return ctx.Report(doomed.error());
    if (!doomed->empty()) {
      ctx.out << "Retiring versions below " << version << " destroys " << doomed->size()
              << " stored secret(s) for ever:\n";
      for (const auto& d : *doomed) {
        ctx.out << "  "
                << (d.owner == store::DekOwner::kConnection   ? "connection "
                    : d.owner == store::DekOwner::kRetiredKey ? "retired key of connection "
                                                              : "system secret ")
                << d.connection.value() << " (tenant " << d.tenant.value()
                << ", master key version " << d.kek_version << ")\n";
      }
      ctx.out << "Type the number of secrets to destroy (" << doomed->size() << ") to confirm: ";
      ctx.out.flush();
      std::string typed;
      std::getline(ctx.in, typed);
      if (typed != std::to_string(doomed->size())) {
        return ctx.Report(base::Error(base::ErrorCode::kAborted,
                                      "not confirmed; nothing was retired or destroyed"));
      }
    }
    confirmed = doomed->size();
  }
  if (auto r = keys::RetireMasterKeyVersions(*opened->vault, *opened->journal, version, force,
                                             confirmed);
      !r) {
    return ctx.Report(r.error());
  }
  ctx.out << "Master key versions below " << version << " are retired.\n";
}

}  // namespace

void AddVaultCommands(CLI::App& app, Context& ctx) {
  auto* vault = app.add_subcommand("vault", "The encrypted credential vault and its master key");
  vault->require_subcommand(1);

  vault->add_subcommand("init", "Create the vault (and, for file:, the master key file)")
      ->callback([&ctx] { Init(ctx); });

  auto* status = vault->add_subcommand("status", "Master key versions and what they protect");
  status->add_flag("--json", ctx.json, "Print JSON");
  status->callback([&ctx] { Status(ctx); });

  vault
      ->add_subcommand("rotate-master-key",
                       "Add a master key version and rewrap every stored secret under it")
      ->callback([&ctx] { RotateVaultKey(ctx); });

  auto* set_min = vault->add_subcommand("set-min-decryption-version",
                                        "Retire master key versions below VERSION");
  auto version = std::make_shared<uint32_t>(0);
  auto force = std::make_shared<bool>(false);
  set_min->add_option("version", *version, "Lowest version still allowed to decrypt")
      ->required()
      ->check(CLI::PositiveNumber);
  set_min->add_flag("--force", *force,
                    "Retire even if stored secrets would become unreadable (lists them "
                    "and asks for their count to be typed back)");
  set_min->callback([&ctx, version, force] { SetMin(ctx, *version, *force); });
}

}  // namespace amanah::cli
