// What every CLI command shares: output streams, global options, and the Environment built from
// them (environment/environment.h), opened when a command first needs it. Commands parse their
// arguments, call the service layer and render what it returns; nothing else.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/result.h"
#include "environment/environment.h"

namespace amanah::cli {

/// What a run of the CLI is given besides its arguments.
struct RunOptions {
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  std::istream* in = nullptr;
  config::EnvVars env;
  /// Injected parts for tests (not owned): a fake clock, seeded randomness.
  const base::Clock* clock = nullptr;
  base::Random* random = nullptr;
};

struct Context {
  explicit Context(const RunOptions& run) : out(*run.out), err(*run.err), in(*run.in), run_(run) {}

  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  int exit_code = 0;

  // Global options, and the network options of the commands that reach an exchange.
  std::optional<std::string> data_dir_flag;
  std::optional<std::string> master_key_flag;
  std::vector<std::string> egress_ips;
  std::optional<std::string> ca_file;
  bool require_ip_restriction = false;
  /// `serve --time-accel`: paper mode's accelerated time (environment.h).
  double time_accel = 1;
  bool json = false;
  /// --server URL: run against a daemon (cli/remote.h) instead of the local store.
  std::optional<std::string> server;
  const config::EnvVars& env_vars() const { return run_.env; }

  /// The environment, opened on first use.
  base::Result<environment::Environment*> Env();
  /// Env(), then its key service (opening the vault and the journal).
  base::Result<keys::KeyService*> Keys();

  /// Prints "amanah: <message>" and sets exit code 1.
  void Report(const base::Error& error);
  /// Prints "amanah: warning: <message>".
  void Warn(const std::string& message);

 private:
  const RunOptions& run_;
  std::unique_ptr<environment::Environment> env_;
};

/// The tenant the CLI acts for when it works on the store directly.
inline const store::TenantId& CliTenant() {
  static const store::TenantId kTenant{"default"};
  return kTenant;
}

}  // namespace amanah::cli
