// BenchEnvironment: the composition root in a throw-away directory for benchmarks — the real
// clock and CSPRNG, a vault made as `vault init` makes it, no log file — so that benchmarks measure
// the parts as the program assembles them.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "base/check.h"
#include "environment/environment.h"

namespace amanah::bench {

class BenchEnvironment {
 public:
  explicit BenchEnvironment(config::EnvVars vars = {}) {
    char tmpl[] = "/tmp/amanah-bench-XXXXXX";
    AMANAH_CHECK(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
    environment::EnvironmentOptions o;
    o.data_dir = dir_;
    o.env = std::move(vars);
    o.log_to_file = false;
    auto env = environment::Environment::Open(std::move(o));
    AMANAH_CHECK(env.has_value(), "the benchmark environment did not open");
    env_ = std::move(*env);
    AMANAH_CHECK(env_->CreateVault().has_value(), "the benchmark vault was not created");
  }
  ~BenchEnvironment() {
    env_.reset();
    std::filesystem::remove_all(dir_);
  }

  environment::Environment& env() { return *env_; }
  store::Store& store() { return env_->store(); }
  vault::Vault& vault() { return *env_->vault().value(); }
  journal::Journal& journal() { return *env_->journal().value(); }
  const base::Clock& clock() { return env_->clock(); }

 private:
  std::string dir_;
  std::unique_ptr<environment::Environment> env_;
};

}  // namespace amanah::bench
