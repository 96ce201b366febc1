#include "cli/context.h"

#include <cstdlib>

#include "base/logging.h"
#include "config/data_dir.h"

namespace amanah::cli {

base::Result<void> Context::OpenStore() {
  if (store) return {};
  AMANAH_ASSIGN_OR_RETURN(data_dir, config::ResolveDataDir(data_dir_flag));
  // The CLI prints its own messages; the log file keeps the record.
  base::InitLogging({.file = data_dir + "/amanah.log", .stderr_level = spdlog::level::off});
  if (master_key_flag) {
    master_key_spec = *master_key_flag;
  } else if (const char* env = std::getenv("AMANAH_MASTER_KEY"); env && *env) {
    master_key_spec = env;
  } else {
    master_key_spec = "file:" + data_dir + "/master.key";
  }
  AMANAH_ASSIGN_OR_RETURN(root, vault::MakeRootKeyProvider(master_key_spec));
  AMANAH_ASSIGN_OR_RETURN(auto s, store::sqlite::SqliteStore::Open(data_dir + "/amanah.db"));
  store = std::move(s);
  return {};
}

base::Result<void> Context::OpenVault(bool create) {
  if (vault) return {};
  AMANAH_TRY(OpenStore());
  AMANAH_ASSIGN_OR_RETURN(vault, create ? vault::Vault::Create(*store, *root, random, clock)
                                        : vault::Vault::Open(*store, *root, random, clock));
  return {};
}

base::Result<void> Context::OpenJournal() {
  if (journal) return {};
  AMANAH_TRY(OpenVault(/*create=*/false));
  AMANAH_ASSIGN_OR_RETURN(journal, journal::Journal::Open(*store, *vault, clock));
  return {};
}

base::Result<void> Context::Record(std::string_view tenant, std::string_view kind,
                                   const boost::json::value& payload) {
  AMANAH_TRY(OpenJournal());
  AMANAH_TRY(journal->Append(tenant, kind, payload));
  return {};
}

void Context::Report(const base::Error& error) {
  err << "amanah: " << error.message() << "\n";
  spdlog::error("{}", error.ToString());
  exit_code = 1;
}

}  // namespace amanah::cli
