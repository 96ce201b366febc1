// Daemon: `amanah serve` — the HTTP API (plain HTTP on loopback, else TLS from a certificate and
// key file unless the operator allows plain HTTP behind a proxy), the continuous re-audit of every
// key, settlement of orders left pending, the plans' scheduled runs and the webhook signals' queue.
// At first start with no users it issues a one-time setup token and prints it. SIGTERM or SIGINT
// stops it gracefully: the listener closes, requests in flight are answered, the scheduler stops
// after its current audit, pending orders are settled, then it returns.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "base/result.h"
#include "environment/environment.h"

namespace amanah::daemon {

struct ServeOptions {
  /// Over config [server] listen.
  std::optional<std::string> listen;
  /// The dashboard's built files, over config [server] web_dir.
  std::optional<std::string> web_dir;
  /// Write the bound port here once listening (tests and scripts use port 0).
  std::optional<std::string> port_file;
  /// Where the start-up lines (the address, the setup token) go.
  std::ostream* out = nullptr;
  /// How often the scheduler looks for due audits.
  std::chrono::milliseconds poll{std::chrono::seconds(5)};
  /// How often the plan scheduler looks for due runs, and the webhook queue for signals.
  std::chrono::milliseconds plan_poll{std::chrono::seconds(1)};
  std::chrono::milliseconds signal_poll{std::chrono::milliseconds(200)};
  /// How often keys are watched (rotation reminders, old-key probes), over [server] watch_every.
  std::optional<std::chrono::milliseconds> watch_every;
  /// How often notifications are collected and sent, over [notify] poll_every.
  std::optional<std::chrono::milliseconds> notify_every;
  /// How often the account streams look for connections to follow (streams are opened at once).
  std::chrono::milliseconds stream_sweep{std::chrono::seconds(5)};
  /// Called once the daemon is listening, with its port (tests stop it from here).
  std::function<void(uint16_t port, std::function<void()> stop)> on_listening;
};

/// Runs until stopped; an error if it cannot start (bad address, TLS files, no vault).
base::Result<void> Serve(environment::Environment& env, ServeOptions options);

}  // namespace amanah::daemon
