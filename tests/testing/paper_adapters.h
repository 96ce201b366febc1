// PaperAdapters: a test fixture whose adapters are opened through the one Registry (every driver
// registered) against an in-process PaperServer seeded from a scenario, with their calls run to
// completion on the test's thread. The Binance, Bybit and OKX adapter tests derive from it.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "exchange/registry.h"
#include "testing/paper_server.h"
#include "transport/run_blocking.h"
#include "transport/transport.h"

namespace amanah::testing {

class PaperAdapters : public ::testing::Test {
 protected:
  explicit PaperAdapters(std::string_view scenario)
      : paper_(scenario), pool_(io_.get_executor(), {}), registry_(pool_, clock_) {
    exchange::RegisterAll(registry_);
  }

  /// An HMAC adapter on `exchange` at `url` for the scenario's key `name` (with `secret` instead
  /// of the key's own when given).
  std::unique_ptr<exchange::SpotExchange> Open(std::string_view exchange, const std::string& url,
                                               const std::string& name, std::string secret = "") {
    const auto& k = paper_.key(name);
    exchange::KeyMaterial key{
        k.api_key, "hmac", crypto::SecretBytes::CopyFrom(secret.empty() ? k.secret : secret), {}};
    if (!k.passphrase.empty()) key.passphrase = crypto::SecretBytes::CopyFrom(k.passphrase);
    return registry_.Open(exchange, url, std::move(key)).value();
  }
  template <class T>
  T Run(boost::asio::awaitable<T> call) {
    return transport::RunBlocking(io_, std::move(call));
  }

  base::RealClock clock_;
  PaperServer paper_;
  boost::asio::io_context io_;
  transport::ClientPool pool_;
  exchange::Registry registry_;
};

}  // namespace amanah::testing
