// PaperServer: the paper exchange in-process, serving Binance's protocol (url()), Bybit's
// (bybit_url()), OKX's (okx_url()) and Kraken's (kraken_url()) over real HTTP on 127.0.0.1 (port 0
// each) from its own thread, seeded from a scenario JSON (an account that names no venue is
// Binance's); for integration tests of the transport, the adapters, the audit and the CLI. Keys
// created by the scenario are kept by name; `Lock()` gives direct access to the exchange
// (permissions, deletion, skew).
#pragma once

#include <atomic>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/clock.h"
#include "base/random.h"
#include "core/exchange.h"
#include "http/http_server.h"
#include "venues/binance/binance_venue.h"
#include "venues/bybit/bybit_venue.h"
#include "venues/kraken/kraken_venue.h"
#include "venues/okx/okx_venue.h"
#include "venues/venue_stage.h"

namespace amanah::testing {

class PaperServer {
 public:
  /// With `clock`, the exchange keeps that time (a test's fake clock, shared with Amanah's, so
  /// both move together); else the real one.
  explicit PaperServer(std::string_view scenario_json, const base::Clock* clock = nullptr)
      : random_(3),
        exchange_(clock ? *clock : clock_, random_),
        venue_(exchange_),
        stage_(exchange_, venue_),
        bybit_venue_(exchange_),
        bybit_stage_(exchange_, bybit_venue_),
        okx_venue_(exchange_),
        okx_stage_(exchange_, okx_venue_),
        kraken_venue_(exchange_),
        kraken_stage_(exchange_, kraken_venue_),
        admin_(exchange_, paper::Venues({&venue_, &bybit_venue_, &okx_venue_, &kraken_venue_}),
               "token-0123456789abcdef"),
        server_(io_,
                [this](const paper::HttpRequest& r) {
                  ++requests_;
                  if (r.method == "POST" &&
                      (r.target == "/api/v3/order" || r.target.starts_with("/api/v3/order?"))) {
                    ++order_posts_;
                  }
                  return stage_.Handle(r);
                }),
        bybit_server_(io_,
                      [this](const paper::HttpRequest& r) {
                        ++requests_;
                        return bybit_stage_.Handle(r);
                      }),
        okx_server_(io_,
                    [this](const paper::HttpRequest& r) {
                      ++requests_;
                      return okx_stage_.Handle(r);
                    }),
        kraken_server_(io_, [this](const paper::HttpRequest& r) {
          ++requests_;
          paper::HttpResponse response = kraken_stage_.Handle(r);
          if (response.body.find("EAPI:Invalid nonce") != std::string::npos) ++nonce_refusals_;
          return response;
        }) {
    {
      auto lock = exchange_.Lock();
      boost::json::object scenario = boost::json::parse(scenario_json).as_object();
      if (auto* accounts = scenario.if_contains("accounts"); accounts && accounts->is_array()) {
        for (auto& a : accounts->as_array()) {
          if (a.is_object() && !a.as_object().contains("venue")) a.as_object()["venue"] = "binance";
        }
      }
      auto created = admin_.Apply(scenario);
      EXPECT_TRUE(created) << created.error();
      if (created) {
        for (const auto& k : *created) keys_[k.name] = k;
      }
    }
    port_ = server_.Listen("127.0.0.1", 0).value();
    bybit_port_ = bybit_server_.Listen("127.0.0.1", 0).value();
    okx_port_ = okx_server_.Listen("127.0.0.1", 0).value();
    kraken_port_ = kraken_server_.Listen("127.0.0.1", 0).value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~PaperServer() {
    io_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string bybit_url() const { return "http://127.0.0.1:" + std::to_string(bybit_port_); }
  std::string okx_url() const { return "http://127.0.0.1:" + std::to_string(okx_port_); }
  std::string kraken_url() const { return "http://127.0.0.1:" + std::to_string(kraken_port_); }
  /// How many HTTP requests the exchange has received.
  int requests() const { return requests_.load(); }
  /// How many Kraken requests were refused for their nonce ("EAPI:Invalid nonce").
  int nonce_refusals() const { return nonce_refusals_.load(); }
  /// How many order placements (POST /api/v3/order) the exchange has received.
  int order_posts() const { return order_posts_.load(); }
  /// Adds `ms` of latency to every answer (the paper's latency fault).
  void SetLatency(int64_t ms) {
    auto lock = exchange_.Lock();
    exchange_.faults().latency_ms = ms;
  }
  const paper::AdminApi::CreatedKey& key(const std::string& name) const { return keys_.at(name); }
  paper::Exchange& exchange() { return exchange_; }
  paper::binance::BinanceVenue& venue() { return venue_; }
  /// Raises the paper's request weight and order rate limits out of the way of a test about
  /// something else (many orders from one IP and account).
  void RaiseLimits() {
    auto lock = exchange_.Lock();
    paper::binance::Limits limits;
    limits.weight_per_minute = 10'000'000;
    limits.orders_per_10s = 1'000'000;
    limits.orders_per_day = 10'000'000;
    venue_.SetLimits(limits);
  }
  /// Writes the key as a key file (api_key=, secret=, and passphrase= where it has one) at `path`.
  void WriteKeyFile(const std::string& name, const std::string& path) const {
    std::ofstream out(path);
    out << "api_key=" << key(name).api_key << "\nsecret=" << key(name).secret << "\n";
    if (!key(name).passphrase.empty()) out << "passphrase=" << key(name).passphrase << "\n";
  }

 private:
  base::RealClock clock_;
  base::SeededRandom random_;
  paper::Exchange exchange_;
  paper::binance::BinanceVenue venue_;
  paper::VenueStage stage_;
  paper::bybit::BybitVenue bybit_venue_;
  paper::VenueStage bybit_stage_;
  paper::okx::OkxVenue okx_venue_;
  paper::VenueStage okx_stage_;
  paper::kraken::KrakenVenue kraken_venue_;
  paper::VenueStage kraken_stage_;
  paper::AdminApi admin_;
  boost::asio::io_context io_;
  paper::HttpServer server_;
  paper::HttpServer bybit_server_;
  paper::HttpServer okx_server_;
  paper::HttpServer kraken_server_;
  uint16_t port_ = 0;
  uint16_t bybit_port_ = 0;
  uint16_t okx_port_ = 0;
  uint16_t kraken_port_ = 0;
  std::atomic<int> order_posts_{0};
  std::thread thread_;
  std::map<std::string, paper::AdminApi::CreatedKey> keys_;
  std::atomic<int> requests_{0};
  std::atomic<int> nonce_refusals_{0};
};

}  // namespace amanah::testing
