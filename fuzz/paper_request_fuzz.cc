// Fuzzes the paper exchange's request handling end to end, in process: the bytes are framed by
// the same HTTP parser and limits the server uses (ParseRequest), then handed to the Binance
// venue behind the shared stage — query strings, form bodies, the JSON `symbols` parameter,
// headers — or to the admin API (JSON bodies). The first byte picks the route: bit 0 admin or
// venue, bit 1 whether to append a valid timestamp and signature so the signed handlers run too.
// Every input must get an answer (a refusal by the parser is an answer: 400/413/431); nothing may
// throw, crash or read out of bounds; and after every input the exchange still answers a ping.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/hmac.h"
#include "http/http_server.h"
#include "venues/binance/binance_venue.h"
#include "venues/venue_stage.h"

using namespace amanah;
using namespace amanah::paper;

namespace {

constexpr int64_t kNow = 1499827319559;
constexpr std::string_view kKey =
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr std::string_view kSecret =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr std::string_view kToken = "fuzz-token-0123456789";

class StillClock final : public base::Clock {
 public:
  base::SystemTime Now() const override {
    return base::SystemTime(std::chrono::milliseconds(kNow));
  }
  base::MonotonicTime Monotonic() const override {
    return base::MonotonicTime(std::chrono::milliseconds(kNow));
  }
};

struct Paper {
  Paper()
      : random(1),
        exchange(clock, random),
        binance(exchange),
        stage(exchange, binance),
        admin(exchange, Venues({&binance}), std::string(kToken)) {
    auto lock = exchange.Lock();
    auto scenario = boost::json::parse(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01",
                   "step_size": "0.00001", "min_notional": "5", "start_price": "65000.00",
                   "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"name": "alice", "balances": {"USDT": "100000", "BTC": "1"}}],
      "keys": [{"account": "alice", "api_key": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                "secret": "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                "permissions": {"read": true, "spot_trade": true}}],
      "limits": {"binance": {"weight_per_minute": 1000000000, "sapi_weight_per_minute": 1000000000,
                             "orders_per_10s": 1000000000, "orders_per_day": 1000000000}}
    })");
    if (!admin.Apply(scenario.as_object())) std::abort();
    start = admin.Snapshot();
    limits = scenario.at("limits").as_object();
  }
  StillClock clock;
  base::SeededRandom random;
  Exchange exchange;
  binance::BinanceVenue binance;
  VenueStage stage;
  AdminApi admin;
  boost::json::object start;   ///< restored after every admin input
  boost::json::object limits;  ///< limits are not in a snapshot: set again too
};

Paper& Shared() {
  static Paper paper;
  return paper;
}

void MustAnswer(const HttpResponse& response) {
  if (response.status < 200 || response.status > 599) std::abort();
}

/// Adds a valid timestamp and signature to the query, so the fuzzed parameters reach the handlers.
void Sign(HttpRequest& request) {
  std::string_view target = request.target;
  size_t q = target.find('?');
  std::string query(q == std::string_view::npos ? "" : target.substr(q + 1));
  query += (query.empty() ? "" : "&") + std::string("timestamp=") + std::to_string(kNow);
  std::string payload = query + request.body;
  std::string signature = crypto::HmacSha256Hex(crypto::AsBytes(kSecret), crypto::AsBytes(payload));
  request.target = std::string(target.substr(0, q)) + "?" + query + "&signature=" + signature;
  request.headers.emplace_back("x-mbx-apikey", std::string(kKey));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  Paper& paper = Shared();
  auto framed = ParseRequest(bytes, "127.0.0.1");
  if (auto* refused = std::get_if<unsigned>(&framed)) {
    // 0: the bytes ended inside a request (the server waits for more); else a 4xx answer.
    if (*refused != 0 && *refused != 400 && *refused != 413 && *refused != 431) std::abort();
    return 0;
  }
  HttpRequest request = std::get<HttpRequest>(std::move(framed));
  if ((mode & 1) != 0) {
    // Generating RSA or Ed25519 pairs is slow and is not parsing: leave key creation to tests.
    if (request.body.find("rsa") != std::string::npos ||
        request.body.find("ed25519") != std::string::npos)
      return 0;
    request.headers.emplace_back("authorization", "Bearer " + std::string(kToken));
    MustAnswer(paper.admin.Handle(request));
    auto lock = paper.exchange.Lock();
    // Every admin input starts from the same state.
    if (!paper.admin.Restore(paper.start) || !paper.admin.SetLimits(paper.limits)) std::abort();
    paper.binance.ResetRateLimits();
  } else {
    if ((mode & 2) != 0) Sign(request);
    MustAnswer(paper.stage.Handle(request));
  }
  HttpRequest ping;
  ping.method = "GET";
  ping.target = "/api/v3/ping";
  ping.peer_ip = "127.0.0.1";
  if (paper.stage.Handle(ping).status != 200) std::abort();  // still answering
  return 0;
}
