#include "cli/network_options.h"

namespace amanah::cli {

void AddNetworkOptions(CLI::App* c, Context& ctx) {
  c->add_option(
      "--ca-file", ctx.ca_file,
      "PEM certificates to trust instead of the system store (a paper exchange with --tls)");
  c->add_option("--egress-ip", ctx.egress_ips,
                "An IP address Amanah's requests leave from (repeat); the key must be "
                "whitelisted to exactly these (default: network.egress_ips in amanah.toml)");
  c->add_flag("--require-ip-restriction", ctx.require_ip_restriction,
              "Refuse keys without an IP whitelist");
}

}  // namespace amanah::cli
