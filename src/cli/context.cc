#include "cli/context.h"

#include <spdlog/spdlog.h>

namespace amanah::cli {

base::Result<environment::Environment*> Context::Env() {
  if (server) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "this command works on the local data directory only; run it without "
                      "--server on the daemon's host");
  }
  if (!env_) {
    environment::EnvironmentOptions o;
    o.data_dir = data_dir_flag;
    o.master_key = master_key_flag;
    o.env = run_.env;
    o.egress_ips = egress_ips;
    o.require_ip_restriction = require_ip_restriction;
    o.ca_file = ca_file;
    o.time_accel = time_accel;
    o.clock = run_.clock;
    o.random = run_.random;
    AMANAH_ASSIGN_OR_RETURN(env_, environment::Environment::Open(std::move(o)));
  }
  return env_.get();
}

base::Result<keys::KeyService*> Context::Keys() {
  AMANAH_ASSIGN_OR_RETURN(environment::Environment * env, Env());
  auto keys = env->keys();
  if (!keys) return keys.error().WithContext("open the vault (run `amanah vault init` first)");
  return *keys;
}

void Context::Report(const base::Error& error) {
  err << "amanah: " << error.message() << "\n";
  spdlog::error("{}", error.ToString());
  exit_code = 1;
}

void Context::Warn(const std::string& message) {
  err << "amanah: warning: " << message << "\n";
  spdlog::warn("{}", message);
}

}  // namespace amanah::cli
