#include "config/data_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace amanah::config {
base::Result<std::string> ResolveDataDir(const std::optional<std::string>& flag,
                                         const EnvVars& env) {
  auto Env = [&](const char* name) { return Get(env, name); };
  std::string dir;
  if (flag && !flag->empty()) {
    dir = *flag;
  } else if (auto from_env = Env("AMANAH_DATA_DIR")) {
    dir = *from_env;
  } else if (auto xdg = Env("XDG_DATA_HOME")) {
    dir = *xdg + "/amanah";
  } else if (auto home = Env("HOME")) {
    dir = *home + "/.local/share/amanah";
  } else {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "no data directory: pass --data-dir or set AMANAH_DATA_DIR");
  }
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "cannot create data directory " + dir + ": " + ec.message());
  }
  if (!std::filesystem::is_directory(dir)) {
    return base::Fail(base::ErrorCode::kFailedPrecondition, dir + " is not a directory");
  }
  // A directory we made holds the master key file by default: keep it ours alone. One that
  // existed is the operator's to set.
  if (created) ::chmod(dir.c_str(), 0700);
  return dir;
}

}  // namespace amanah::config
