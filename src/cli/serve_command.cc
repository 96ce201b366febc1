#include "cli/serve_command.h"

#include "daemon/daemon.h"

namespace amanah::cli {

namespace {

struct ServeCommandOptions {
  std::optional<std::string> listen;
  std::optional<std::string> port_file;
  std::optional<std::string> web_dir;
  double time_accel = 1;
};

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ServeCommandOptions>();
  auto* cmd = app.add_subcommand(
      "serve", "Run the daemon: the HTTP API, continuous key re-audits, order settlement");
  cmd->add_option("--listen", o->listen,
                  "host:port to listen on (default [server] listen, 127.0.0.1:8750)");
  cmd->add_option("--port-file", o->port_file, "Write the port listened on here (for port 0)");
  cmd->add_option("--web-dir", o->web_dir,
                  "The dashboard's built files (default [server] web_dir; ./dev builds build/web)");
  cmd->add_option("--time-accel", o->time_accel,
                  "Paper mode: time runs this many times faster (with `amanah-paper --time-accel` "
                  "of the same factor), so a week of hourly plan runs takes under a minute; no "
                  "real exchange accepts it")
      ->check(CLI::Range(1.0, 1e6));
  cmd->callback([&ctx, o] {
    ctx.time_accel = o->time_accel;
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    daemon::ServeOptions so;
    so.listen = o->listen;
    so.port_file = o->port_file;
    so.web_dir = o->web_dir;
    so.out = &ctx.err;
    if (o->time_accel > 1) {
      // Plans look for due runs often enough that an accelerated hour is not missed.
      so.plan_poll =
          std::max(std::chrono::milliseconds(20),
                   std::chrono::milliseconds(static_cast<int64_t>(60'000.0 / o->time_accel)));
      ctx.err << "amanah: paper mode — time runs " << o->time_accel
              << " times faster; only a paper exchange run with the same --time-accel accepts "
                 "its requests\n";
    }
    if (auto served = daemon::Serve(**env, std::move(so)); !served) ctx.Report(served.error());
  });
}

}  // namespace amanah::cli
