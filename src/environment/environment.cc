#include "environment/environment.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "screen/shipped_data.h"

#include <filesystem>
#include <fstream>

#include "base/logging.h"
#include "config/data_dir.h"
#include "crypto/csprng.h"
#include "environment/checkpoint_webhook.h"
#include "keys/store_nonces.h"
#include "policy/standard_chain.h"
#include "store/sqlite/sqlite_store.h"

namespace amanah::environment {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

// io_context::shutdown() (protected in execution_context) destroys every operation still pending
// — among them suspended coroutine frames, which may hold a leased exchange or a store handle.
struct IoShutdown : boost::asio::io_context {
  static void Run(boost::asio::io_context& io) { (io.*(&IoShutdown::shutdown))(); }
};

}  // namespace

Environment::~Environment() {
  // Coroutines the io_context still holds (a reconciliation cut short by a stop) end first, while
  // the services they use are alive: their leases are released into a live key service.
  IoShutdown::Run(io_);
  // The key service and the journal use the vault and the store: end them first.
  keys_.reset();
  pairs_.reset();
  journal_.reset();
  vault_.reset();
}

namespace {

// True when `path` lies inside `dir` (after resolving what exists of both).
bool Inside(const std::string& path, const std::string& dir) {
  std::error_code ec;
  const auto p = std::filesystem::weakly_canonical(path, ec);
  const auto d = std::filesystem::weakly_canonical(dir, ec);
  auto [end, ignored] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
  (void)ignored;
  return end == d.end();
}

}  // namespace

Result<std::unique_ptr<Environment>> Environment::Open(EnvironmentOptions options) {
  std::unique_ptr<Environment> env(new Environment());
  env->options_ = std::move(options);
  const EnvironmentOptions& o = env->options_;
  AMANAH_ASSIGN_OR_RETURN(env->data_dir_, config::ResolveDataDir(o.data_dir, o.env));
  if (o.log_to_file) {
    // The CLI prints its own messages; the log file keeps the record.
    base::InitLogging({.file = env->data_dir_ + "/amanah.log", .stderr_level = spdlog::level::off});
  }
  AMANAH_ASSIGN_OR_RETURN(env->config_, config::LoadConfig(env->data_dir_ + "/amanah.toml", o.env));
  config::Config& c = env->config_;
  if (!o.egress_ips.empty()) c.egress_ips = o.egress_ips;
  if (o.require_ip_restriction) c.audit.require_ip_restriction = true;
  if (o.ca_file && !o.ca_file->empty()) c.ca_file = o.ca_file;
  if (c.journal.export_dir && Inside(*c.journal.export_dir, env->data_dir_)) {
    return Error(ErrorCode::kInvalidArgument,
                 "journal.export_dir " + *c.journal.export_dir +
                     " is inside the data directory; checkpoints must be exported outside it");
  }
  env->master_key_spec_ = o.master_key && !o.master_key->empty() ? *o.master_key
                          : c.master_key                         ? *c.master_key
                                         : "file:" + env->data_dir_ + "/master.key";

  env->clock_ = o.clock ? o.clock : &env->real_clock_;
  if (o.time_accel != 1) {
    if (!(o.time_accel > 1 && o.time_accel <= 1e6)) {
      return Error(ErrorCode::kInvalidArgument, "--time-accel is a factor from 1 to 1000000");
    }
    // The origin is kept in the data directory, so a restarted daemon goes on in the same
    // accelerated timeline (its plans' next runs are in it) instead of starting from the present.
    AMANAH_ASSIGN_OR_RETURN(base::SystemTime origin, env->TimeOrigin());
    env->accelerated_clock_ =
        std::make_unique<base::AcceleratedClock>(*env->clock_, o.time_accel, origin);
    env->clock_ = env->accelerated_clock_.get();
    if (!o.pause) {
      // A wait of d in accelerated time is d / factor of real time.
      const double factor = o.time_accel;
      env->options_.pause = [factor](std::chrono::milliseconds d) -> boost::asio::awaitable<void> {
        const auto real = std::chrono::milliseconds(
            std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(d.count()) / factor)));
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, real);
        co_await timer.async_wait(boost::asio::use_awaitable);
      };
    }
  }
  if (o.random) {
    env->random_ = o.random;
  } else {
    env->real_random_ = std::make_unique<crypto::Csprng>();
    env->random_ = env->real_random_.get();
  }
  transport::Options net;
  if (c.ca_file) net.ca_file = *c.ca_file;
  if (o.transport) {
    env->transport_ = o.transport;
  } else {
    env->pool_ = std::make_unique<transport::ClientPool>(env->io_.get_executor(), net);
    env->transport_ = env->pool_.get();
  }
  env->registry_ = std::make_unique<exchange::Registry>(*env->transport_, *env->clock_);
  exchange::RegisterAll(*env->registry_);
  env->marks_ = std::make_unique<keys::SuspensionMarks>(env->data_dir_ + "/suspended");
  if (c.journal.export_dir) {
    env->directory_sink_ = std::make_unique<journal::DirectorySink>(*c.journal.export_dir);
    env->sink_ptrs_.push_back(env->directory_sink_.get());
  }
  if (c.journal.export_webhook) {
    AMANAH_ASSIGN_OR_RETURN(
        auto hook, CheckpointWebhook::Create(*c.journal.export_webhook, net, *env->clock_));
    env->webhook_ = hook.get();
    env->webhook_sink_ = std::move(hook);
    env->sink_ptrs_.push_back(env->webhook_sink_.get());
  }
  AMANAH_ASSIGN_OR_RETURN(env->root_, vault::MakeRootKeyProvider(env->master_key_spec_));
  AMANAH_ASSIGN_OR_RETURN(auto store,
                          store::sqlite::SqliteStore::Open(env->data_dir_ + "/amanah.db"));
  env->store_ = std::move(store);
  // Kraken's nonces and signing turns: in the store, shared by every process and node on it.
  env->registry_->set_nonce_source(
      std::make_shared<keys::StoreNonceSource>(*env->store_, *env->clock_, *env->random_));
  return env;
}

