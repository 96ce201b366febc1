#include "cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "amanah/version.h"
#include "cli/connection_commands.h"
#include "cli/context.h"
#include "cli/doctor_command.h"
#include "cli/incident_commands.h"
#include "cli/journal_commands.h"
#include "cli/notify_commands.h"
#include "cli/order_commands.h"
#include "cli/pair_commands.h"
#include "cli/plan_commands.h"
#include "cli/rotation_commands.h"
#include "cli/screen_commands.h"
#include "cli/serve_command.h"
#include "cli/user_commands.h"
#include "cli/vault_commands.h"

namespace amanah::cli {

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  RunOptions options;
  options.out = &out;
  options.err = &err;
  options.in = &std::cin;
  options.env = config::ProcessEnvironment();
  return Run(args, options);
}

int Run(const std::vector<std::string>& args, const RunOptions& options) {
  std::ostream& out = *options.out;
  std::ostream& err = *options.err;
  CLI::App app{
      "Amanah: a self-hosted, spot-only trading gateway that holds exchange API keys in trust.\n"
      "It audits each key's permissions on the exchange, screens assets, and journals every\n"
      "decision in a tamper-evident log.",
      "amanah"};
  app.set_version_flag("--version", std::string("amanah ") + kVersion);
  app.require_subcommand(0, 1);
  Context ctx(options);
  app.add_option("--data-dir", ctx.data_dir_flag,
                 "State directory (default $AMANAH_DATA_DIR, else $XDG_DATA_HOME/amanah)");
  app.add_option("--master-key", ctx.master_key_flag,
                 "Master key source: file:PATH (default <data-dir>/master.key), env:VARIABLE or "
                 "passphrase:PATH|- (default [vault] master_key in amanah.toml, else "
                 "$AMANAH_MASTER_KEY)");
  app.add_option("--server", ctx.server,
                 "Run against a daemon at this URL (https://…), with the personal access token "
                 "in $AMANAH_TOKEN");
  AddVaultCommands(app, ctx);
  AddJournalCommands(app, ctx);
  AddScreenCommands(app, ctx);
  AddConnectionCommands(app, ctx);
  AddRotationCommands(app, ctx);
  AddIncidentCommands(app, ctx);
  AddNotifyCommands(app, ctx);
  AddDoctorCommand(app, ctx);
  AddOrderCommands(app, ctx);
  AddPairCommands(app, ctx);
  AddPlanCommands(app, ctx);
  AddServeCommand(app, ctx);
  AddUserCommands(app, ctx);

  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(std::move(reversed));
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "amanah: " << e.what() << "\nRun 'amanah --help' for usage.\n";
    return e.get_exit_code() == 0 ? 2 : e.get_exit_code();
  }
  if (app.get_subcommands().empty()) {
    out << app.help();
    return 0;
  }
  return ctx.exit_code;
}

}  // namespace amanah::cli
