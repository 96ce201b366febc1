#include "cli/vault_commands.h"

#include <chrono>
#include <iomanip>

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

namespace amanah::cli {
namespace {

std::string Iso(base::SystemTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

using journal::kSystemTenant;
namespace kind = journal::kind;

void Init(Context& ctx) {
  if (auto r = ctx.OpenVault(/*create=*/true); !r) return ctx.Report(r.error());
  // The journal starts with the vault: its signing key is the vault's first system secret.
  if (auto r = ctx.Record(kSystemTenant, kind::kVaultInitialised,
                          {{"master_key_source", ctx.root->kind()}, {"keyring_version", 1}});
      !r) {
    return ctx.Report(r.error());
  }
  spdlog::info("vault initialised: master key from {}, keyring version 1", ctx.root->kind());
  ctx.out << "Vault initialised in " << ctx.data_dir << ".\n"
          << "Master key: " << ctx.master_key_spec << "\n";
  if (ctx.root->kind() == "file") {
    ctx.out << "Back up the master key file apart from the database: without it no stored\n"
               "secret can ever be read again, and with it and the database anyone can.\n";
  }
}

void Status(Context& ctx) {
  if (auto r = ctx.OpenVault(/*create=*/false); !r) return ctx.Report(r.error());
  auto s = ctx.vault->Status();
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
  ctx.out << "Vault in " << ctx.data_dir << "\n"
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

// Security-relevant: the request is journaled durably before the master key is touched, and the
// action is refused if it cannot be.
void Rotate(Context& ctx) {
  if (auto r = ctx.OpenJournal(); !r) return ctx.Report(r.error());
  auto before = ctx.vault->Status();
  if (!before) return ctx.Report(before.error());
  if (auto r = ctx.Record(kSystemTenant, kind::kVaultRotationRequested,
                          {{"current_version", before->current_version}});
      !r) {
    return ctx.Report(r.error().WithContext("master key rotation refused"));
  }
  auto rotated = ctx.vault->RotateMasterKey();
  if (!rotated) {
    (void)ctx.Record(kSystemTenant, kind::kVaultMasterKeyRotated,
                     {{"ok", false}, {"error", rotated.error().message()}});
    return ctx.Report(rotated.error());
  }
  if (auto r = ctx.Record(
          kSystemTenant, kind::kVaultMasterKeyRotated,
          {{"ok", true}, {"new_version", rotated->new_version}, {"rewrapped", rotated->rewrapped}});
      !r) {
    return ctx.Report(r.error());
  }
  spdlog::info("master key rotated to version {}; {} data keys rewrapped", rotated->new_version,
               rotated->rewrapped);
  ctx.out << "Master key rotated to version " << rotated->new_version << "; " << rotated->rewrapped
          << " stored secret(s) rewrapped.\n"
          << "Older versions stay usable until retired with "
             "`amanah vault set-min-decryption-version "
          << rotated->new_version << "`.\n";
}

void SetMin(Context& ctx, uint32_t version, bool force) {
  if (auto r = ctx.OpenJournal(); !r) return ctx.Report(r.error());
  if (auto r = ctx.Record(kSystemTenant, kind::kVaultVersionsRetired,
                          {{"min_decryption_version", version}, {"force", force}});
      !r) {
    return ctx.Report(r.error().WithContext("retiring master key versions refused"));
  }
  if (auto r = ctx.vault->SetMinDecryptionVersion(version, force); !r) {
    (void)ctx.Record(kSystemTenant, kind::kVaultVersionsRetired,
                     {{"ok", false}, {"error", r.error().message()}});
    return ctx.Report(r.error());
  }
  spdlog::info("min decryption version set to {}{}", version, force ? " (forced)" : "");
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
      ->callback([&ctx] { Rotate(ctx); });

  auto* set_min = vault->add_subcommand("set-min-decryption-version",
                                        "Retire master key versions below VERSION");
  auto version = std::make_shared<uint32_t>(0);
  auto force = std::make_shared<bool>(false);
  set_min->add_option("version", *version, "Lowest version still allowed to decrypt")
      ->required()
      ->check(CLI::PositiveNumber);
  set_min->add_flag("--force", *force, "Retire even if stored secrets would become unreadable");
  set_min->callback([&ctx, version, force] { SetMin(ctx, *version, *force); });
}

}  // namespace amanah::cli
