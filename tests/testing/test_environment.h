// TestEnvironment: the composition root (environment/environment.h) for tests — a data directory
// in a fresh temporary directory, a fake clock, the real CSPRNG (seeded randomness would repeat
// nonces under one master key across reopened environments), no log file. Tests get their store,
// vault, journal and key service from it instead of assembling them by hand.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/csprng.h"
#include "environment/environment.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace amanah::testing {

class TestEnvironment {
 public:
  /// Opens the environment in a new directory; with `create_vault`, runs what `vault init` does.
  explicit TestEnvironment(bool create_vault = true, config::EnvVars vars = {}) {
    Open(create_vault, std::move(vars));
  }

  /// (Re)opens the environment on the same directory, as a new process would.
  void Open(bool create_vault = false, config::EnvVars vars = {}) {
    env_.reset();
    environment::EnvironmentOptions o;
    o.data_dir = dir_.File("data");
    o.env = std::move(vars);
    o.log_to_file = false;
    o.clock = &clock_;
    o.random = &random_;
    // Waiting for an exchange's acceptance window moves the fake clock instead of sleeping.
    o.pause = [this](std::chrono::milliseconds d) -> boost::asio::awaitable<void> {
      clock_.Advance(d);
      co_return;
    };
    auto env = environment::Environment::Open(std::move(o));
    ASSERT_TRUE(env) << env.error();
    env_ = std::move(*env);
    if (create_vault) {
      auto created = env_->CreateVault();
      ASSERT_TRUE(created) << created.error();
    }
  }

  environment::Environment& env() { return *env_; }
  store::Store& store() { return env_->store(); }
  vault::Vault& vault() { return *env_->vault().value(); }
  journal::Journal& journal() { return *env_->journal().value(); }
  keys::KeyService& keys() { return *env_->keys().value(); }
  FakeClock& clock() { return clock_; }
  /// The kinds of every journal record, in order.
  std::vector<std::string> JournalKinds() {
    std::vector<std::string> out;
    (void)store().Read([&](store::UnitOfWork& u) {
      return u.journal().Scan(std::nullopt, [&](const store::JournalRow& r) {
        out.push_back(r.kind);
        return true;
      });
    });
    return out;
  }
  const TempDir& dir() const { return dir_; }
  std::string data_dir() const { return dir_.File("data"); }
  std::string db_path() const { return dir_.File("data") + "/amanah.db"; }

 private:
  TempDir dir_;
  FakeClock clock_;
  crypto::Csprng random_;
  std::unique_ptr<environment::Environment> env_;
};

}  // namespace amanah::testing
