// What every CLI command shares: output streams, global options, and the environment built from
// them (data directory, store, vault), opened lazily by the commands that need it.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/csprng.h"
#include "journal/journal.h"
#include "store/sqlite/sqlite_store.h"
#include "vault/root_key_provider.h"
#include "vault/vault.h"

namespace amanah::cli {

struct Context {
  Context(std::ostream& o, std::ostream& e) : out(o), err(e) {}

  std::ostream& out;
  std::ostream& err;
  int exit_code = 0;

  // Global options.
  std::optional<std::string> data_dir_flag;
  std::optional<std::string> master_key_flag;
  bool json = false;

  // The environment, once opened.
  std::string data_dir;
  std::string master_key_spec;
  base::RealClock clock;
  crypto::Csprng random;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<vault::RootKeyProvider> root;
  std::unique_ptr<vault::Vault> vault;
  std::unique_ptr<journal::Journal> journal;

  /// Resolves the data directory, starts logging there and opens the store and master key
  /// provider.
  base::Result<void> OpenStore();
  /// OpenStore, then the vault (create: a new one) into `vault`.
  base::Result<void> OpenVault(bool create);
  /// OpenVault, then the journal into `journal`.
  base::Result<void> OpenJournal();
  /// Appends to the journal; on failure the caller must not act (fail closed).
  base::Result<void> Record(std::string_view tenant, std::string_view kind,
                            const boost::json::value& payload);

  /// Prints "amanah: <message>" and sets exit code 1.
  void Report(const base::Error& error);
};

}  // namespace amanah::cli