Result<void> Environment::CreateVault() {
  AMANAH_ASSIGN_OR_RETURN(vault_, vault::Vault::Create(*store_, *root_, *random_, *clock_));
  return OpenJournal(/*create=*/true);
}

Result<vault::Vault*> Environment::vault() {
  if (!vault_) {
    AMANAH_ASSIGN_OR_RETURN(vault_, vault::Vault::Open(*store_, *root_, *random_, *clock_));
  }
  return vault_.get();
}

Result<void> Environment::OpenJournal(bool create) {
  AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
  journal::JournalOptions options;
  options.checkpoint_every_records = config_.journal.checkpoint_every_records;
  options.checkpoint_every = config_.journal.checkpoint_every;
  options.sinks = sink_ptrs_;
  AMANAH_ASSIGN_OR_RETURN(journal_, create ? journal::Journal::Create(*store_, *v, *clock_, options)
                                           : journal::Journal::Open(*store_, *v, *clock_, options));
  if (webhook_) {
    journal::Journal* j = journal_.get();
    webhook_->SetSigner([j](crypto::ByteView bytes) { return j->Sign(bytes); });
  }
  return {};
}

Result<journal::Journal*> Environment::journal() {
  if (!journal_) AMANAH_TRY(OpenJournal(/*create=*/false));
  return journal_.get();
}

keys::KeyPolicy Environment::Policy() const {
  keys::KeyPolicy p;
  p.audit.egress_ips = config_.egress_ips;
  p.audit.require_ip_restriction = config_.audit.require_ip_restriction;
  p.audit.remind_after_days = config_.audit.rotation_reminder_days;
  p.audit.alert_after_days = config_.audit.rotation_alert_days;
  p.endpoints = config_.endpoints;
  p.audit_max_age = config_.audit.max_age;
  p.rotation_reminder = std::chrono::days(config_.audit.rotation_reminder_days);
  p.rotation_due = std::chrono::days(config_.audit.rotation_alert_days);
  return p;
}

Result<keys::KeyService*> Environment::keys() {
  if (!keys_) {
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    keys_ = std::make_unique<keys::KeyService>(
        keys::KeyService::Deps{*store_, *v, *j, *registry_, *clock_, *random_, *marks_}, Policy());
  }
  return keys_.get();
}

