#include "daemon/key_watch.h"

#include <spdlog/spdlog.h>

namespace amanah::daemon {

boost::asio::awaitable<void> KeyWatch::Pass() {
  if (auto raised = keys_.RaiseRotationAlerts(); !raised) {
    spdlog::error("key watch: rotation reminders: {}", raised.error().ToString());
  } else if (*raised > 0) {
    spdlog::info("key watch: {} rotation reminder(s) raised", *raised);
  }
  auto probes = co_await keys_.ProbeOldKeys();
  if (!probes) {
    spdlog::error("key watch: old keys: {}", probes.error().ToString());
    co_return;
  }
  for (const auto& p : *probes) {
    if (p.gone)
      spdlog::info("key watch: {}: old key {}: {}", p.label, p.api_key_id.substr(0, 8), p.note);
  }
}

boost::asio::awaitable<void> KeyWatch::Run(engine::Pause pause, std::chrono::milliseconds every,
                                           const std::atomic<bool>& stop) {
  while (!stop.load()) {
    co_await Pass();
    co_await pause(every);
  }
}

}  // namespace amanah::daemon
