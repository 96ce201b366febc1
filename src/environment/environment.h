// Environment: the composition root. From the data directory, `amanah.toml` and the environment it
// builds everything the program runs on — clock, randomness, store, vault, journal (with its
// checkpoint sinks), the io_context and transport, the exchange registry and the key service —
// once, in one place; the CLI, the daemon, the tests and the benchmarks all get their parts here
// instead of assembling them by hand. Tests inject a fake clock and seeded randomness.
//
// Parts are opened when first asked for, so a command that only verifies the journal never needs
// the master key. Not thread-safe while opening parts; the parts themselves are thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "access/access_service.h"
#include "base/accelerated_clock.h"
#include "base/clock.h"
#include "base/random.h"
#include "config/config.h"
#include "config/env_vars.h"
#include "engine/order_engine.h"
#include "engine/reconciler.h"
#include "exchange/registry.h"
#include "incident/revocation.h"
#include "journal/checkpoint_sink.h"
#include "journal/journal.h"
#include "keys/approved_pairs.h"
#include "keys/balance_snapshots.h"
#include "keys/key_service.h"
#include "keys/suspension_marks.h"
#include "notify/notifier.h"
#include "policy/chain.h"
#include "screen/screening.h"
#include "store/store.h"
#include "strategy/plan_runner.h"
#include "strategy/plan_service.h"
#include "strategy/plan_simulator.h"
#include "strategy/signal_receiver.h"
#include "transport/transport.h"
#include "vault/root_key_provider.h"
#include "vault/vault.h"

namespace amanah::environment {

class CheckpointWebhook;

struct EnvironmentOptions {
  /// --data-dir; else AMANAH_DATA_DIR, XDG_DATA_HOME/amanah, ~/.local/share/amanah.
  std::optional<std::string> data_dir;
  /// --master-key; else config/AMANAH_MASTER_KEY; else file:<data-dir>/master.key.
  std::optional<std::string> master_key;
  /// The process environment (AMANAH_* overrides).
  config::EnvVars env;
  /// Extra egress IPs (--egress-ip), replacing the configured ones when given.
  std::vector<std::string> egress_ips;
  /// --require-ip-restriction, over the configuration.
  bool require_ip_restriction = false;
  /// --ca-file, over the configuration.
  std::optional<std::string> ca_file;
  /// Log to <data-dir>/amanah.log (the CLI); tests may turn it off.
  bool log_to_file = true;
  /// Injected clock and randomness (not owned); the real ones when null.
  const base::Clock* clock = nullptr;
  base::Random* random = nullptr;
  /// How the order engine waits for an exchange's acceptance window (tests move their fake
  /// clock); a steady timer when null.
  engine::Pause pause;
  /// Paper mode: Amanah's time runs this many times faster than real time (with a paper exchange
  /// run with the same --time-accel); waits and acceptance windows are scaled with it, and the
  /// timeline goes on across restarts (its origin is kept in <data-dir>/paper-time-origin). 1:
  /// real.
  double time_accel = 1;
  /// Injected transport (not owned); a ClientPool on io() when null.
  transport::Transport* transport = nullptr;
};

class Environment {
 public:
  /// Resolves the data directory, loads the configuration and opens the store. A bad
  /// configuration value is an error naming its key and line.
  static base::Result<std::unique_ptr<Environment>> Open(EnvironmentOptions options);
  ~Environment();

  const std::string& data_dir() const { return data_dir_; }
  const config::Config& config() const { return config_; }
  const std::string& master_key_spec() const { return master_key_spec_; }
  const base::Clock& clock() const { return *clock_; }
  base::Random& random() { return *random_; }
  store::Store& store() { return *store_; }
  boost::asio::io_context& io() { return io_; }
  exchange::Registry& registry() { return *registry_; }
  vault::RootKeyProvider& root_key() { return *root_; }
  keys::SuspensionMarks& marks() { return *marks_; }
  /// The checkpoint sinks from the configuration (export_dir, export_webhook).
  const std::vector<journal::CheckpointSink*>& sinks() const { return sink_ptrs_; }
  /// The directory sink, if one is configured: its latest.json anchors `journal verify`.
  const journal::DirectorySink* directory_sink() const { return directory_sink_.get(); }