Result<keys::PairApprovals*> Environment::pairs() {
  if (!pairs_) {
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    pairs_ =
        std::make_unique<keys::PairApprovals>(keys::PairApprovals::Deps{*store_, *v, *j, *clock_});
  }
  return pairs_.get();
}

Result<access::AccessService*> Environment::access() {
  if (!access_) {
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    const auto& server = config_.server;
    access::AccessOptions options;
    options.password_hash.memory_kib = static_cast<uint32_t>(server.password_memory_kib);
    options.password_hash.iterations = static_cast<uint32_t>(server.password_iterations);
    options.max_failed_logins = static_cast<int>(server.max_failed_logins);
    options.lockout = server.lockout;
    options.max_failed_logins_per_peer = static_cast<int>(server.max_failed_logins_per_ip);
    options.session_ttl = server.session_ttl;
    access_ = std::make_unique<access::AccessService>(
        access::AccessService::Deps{*store_, *j, *clock_, *random_}, options);
  }
  return access_.get();
}

Result<const screen::Screening*> Environment::screening() {
  if (!screening_) {
    screen::ScreeningSources sources;
    sources.ruleset = config_.policy.ruleset;
    AMANAH_ASSIGN_OR_RETURN(screening_, screen::Screening::Load(sources));
  }
  return screening_.get();
}

Result<const screen::Screening*> Environment::screening(std::string_view shipped_ruleset) {
  if (shipped_ruleset == config_.policy.ruleset) return screening();
  bool shipped = false;
  for (auto name : screen::ShippedRulesetNames()) shipped = shipped || name == shipped_ruleset;
  if (!shipped) {
    std::string names;
    for (auto name : screen::ShippedRulesetNames())
      names += (names.empty() ? "" : ", ") + std::string(name);
    return base::Fail(base::ErrorCode::kNotFound,
                      "no shipped ruleset is called that; the shipped ones are " + names);
  }
  std::lock_guard lock(shipped_screenings_mu_);
  auto it = shipped_screenings_.find(shipped_ruleset);
  if (it == shipped_screenings_.end()) {
    screen::ScreeningSources sources;
    sources.ruleset = std::string(shipped_ruleset);
    AMANAH_ASSIGN_OR_RETURN(auto loaded, screen::Screening::Load(sources));
    it = shipped_screenings_.emplace(std::string(shipped_ruleset), std::move(loaded)).first;
  }
  return it->second.get();
}

Result<engine::Reconciler*> Environment::reconciler() {
  if (!reconciler_) {
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * e, engine());
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    engine::Reconciler::Options options;
    options.suspend_on_foreign_order = config_.policy.suspend_on_foreign_order;
    reconciler_ = std::make_unique<engine::Reconciler>(
        engine::Reconciler::Deps{*store_, *v, *j, *k, *e, *clock_}, options);
  }
  return reconciler_.get();
}

Result<incident::Revocation*> Environment::revocation() {
  if (!revocation_) {
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * e, engine());
    AMANAH_ASSIGN_OR_RETURN(engine::Reconciler * r, reconciler());
    AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * p, plans());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    revocation_ = std::make_unique<incident::Revocation>(
        incident::Revocation::Deps{*store_, *j, *k, *e, r, *p, *clock_, *random_},
        std::filesystem::path(data_dir_) / "incidents");
  }
  return revocation_.get();
}

Result<notify::Notifier*> Environment::notifier() {
  if (!notifier_) {
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    notify::NotifierOptions o;
    o.max_attempts = static_cast<int>(config_.notify.max_attempts);
    o.allow_loopback_http = config_.notify.allow_loopback_http;
    if (options_.ca_file) {
      o.ca_file = *options_.ca_file;
    } else if (config_.ca_file) {
      o.ca_file = *config_.ca_file;
    }
    notifier_ = std::make_unique<notify::Notifier>(
        notify::Notifier::Deps{*store_, *v, *clock_, *random_}, o);
  }
  return notifier_.get();
}

Result<keys::BalanceSnapshots*> Environment::snapshots() {
  if (!snapshots_) {
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    snapshots_ = std::make_unique<keys::BalanceSnapshots>(*k, *store_, *clock_);
  }
  return snapshots_.get();
}

