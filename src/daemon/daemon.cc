#include "daemon/daemon.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/api.h"
#include "crypto/encoding.h"
#include "daemon/account_streams.h"
#include "daemon/connection_scheduler.h"
#include "daemon/key_watch.h"
#include "daemon/rate_budget_sync.h"
#include "journal/journal.h"
#include "server/http_server.h"
#include "server/static_site.h"
#include "strategy/plan_scheduler.h"

namespace amanah::daemon {

namespace net = boost::asio;
using base::ErrorCode;
using base::Fail;

namespace {

bool IsLoopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

base::Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read the " + std::string(what) + " " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

base::Result<std::optional<server::TlsIdentity>> Tls(const config::ServerConfig& c,
                                                     const config::ListenAddress& address) {
  if (c.tls_cert.has_value() != c.tls_key.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                "server.tls_cert and server.tls_key go together: give both, or neither");
  }
  if (!c.tls_cert) {
    if (!IsLoopback(address.host) && !c.allow_plain_http) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "refusing plain HTTP on " + address.host +
                      ": sessions and keys would cross the network in the clear. Give "
                      "server.tls_cert and server.tls_key, listen on 127.0.0.1, or set "
                      "server.allow_plain_http = true behind a TLS-terminating proxy");
    }
    return std::optional<server::TlsIdentity>();
  }
  server::TlsIdentity id;
  AMANAH_ASSIGN_OR_RETURN(id.certificate_pem, ReadFile(*c.tls_cert, "TLS certificate"));
  AMANAH_ASSIGN_OR_RETURN(id.private_key_pem, ReadFile(*c.tls_key, "TLS private key"));
  return std::optional<server::TlsIdentity>(std::move(id));
}

}  // namespace

