// PaperFixture: an in-process paper exchange for tests — a settable clock, seeded randomness, a
// BTCUSDT market (tick 0.01, step 0.00001, min notional 5) and LTCBTC (for Binance's published
// signing example), an account with balances and a trading HMAC key — and a helper that sends a
// signed Binance request straight to the venue's handler, no sockets.
#pragma once

#include <atomic>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/hmac.h"
#include "venues/binance/binance_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper::testing {

class SettableClock final : public base::Clock {
 public:
  explicit SettableClock(int64_t ms) : ms_(ms) {}
  base::SystemTime Now() const override {
    return base::SystemTime(std::chrono::milliseconds(ms_.load()));
  }
  base::MonotonicTime Monotonic() const override {
    return base::MonotonicTime(std::chrono::milliseconds(ms_.load()));
  }
  void Set(int64_t ms) { ms_ = ms; }
  void Advance(int64_t ms) { ms_ += ms; }
  int64_t ms() const { return ms_; }

 private:
  std::atomic<int64_t> ms_;
};

inline constexpr std::string_view kDocApiKey =
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
inline constexpr std::string_view kDocSecret =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
inline constexpr int64_t kDocTimestamp = 1499827319559;

/// The response header `name`, if the answer has it.
inline std::optional<std::string> HeaderOf(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

class PaperFixture : public ::testing::Test {
 protected:
  PaperFixture()
      : clock_(kDocTimestamp),
        random_(42),
        exchange_(clock_, random_),
        venue_(exchange_),
        stage_(exchange_, venue_),
        admin_(exchange_, Venues({&venue_}), "test-token-0123456789") {
    auto lock = exchange_.Lock();
    boost::json::object scenario = boost::json::parse(R"({
      "markets": [
        {"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "min_price": "0.01",
         "max_price": "1000000", "step_size": "0.00001", "min_qty": "0.00001", "max_qty": "9000",
         "market_min_qty": "0.00001", "market_max_qty": "100", "min_notional": "5", "max_num_orders": 3,
         "start_price": "65000.00", "volatility_bp": 0, "step_millis": 1000, "level_qty": "0.5"},
        {"symbol": "LTCBTC", "base": "LTC", "quote": "BTC", "tick_size": "0.000001", "step_size": "0.01",
         "min_qty": "0.01", "start_price": "0.100000", "volatility_bp": 0, "level_qty": "100"}
      ],
      "accounts": [{"name": "alice", "balances": {"USDT": "100000", "BTC": "1", "LTC": "50"}}],
      "keys": [
        {"name": "doc", "account": "alice", "api_key": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
         "secret": "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
         "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
      ]
    })")
                                       .as_object();
    auto applied = admin_.Apply(scenario);
    EXPECT_TRUE(applied.has_value()) << applied.error();
  }

  /// Sends `method path?query` signed with `secret` (unless `sign` is false), `timestamp` set to
  /// the clock unless the query already has one.
  HttpResponse Send(std::string method, std::string path, std::string query, bool sign = true,
                    std::string api_key = std::string(kDocApiKey),
                    std::string secret = std::string(kDocSecret), std::string peer = "127.0.0.1") {
    if (sign) {
      if (query.find("timestamp=") == std::string::npos) {
        query +=
            (query.empty() ? "" : "&") + std::string("timestamp=") + std::to_string(clock_.ms());
      }
      query +=
          "&signature=" + crypto::HmacSha256Hex(crypto::AsBytes(secret), crypto::AsBytes(query));
    }
    HttpRequest request;
    request.method = std::move(method);
    request.target = path + (query.empty() ? "" : "?" + query);
    request.peer_ip = std::move(peer);
    if (!api_key.empty()) request.headers.emplace_back("x-mbx-apikey", api_key);
    return stage_.Handle(request);
  }

  static boost::json::value Body(const HttpResponse& r) { return boost::json::parse(r.body); }

  SettableClock clock_;
  base::SeededRandom random_;
  Exchange exchange_;
  binance::BinanceVenue venue_;
  VenueStage stage_;
  AdminApi admin_;
};

}  // namespace amanah::paper::testing
