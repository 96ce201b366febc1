// Where Amanah keeps its state (database, master key file, log): `--data-dir`, else
// $AMANAH_DATA_DIR, else $XDG_DATA_HOME/amanah, else ~/.local/share/amanah. Created 0700 if
// missing.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "config/env_vars.h"

namespace amanah::config {

/// Resolves (and creates) the data directory.
base::Result<std::string> ResolveDataDir(const std::optional<std::string>& flag,
                                         const EnvVars& env);

}  // namespace amanah::config
