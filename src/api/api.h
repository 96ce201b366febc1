// Api: the daemon's HTTP API — `/api/v1/…` (OpenAPI at /api/v1/openapi.json), `/healthz`,
// `/readyz`, `/metrics`, and the dashboard's files at every other path — as one coroutine
// `HttpRequest → HttpResponse` that the HTTP server calls. For each request it finds the route,
// turns the credential (a Bearer personal access token, or the session cookie plus, on every
// state-changing request, the X-CSRF-Token header) into a Principal, checks the route's scope, and
// hands over to the route, which calls the service layer with the principal's tenant — the only
// tenant any request can reach, so another tenant's object is a 404 exactly like a missing one.
// Errors are RFC 9457 problem+json; every answer carries no-store and the strict security headers;
// requests are counted by route and status and, when asked, logged as JSON lines (method, route,
// status, duration, user — never a body, a query or a header value).
//
// Thread-safe: the server calls Handle from every I/O thread at once. Password hashing (login,
// setup, new users) runs on a small pool of its own so it never holds an I/O thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/object.hpp>

#include "api/metrics.h"
#include "api/router.h"
#include "environment/environment.h"
#include "server/http_server.h"
#include "server/static_site.h"

namespace amanah::api {

struct ApiOptions {
  /// Served over TLS: cookies get the Secure flag (and the __Host- prefix).
  bool tls = false;
  /// One JSON line per request goes here when set.
  std::function<void(const std::string&)> access_log;
  /// Ready means more than the store: the vault is open (set by the daemon once it is).
  std::function<bool()> vault_open;
  /// Called when an exchange answered a connection's request with what looks like a changed
  /// permission (key refused, permission missing, IP not whitelisted): the daemon audits it at
  /// once.
  std::function<void(const store::ConnectionId&)> audit_soon;
  /// Called when a connection was added or disconnected: the daemon schedules its audits and
  /// reconciliations now rather than at the next re-plan.
  std::function<void()> connections_changed;
  /// The connection's real-time account stream as the daemon last saw it ({"live", "detail",
  /// "events", "subscriptions"}); none when no stream follows it (the CLI, another exchange).
  std::function<std::optional<boost::json::object>(const store::ConnectionId&)> stream_status;
  /// The dashboard's built files, served at every path outside /api/ that no route has; none
  /// means no dashboard (those paths are 404).
  std::shared_ptr<const server::StaticSite> site;
};

/// What every route file needs.
struct Services {
  environment::Environment& env;
  access::AccessService& access;
  keys::KeyService& keys;
  engine::OrderEngine& engine;
  journal::Journal& journal;
  Metrics& metrics;
  const ApiOptions& options;
  /// Where CPU-heavy work (password hashing) runs.
  boost::asio::thread_pool& blocking;
  /// The session cookie's name.
  std::string cookie;
  /// Set when the daemon stops: long-lived answers (the event stream) end.
  std::atomic<bool>& stopping;
  strategy::PlanService& plans;
  strategy::PlanRunner& runner;
  strategy::SignalReceiver& signals;
};

class Api {
 public:
  /// Opens the services it needs from `env` (the vault and the journal among them).
  static base::Result<std::unique_ptr<Api>> Create(environment::Environment& env,
                                                   ApiOptions options);
  ~Api();

  boost::asio::awaitable<server::HttpResponse> Handle(const server::HttpRequest& request);
  server::AsyncHttpHandler Handler();
  /// Ends every event stream (within a quarter second), so a graceful stop is not held by them.
  void StopStreams() { stopping_.store(true); }

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }

 private:
  /// The plan services Api::Create opened.
  struct PlanParts {
    strategy::PlanService& plans;
    strategy::PlanRunner& runner;
    strategy::SignalReceiver& signals;
  };
  Api(environment::Environment& env, ApiOptions options, access::AccessService& access,
      keys::KeyService& keys, engine::OrderEngine& engine, journal::Journal& journal,
      PlanParts plans);
  /// What the log line and the metrics say about a request.
  struct Trace {
    const Route* route = nullptr;
    std::string user;
    bool site = false;  ///< answered from the dashboard's files
  };
  boost::asio::awaitable<server::HttpResponse> Dispatch(const server::HttpRequest& request,
                                                        Trace& trace);
  void Finish(const server::HttpRequest& request, const Trace& trace,
              server::HttpResponse& response, base::MonotonicTime start);

  ApiOptions options_;
  Metrics metrics_;
  std::atomic<bool> stopping_{false};
  boost::asio::thread_pool blocking_{2};
  Services services_;
  Router router_;
};

}  // namespace amanah::api