  /// A new vault and its journal (pinning the node key): `amanah vault init`.
  base::Result<void> CreateVault();
  /// The vault, opened (the master key is read).
  base::Result<vault::Vault*> vault();
  base::Result<journal::Journal*> journal();
  base::Result<keys::KeyService*> keys();
  /// Users, sessions and access tokens (config [server]).
  base::Result<access::AccessService*> access();
  /// The pairs approved per connection (the policy's allow-list).
  base::Result<keys::PairApprovals*> pairs();
  /// The screening data the order policy uses (config policy.ruleset over the shipped facts).
  base::Result<const screen::Screening*> screening();
  /// The screening under one of the rulesets Amanah ships (the dashboard's ruleset switch), loaded
  /// once each; the configured one for its own name. kNotFound for a name it does not ship — never
  /// a file path from a request. Thread-safe.
  base::Result<const screen::Screening*> screening(std::string_view shipped_ruleset);
  /// The order engine with the standard policy chain from config [policy].
  base::Result<engine::OrderEngine*> engine();
  /// Reconciliation of the exchange's orders with ours (policy.suspend_on_foreign_order).
  base::Result<engine::Reconciler*> reconciler();
  /// Each connection's daily holdings and the tenant's value over time.
  base::Result<keys::BalanceSnapshots*> snapshots();
  /// Automated trading plans (config [plans]); kInvalidArgument for an unknown plans.time_zone.
  base::Result<strategy::PlanService*> plans();
  /// Revocation with its incident reports in <data dir>/incidents.
  base::Result<incident::Revocation*> revocation();
  /// Outbound notifications to the tenants' endpoints (config [notify]).
  base::Result<notify::Notifier*> notifier();
  /// Runs plans' slots through the order engine.
  base::Result<strategy::PlanRunner*> plan_runner();
  /// Plans run over a price history (reads only).
  base::Result<strategy::PlanSimulator*> simulator();
  /// Webhook plans' signals: received, queued, placed.
  base::Result<strategy::SignalReceiver*> signals();

 private:
  Environment() = default;
  base::Result<void> OpenJournal(bool create);
  keys::KeyPolicy Policy() const;
  std::chrono::milliseconds SettleMargin() const;
  // Paper mode's accelerated timeline: the instant it agrees with real time, kept in the data
  // directory (written at the first accelerated start).
  base::Result<base::SystemTime> TimeOrigin();

  EnvironmentOptions options_;
  std::string data_dir_;
  config::Config config_;
  std::string master_key_spec_;
  base::RealClock real_clock_;
  std::unique_ptr<base::AcceleratedClock> accelerated_clock_;
  std::unique_ptr<base::Random> real_random_;
  const base::Clock* clock_ = nullptr;
  base::Random* random_ = nullptr;
  boost::asio::io_context io_;
  std::unique_ptr<transport::ClientPool> pool_;
  transport::Transport* transport_ = nullptr;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<vault::RootKeyProvider> root_;
  std::unique_ptr<exchange::Registry> registry_;
  std::unique_ptr<keys::SuspensionMarks> marks_;
  std::unique_ptr<journal::DirectorySink> directory_sink_;
  std::unique_ptr<journal::CheckpointSink> webhook_sink_;
  CheckpointWebhook* webhook_ = nullptr;  // the same sink, typed
  std::vector<journal::CheckpointSink*> sink_ptrs_;
  std::unique_ptr<vault::Vault> vault_;
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<keys::KeyService> keys_;
  std::unique_ptr<keys::PairApprovals> pairs_;
  std::unique_ptr<access::AccessService> access_;
  std::unique_ptr<screen::Screening> screening_;
  std::mutex shipped_screenings_mu_;
  std::map<std::string, std::unique_ptr<screen::Screening>, std::less<>>
      shipped_screenings_;  // GUARDED_BY(shipped_screenings_mu_)
  std::unique_ptr<policy::Chain> chain_;
  std::unique_ptr<engine::OrderEngine> engine_;
  std::unique_ptr<engine::Reconciler> reconciler_;
  std::unique_ptr<keys::BalanceSnapshots> snapshots_;
  std::unique_ptr<strategy::PlanService> plans_;
  std::unique_ptr<incident::Revocation> revocation_;
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<strategy::PlanRunner> plan_runner_;
  std::unique_ptr<strategy::SignalReceiver> signals_;
  std::unique_ptr<strategy::PlanSimulator> simulator_;
};

}  // namespace amanah::environment
