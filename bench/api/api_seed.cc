// api_seed: fills a data directory for the API benchmark (bench/api/api_wrk.sh) — a vault, an
// owner, and one connection per key file in KEYS_DIR (as amanah-paper --keys-out writes them),
// each connected through the key service exactly as `amanah connect` connects it (shape check,
// test read, permission and account audit, sealed in the vault, journaled) against the paper
// exchange at URL. Usage: api_seed DATA_DIR KEYS_DIR URL [TENANT]; prints how many and how long.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/key_file.h"
#include "environment/environment.h"
#include "transport/run_blocking.h"

using namespace amanah;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: api_seed DATA_DIR KEYS_DIR URL [TENANT]\n";
    return 2;
  }
  environment::EnvironmentOptions o;
  o.data_dir = argv[1];
  o.log_to_file = false;
  o.env = {{"AMANAH_EGRESS_IPS", "127.0.0.1"}};
  auto env = environment::Environment::Open(std::move(o));
  if (!env) {
    std::cerr << env.error().ToString() << "\n";
    return 1;
  }
  if (auto vault = (*env)->CreateVault(); !vault) {
    std::cerr << vault.error().ToString() << "\n";
    return 1;
  }
  const store::TenantId tenant(argc > 4 ? argv[4] : "default");
  auto* keys = (*env)->keys().value();
  const auto start = std::chrono::steady_clock::now();
  int connected = 0;
  for (const auto& file : std::filesystem::directory_iterator(argv[2])) {
    auto key = cli::ReadKeyFile(file.path().string(), std::nullopt);
    if (!key) {
      std::cerr << key.error().ToString() << "\n";
      return 1;
    }
    keys::KeyInput input{"binance", file.path().stem().string(), std::move(key->key),
                         std::string(argv[3])};
    auto outcome = transport::RunBlocking((*env)->io(), keys->Connect(tenant, std::move(input)));
    if (outcome.kind != keys::ConnectOutcome::Kind::kAccepted) {
      std::cerr << "not accepted: " << file.path() << ": "
                << (outcome.failure ? outcome.failure->explanation : "refused by the audit");
      for (const auto& f : outcome.verdict.findings)
        std::cerr << " [" << f.code << ": " << f.found << "]";
      std::cerr << "\n";
      return 1;
    }
    ++connected;
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::cout << connected << " connections in " << ms << " ms\n";
  return 0;
}