Result<base::SystemTime> Environment::TimeOrigin() {
  const std::string path = data_dir_ + "/paper-time-origin";
  {
    std::ifstream in(path);
    int64_t ms = 0;
    if (in >> ms && ms > 0) return base::SystemTime(std::chrono::milliseconds(ms));
  }
  const base::SystemTime now = clock_->Now();
  std::ofstream out(path, std::ios::trunc);
  out << base::UnixMillis(now) << "\n";
  if (!out) return Error(ErrorCode::kFailedPrecondition, "cannot write " + path);
  return now;
}

std::chrono::milliseconds Environment::SettleMargin() const {
  // A paper exchange with --time-accel keeps its acceptance window (the adapters' recvWindow of
  // 5 s) in real time: in accelerated time that window is the factor times longer, and so is the
  // margin — the same 6 s of real time as without acceleration.
  if (options_.time_accel <= 1) return std::chrono::milliseconds(1000);
  return std::chrono::milliseconds(static_cast<int64_t>(6000.0 * options_.time_accel) - 5000);
}

Result<engine::OrderEngine*> Environment::engine() {
  if (!engine_) {
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    AMANAH_ASSIGN_OR_RETURN(keys::PairApprovals * pairs_of, pairs());
    AMANAH_ASSIGN_OR_RETURN(const screen::Screening* s, screening());
    const policy::PolicyOptions& options = config_.policy;
    AMANAH_ASSIGN_OR_RETURN(policy::Chain chain, policy::BuildStandardChain(options, *s));
    chain_ = std::make_unique<policy::Chain>(std::move(chain));
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    engine_ = std::make_unique<engine::OrderEngine>(
        engine::OrderEngine::Deps{*store_, *v, *j, *k, *pairs_of, *clock_, *random_, *chain_},
        engine::OrderEngine::Options{options, SettleMargin(), 3, std::chrono::minutes(5),
                                     options_.pause});
  }
  return engine_.get();
}

Result<strategy::PlanService*> Environment::plans() {
  if (!plans_) {
    auto zone = strategy::ParsePeriod("daily@00:00", config_.plans.time_zone);
    if (!zone) return zone.error().WithContext("plans.time_zone");
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    strategy::PlanService::Options o;
    o.time_zone = config_.plans.time_zone;
    o.catch_up = strategy::ParseCatchUp(config_.plans.catch_up).value_or(strategy::CatchUp::kOnce);
    plans_ = std::make_unique<strategy::PlanService>(
        strategy::PlanService::Deps{*store_, *v, *j, *clock_, *random_}, o);
  }
  return plans_.get();
}

Result<strategy::PlanRunner*> Environment::plan_runner() {
  if (!plan_runner_) {
    AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * p, plans());
    AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * e, engine());
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    plan_runner_ = std::make_unique<strategy::PlanRunner>(
        strategy::PlanRunner::Deps{*store_, *v, *j, *clock_, *k, *e, *p, config_.policy.fee_rate});
  }
  return plan_runner_.get();
}

Result<strategy::SignalReceiver*> Environment::signals() {
  if (!signals_) {
    AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * p, plans());
    AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * e, engine());
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    AMANAH_ASSIGN_OR_RETURN(keys::PairApprovals * pa, pairs());
    AMANAH_ASSIGN_OR_RETURN(const screen::Screening* s, screening());
    AMANAH_ASSIGN_OR_RETURN(vault::Vault * v, vault());
    AMANAH_ASSIGN_OR_RETURN(journal::Journal * j, journal());
    signals_ = std::make_unique<strategy::SignalReceiver>(strategy::SignalReceiver::Deps{
        *store_, *v, *j, *clock_, *p, *pa, *k, *e, *s, config_.policy.fee_rate,
        config_.policy.allow_doubtful, config_.policy.require_approved_pairs});
  }
  return signals_.get();
}

Result<strategy::PlanSimulator*> Environment::simulator() {
  if (!simulator_) {
    AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * p, plans());
    AMANAH_ASSIGN_OR_RETURN(keys::KeyService * k, keys());
    simulator_ = std::make_unique<strategy::PlanSimulator>(
        strategy::PlanSimulator::Deps{*store_, *p, *k, config_.policy.fee_rate});
  }
  return simulator_.get();
}

}  // namespace amanah::environment