base::Result<void> Serve(environment::Environment& env, ServeOptions options) {
  std::ostream& out = options.out ? *options.out : std::cerr;
  const config::ServerConfig& sc = env.config().server;
  const std::string listen = options.listen.value_or(sc.listen);
  auto parsed = config::ParseListen(listen);
  if (!parsed) return parsed.error().WithContext("--listen");
  const config::ListenAddress address = *parsed;
  AMANAH_ASSIGN_OR_RETURN(auto tls, Tls(sc, address));
  AMANAH_TRY(env.vault());  // the master key is read now, not at the first request

  api::ApiOptions api_options;
  api_options.tls = tls.has_value();
  api_options.vault_open = [] { return true; };
  // Set once the scheduler exists (it needs the API's metrics); read by request handlers.
  auto scheduler_slot = std::make_shared<std::atomic<ConnectionScheduler*>>(nullptr);
  api_options.audit_soon = [scheduler_slot](const store::ConnectionId& id) {
    if (ConnectionScheduler* s = scheduler_slot->load()) {
      if (auto soon = s->Soon(id); !soon) spdlog::error("re-audit: {}", soon.error().ToString());
    }
  };
  const std::optional<std::string> web_dir = options.web_dir ? options.web_dir : sc.web_dir;
  if (web_dir) {
    auto site = server::StaticSite::Load(*web_dir);
    if (!site) return site.error().WithContext("server.web_dir");
    out << "amanah: dashboard from " << *web_dir << " (" << site->files() << " files)\n";
    api_options.site = std::make_shared<const server::StaticSite>(std::move(*site));
  }
  // Set once the account streams exist; read by request handlers.
  auto streams_slot = std::make_shared<std::atomic<AccountStreams*>>(nullptr);
  api_options.stream_status =
      [streams_slot](const store::ConnectionId& id) -> std::optional<boost::json::object> {
    AccountStreams* streams = streams_slot->load();
    if (streams == nullptr) return std::nullopt;
    auto status = streams->StatusOf(id);
    if (!status) return std::nullopt;
    return StatusJson(*status);
  };
  api_options.connections_changed = [scheduler_slot] {
    if (ConnectionScheduler* s = scheduler_slot->load()) {
      if (auto planned = s->Plan(); !planned) {
        spdlog::error("scheduling: {}", planned.error().ToString());
      }
    }
  };
  if (sc.log_json) {
    auto mu = std::make_shared<std::mutex>();
    api_options.access_log = [mu](const std::string& line) {
      std::lock_guard lock(*mu);
      std::cerr << line << "\n";
    };
  }
  AMANAH_ASSIGN_OR_RETURN(std::unique_ptr<api::Api> api, api::Api::Create(env, api_options));
  AMANAH_ASSIGN_OR_RETURN(access::AccessService * access, env.access());
  AMANAH_ASSIGN_OR_RETURN(keys::KeyService * keys, env.keys());
  AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * engine, env.engine());

  AMANAH_ASSIGN_OR_RETURN(bool has_users, access->HasUsers());
  const std::string scheme = tls ? "https" : "http";

  AMANAH_ASSIGN_OR_RETURN(engine::Reconciler * reconciler, env.reconciler());
  ConnectionScheduler::Options so;
  so.audit_every = sc.reaudit_every;
  so.reconcile_every = sc.reconcile_every;
  so.egress_ips = static_cast<int64_t>(std::max<size_t>(1, env.config().egress_ips.size()));
  std::vector<uint8_t> node(6);
  env.random().Fill(node);
  so.holder = "node-" + crypto::HexEncode(node);  // this process, in the leases
  AMANAH_ASSIGN_OR_RETURN(keys::BalanceSnapshots * snapshots, env.snapshots());
  ConnectionScheduler scheduler(
      {env.store(), *keys, reconciler, env.registry(), env.clock(), &api->metrics(), snapshots},
      so);
  RateBudgetSync rate_budgets(env.store(), env.registry(), env.clock(),
                              config::EgressLabel(env.config()));
  scheduler_slot->store(&scheduler);
  AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * plans, env.plans());
  AMANAH_ASSIGN_OR_RETURN(strategy::PlanRunner * runner, env.plan_runner());
  AMANAH_ASSIGN_OR_RETURN(strategy::SignalReceiver * signal_queue, env.signals());
  strategy::PlanScheduler::Options plan_options;
  plan_options.holder = so.holder;
  plan_options.late_after = env.config().plans.late_after;
  strategy::PlanScheduler plan_scheduler(
      {env.store(), *env.vault().value(), *plans, *runner, env.clock()}, plan_options);

  AMANAH_ASSIGN_OR_RETURN(notify::Notifier * notifier, env.notifier());

  net::io_context& io = env.io();
  server::HttpServer http(io, api->Handler(), tls, server::IoThreads::kMany);
  http.SetName("amanah");
  AMANAH_ASSIGN_OR_RETURN(uint16_t port, http.Listen(address.host, address.port));
  out << "amanah: serving " << scheme << "://" << address.host << ":" << port << "/\n";
  if (options.port_file) {
    std::ofstream f(*options.port_file, std::ios::trunc);
    f << port << "\n";
  }
  if (!has_users) {
    AMANAH_ASSIGN_OR_RETURN(std::string token, access->IssueSetupToken());
    out << "amanah: first run — no users yet. Set up the first owner with this one-time token "
           "(valid 24 h): POST /api/v1/setup {\"setup_token\": \""
        << token << "\", …}, or run `amanah user add NAME --owner`.\n";
  }
  out.flush();

  std::atomic<bool> stopping{false};
  std::optional<AccountStreams> streams;  // closed first at a stop
  net::signal_set signals(io, SIGINT, SIGTERM);
  auto pause = [](std::chrono::milliseconds d) -> net::awaitable<void> {
    net::steady_timer timer(co_await net::this_coro::executor, d);
    co_await timer.async_wait(net::use_awaitable);
  };
  // Graceful stop: no new connections, answer what is in flight, settle, end.
  auto shutdown = [&]() -> net::awaitable<void> {
    if (stopping.exchange(true)) co_return;
    spdlog::info("amanah serve: stopping");
    if (streams) streams->Stop();  // no stream outlives the stop (their WebSockets close now)
    http.Stop();
    api->StopStreams();  // event streams end within a quarter second, like any answer in flight
    signals.cancel();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (http.InFlight() > 0 && std::chrono::steady_clock::now() < deadline) {
      co_await pause(std::chrono::milliseconds(20));
    }
    engine::SettleReport settled = co_await engine->SettleAll(false);
    if (!settled.remaining.empty()) {
      spdlog::warn("amanah serve: {} order(s) still unsettled; they are settled at the next start",
                   settled.remaining.size());
    }
    io.stop();
  };
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) net::co_spawn(io, shutdown(), net::detached);
  });
  // Orders left pending by the last run are settled before anything else trades.
  net::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        engine::SettleReport settled = co_await engine->SettleAll(true);
        if (settled.settled > 0) spdlog::info("amanah serve: settled {} order(s)", settled.settled);
        // Plans and signals trade only once every order left pending is settled.
        net::co_spawn(io, plan_scheduler.Run(pause, options.plan_poll, stopping), net::detached);
        net::co_spawn(io, signal_queue->Run(pause, options.signal_poll, stopping), net::detached);
        co_await scheduler.Run(pause, options.poll, std::chrono::minutes(1), stopping);
      },
      net::detached);
  net::co_spawn(io, rate_budgets.Run(pause, std::chrono::seconds(1), stopping), net::detached);
  KeyWatch key_watch(*keys);
  if (reconciler != nullptr) {
    AccountStreams::Options stream_options;
    stream_options.sweep_every = options.stream_sweep;
    streams.emplace(AccountStreams::Deps{env.store(), *keys, *reconciler}, stream_options);
    streams_slot->store(&*streams);
    net::co_spawn(io, streams->Run(pause, stopping), net::detached);
  }
  net::co_spawn(io,
                key_watch.Run(pause,
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  options.watch_every.value_or(sc.watch_every)),
                              stopping),
                net::detached);
  net::co_spawn(io,
                notifier->Run(pause,
                              options.notify_every.value_or(
                                  std::chrono::duration_cast<std::chrono::milliseconds>(
                                      env.config().notify.poll_every)),
                              stopping),
                net::detached);
  if (options.on_listening) {
    options.on_listening(port, [&] { net::co_spawn(io, shutdown(), net::detached); });
  }

  const int threads = static_cast<int>(std::max<int64_t>(1, sc.threads));
  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : workers) t.join();
  scheduler_slot->store(nullptr);
  streams_slot->store(nullptr);
  io.restart();
  return {};
}

}  // namespace amanah::daemon
