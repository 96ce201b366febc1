#include "cli/serve_command.h"

#include "daemon/daemon.h"

namespace amanah::cli {

namespace {

struct Options {
  std::optional<std::string> listen;
  std::optional<std::string> port_file;
  std::optional<std::string> web_dir;
};

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "serve", "Run the daemon: the HTTP API, continuous key re-audits, order settlement");
  cmd->add_option("--listen", o->listen,
                  "host:port to listen on (default [server] listen, 127.0.0.1:8750)");
  cmd->add_option("--port-file", o->port_file, "Write the port listened on here (for port 0)");
  cmd->add_option("--web-dir", o->web_dir,
                  "The dashboard's built files (default [server] web_dir; ./dev builds build/web)");
  cmd->callback([&ctx, o] {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    daemon::ServeOptions so;
    so.listen = o->listen;
    so.port_file = o->port_file;
    so.web_dir = o->web_dir;
    so.out = &ctx.err;
    if (auto served = daemon::Serve(**env, std::move(so)); !served) ctx.Report(served.error());
  });
}

}  // namespace amanah::cli
