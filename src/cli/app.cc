#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "amanah/version.h"

namespace amanah::cli {
namespace {}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "Amanah: a self-hosted, spot-only trading gateway that holds exchange API keys in trust.\n"
      "It audits each key's permissions on the exchange, screens assets, and journals every\n"
      "decision in a tamper-evident log.",
      "amanah"};
  app.set_version_flag("--version", std::string("amanah ") + kVersion);
  app.require_subcommand(0, 1);

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
  return 0;
}

}  // namespace amanah::cli
