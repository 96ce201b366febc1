// amanah-paper: wires the paper exchange together — clock, exchange, each venue behind the shared
// stage, admin API, scenario — and serves it on loopback until SIGINT/SIGTERM. Everything else is
// in the libraries.
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "admin/scenario.h"
#include "base/accelerated_clock.h"
#include "base/logging.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/csprng.h"
#include "http/http_server.h"
#include "venues/binance/binance_venue.h"
#include "venues/bybit/bybit_venue.h"
#include "venues/kraken/kraken_venue.h"
#include "venues/okx/okx_venue.h"
#include "venues/venue_stage.h"

namespace {

using namespace amanah;

bool WritePrivate(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return false;
  ::chmod(path.c_str(), 0600);
  out << content;
  return static_cast<bool>(out);
}

std::string RandomToken(base::Random& random) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string token(48, '0');
  for (char& c : token) c = kHex[random.Uniform(16)];
  return token;
}

bool WriteKeys(const std::filesystem::path& dir,
               const std::vector<paper::AdminApi::CreatedKey>& keys) {
  std::filesystem::create_directories(dir);
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto& k = keys[i];
    std::string name = k.name.empty() ? "key" + std::to_string(i + 1) : k.name;
    std::string text =
        "# amanah-paper key '" + name + "' (" + std::string(paper::KeyTypeName(k.type)) + ")\n";
    text += "api_key=" + k.api_key + "\n";
    if (!k.secret.empty()) text += "secret=" + k.secret + "\n";
    if (!k.passphrase.empty()) text += "passphrase=" + k.passphrase + "\n";
    if (!k.private_key_pem.empty()) {
      if (!WritePrivate(dir / (name + ".pem"), k.private_key_pem)) return false;
      text += "private_key_file=" + (dir / (name + ".pem")).string() + "\n";
    }
    if (!WritePrivate(dir / (name + ".key"), text)) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "amanah-paper: a local exchange simulator speaking Binance's, Bybit's, OKX's and Kraken's "
      "spot REST protocols"};
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  uint16_t bybit_port = 0;
  uint16_t okx_port = 0;
  uint16_t kraken_port = 0;
  uint16_t admin_port = 0;
  std::string scenario_path;
  std::string keys_out;
  std::string token_file;
  std::string cert_out;
  bool tls = false;
  unsigned threads = 1;
  double accel = 1.0;
  app.add_option("--host", host, "address to listen on (loopback by default)");
  app.add_option("--port", port, "Binance API port; 0 picks a free one");
  app.add_option("--bybit-port", bybit_port, "Bybit API port; 0 picks a free one");
  app.add_option("--okx-port", okx_port, "OKX API port; 0 picks a free one");
  app.add_option("--kraken-port", kraken_port, "Kraken API port; 0 picks a free one");
  app.add_option("--admin-port", admin_port, "admin API port; 0 picks a free one");
  app.add_option("--scenario", scenario_path, "TOML scenario to seed markets, accounts and keys")
      ->check(CLI::ExistingFile);
  app.add_option("--keys-out", keys_out,
                 "directory to write each scenario key's material to (0600 files)");
  app.add_option("--admin-token-file", token_file,
                 "admin bearer token: read if the file exists, else created");
  app.add_flag("--tls", tls,
               "serve the Binance API over TLS with a self-signed certificate made at start");
  app.add_option("--tls-cert-out", cert_out,
                 "where to write that certificate (PEM), for clients to trust");
  app.add_option("--threads", threads,
                 "I/O threads (one lock guards the exchange: on a small machine one is fastest)")
      ->check(CLI::Range(1u, 64u));
  app.add_option("--time-accel", accel, "paper time runs this many times faster than real time")
      ->check(CLI::Range(0.001, 1e6));
  CLI11_PARSE(app, argc, argv);
  base::InitLogging({});  // warnings and errors to stderr; stdout carries only the ready line

  base::RealClock real_clock;
  base::AcceleratedClock clock(real_clock, accel);
  crypto::Csprng random;  // OpenSSL's DRBG: ids and generated keys without a syscall each
  paper::Exchange exchange(clock, random);
  exchange.SetTimeAccel(accel);
  paper::binance::BinanceVenue binance(exchange);
  paper::VenueStage binance_stage(exchange, binance);
  paper::bybit::BybitVenue bybit(exchange);
  paper::VenueStage bybit_stage(exchange, bybit);
  paper::okx::OkxVenue okx(exchange);
  paper::VenueStage okx_stage(exchange, okx);
  paper::kraken::KrakenVenue kraken(exchange);
  paper::VenueStage kraken_stage(exchange, kraken);

  std::string token;
  if (!token_file.empty() && std::filesystem::exists(token_file)) {
    std::ifstream in(token_file);
    std::getline(in, token);
    if (token.size() < 16) {
      std::cerr << "amanah-paper: the admin token in " << token_file
                << " is shorter than 16 characters\n";
      return 1;
    }
  } else {
    token = RandomToken(random);
    if (!token_file.empty() && !WritePrivate(token_file, token + "\n")) {
      std::cerr << "amanah-paper: cannot write " << token_file << "\n";
      return 1;
    }
  }
  paper::AdminApi admin(exchange, paper::Venues({&binance, &bybit, &okx, &kraken}), token);

  if (!scenario_path.empty()) {
    auto scenario = paper::LoadScenario(scenario_path);
    if (!scenario) {
      std::cerr << "amanah-paper: " << scenario.error().message() << "\n";
      return 1;
    }
    auto lock = exchange.Lock();
    auto created = admin.Apply(*scenario);
    if (!created) {
      std::cerr << "amanah-paper: " << scenario_path << ": " << created.error().message() << "\n";
      return 1;
    }
    if (!keys_out.empty() && !WriteKeys(keys_out, *created)) {
      std::cerr << "amanah-paper: cannot write keys to " << keys_out << "\n";
      return 1;
    }
  }

  std::optional<paper::TlsIdentity> identity;
  if (tls) {
    auto made = paper::GenerateSelfSignedIdentity(host);
    if (!made) {
      std::cerr << "amanah-paper: " << made.error().message() << "\n";
      return 1;
    }
    identity = *made;
    if (!cert_out.empty()) {
      std::ofstream(cert_out, std::ios::trunc) << identity->certificate_pem;
    }
  }

  boost::asio::io_context io(static_cast<int>(threads));
  auto io_threads = threads == 1 ? paper::IoThreads::kOne : paper::IoThreads::kMany;
  paper::HttpServer api(io, binance_stage.Handler(), identity, io_threads);
  paper::HttpServer bybit_api(io, bybit_stage.Handler(), identity, io_threads);
  paper::HttpServer okx_api(io, okx_stage.Handler(), identity, io_threads);
  paper::HttpServer kraken_api(io, kraken_stage.Handler(), identity, io_threads);
  paper::HttpServer control(
      io, [&](const paper::HttpRequest& r) { return admin.Handle(r); }, std::nullopt, io_threads);
  auto api_port = api.Listen(host, port);
  auto bybit_api_port = bybit_api.Listen(host, bybit_port);
  auto okx_api_port = okx_api.Listen(host, okx_port);
  auto kraken_api_port = kraken_api.Listen(host, kraken_port);
  auto control_port =
      admin_port == port && port != 0 ? api_port : control.Listen("127.0.0.1", admin_port);
  if (!api_port || !bybit_api_port || !okx_api_port || !kraken_api_port || !control_port) {
    std::cerr << "amanah-paper: "
              << (!api_port          ? api_port.error()
                  : !bybit_api_port  ? bybit_api_port.error()
                  : !okx_api_port    ? okx_api_port.error()
                  : !kraken_api_port ? kraken_api_port.error()
                                     : control_port.error())
                     .message()
              << "\n";
    return 1;
  }
  boost::json::object ready{
      {"event", "listening"},
      {"binance", (tls ? "https://" : "http://") + host + ":" + std::to_string(*api_port)},
      {"bybit", (tls ? "https://" : "http://") + host + ":" + std::to_string(*bybit_api_port)},
      {"okx", (tls ? "https://" : "http://") + host + ":" + std::to_string(*okx_api_port)},
      {"kraken", (tls ? "https://" : "http://") + host + ":" + std::to_string(*kraken_api_port)},
      {"admin", "http://127.0.0.1:" + std::to_string(*control_port)},
  };
  if (token_file.empty()) ready["admin_token"] = token;
  std::cout << boost::json::serialize(ready) << std::endl;

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return 0;
}
