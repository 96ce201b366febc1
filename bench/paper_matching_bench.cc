// Paper exchange matching, in process. The bare OrderBook (integer ticks and lots: a maker rests,
// a taker crosses it) and a whole Exchange::PlaceOrder (validation, filters, balance checks,
// matching against client orders and synthetic depth, settlement in exact decimals, trade
// records). Target: ≥ 500k orders/s (ARCHITECTURE.md §6).
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/clock.h"
#include "base/random.h"
#include "core/exchange.h"
#include "core/order_book.h"
#include "crypto/hmac.h"
#include "venues/binance/binance_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper {
namespace {

// Each iteration: one resting order and one order that fills it — two orders.
void BM_OrderBookRestAndCross(benchmark::State& state) {
  OrderBook book;
  std::vector<OrderBook::Fill> fills;
  uint64_t id = 1;
  int64_t price = 1'000'000;
  for (auto _ : state) {
    Side maker = (id & 2) ? Side::kBuy : Side::kSell;
    book.Add(id, maker, price + static_cast<int64_t>(id % 8), 10);
    fills.clear();
    book.TakeAtBest(maker, 10, fills);
    id += 2;
    benchmark::DoNotOptimize(fills.data());
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_OrderBookRestAndCross);

// Resting depth of 1000 orders on each side; a taker sweeps 3 levels then the makers are replaced.
void BM_OrderBookSweepDeepBook(benchmark::State& state) {
  OrderBook book;
  uint64_t id = 1;
  for (int i = 0; i < 1000; ++i) {
    book.Add(id++, Side::kSell, 2'000'000 + i, 5);
    book.Add(id++, Side::kBuy, 1'000'000 - i, 5);
  }
  std::vector<OrderBook::Fill> fills;
  for (auto _ : state) {
    fills.clear();
    int64_t left = 15;
    while (left > 0) left -= book.TakeAtBest(Side::kSell, left, fills);
    for (const auto& f : fills) book.Add(id++, Side::kSell, f.price, f.qty);
    benchmark::DoNotOptimize(fills.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(1 + 3));
}
BENCHMARK(BM_OrderBookSweepDeepBook);

class FixedClock final : public base::Clock {
 public:
  base::SystemTime Now() const override {
    return base::SystemTime(std::chrono::milliseconds(1'767'225'600'000));
  }
  base::MonotonicTime Monotonic() const override { return {}; }
};

// A whole order through the exchange: alternating marketable IOC buy and sell limits, so every
// order trades against the synthetic depth and balances stay level.
void BM_ExchangePlaceOrder(benchmark::State& state) {
  FixedClock clock;
  base::SeededRandom random(1);
  Exchange exchange(clock, random);
  binance::BinanceVenue venue(exchange);
  AdminApi admin(exchange, Venues({&venue}), "bench-token-0123456789");
  auto lock = exchange.Lock();
  auto applied = admin.Apply(boost::json::parse(R"({
    "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01",
                 "step_size": "0.00001", "min_notional": "5", "start_price": "65000.00",
                 "volatility_bp": 0, "level_qty": "1000"}],
    "accounts": [{"name": "a", "balances": {"USDT": "100000000000", "BTC": "1000000"}}]})")
                                 .as_object());
  if (!applied) {
    state.SkipWithError(applied.error().message().c_str());
    return;
  }
  uint64_t uid = exchange.FindAccountByName("a")->uid;
  NewOrder buy;
  buy.symbol = "BTCUSDT";
  buy.type = OrderType::kLimit;
  buy.tif = TimeInForce::kIoc;
  buy.quantity = base::Decimal::Parse("0.01").value();
  buy.price = base::Decimal::Parse("66000.00").value();
  NewOrder sell = buy;
  sell.side = Side::kSell;
  sell.price = base::Decimal::Parse("64000.00").value();
  bool side = false;
  for (auto _ : state) {
    auto placed = exchange.PlaceOrder(uid, (side = !side) ? buy : sell);
    if (!placed) {
      state.SkipWithError("order rejected");
      break;
    }
    benchmark::DoNotOptimize(placed->order.id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExchangePlaceOrder);

// The same orders as signed Binance requests through the shared stage and the Binance venue, no
// sockets: route, weight, parameters, HMAC, placement and the FULL JSON answer.
void BM_BinanceSignedOrderInProcess(benchmark::State& state) {
  FixedClock clock;
  base::SeededRandom random(1);
  Exchange exchange(clock, random);
  binance::BinanceVenue venue(exchange);
  VenueStage stage(exchange, venue);
  AdminApi admin(exchange, Venues({&venue}), "bench-token-0123456789");
  {
    auto lock = exchange.Lock();
    auto applied = admin.Apply(boost::json::parse(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01",
                   "step_size": "0.00001", "min_notional": "5", "start_price": "65000.00",
                   "volatility_bp": 0, "level_qty": "1000"}],
      "accounts": [{"name": "a", "balances": {"USDT": "100000000000", "BTC": "1000000"}}],
      "keys": [{"account": "a", "api_key": "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbenchbench1234",
                "secret": "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3t1234",
                "permissions": {"spot_trade": true}}],
      "limits": {"binance": {"weight_per_minute": 1000000000, "orders_per_10s": 1000000000,
                             "orders_per_day": 1000000000}}})")
                                   .as_object());
    if (!applied) {
      state.SkipWithError(applied.error().message().c_str());
      return;
    }
  }
  auto request = [&](bool buy) {
    std::string query =
        std::string("symbol=BTCUSDT&side=") + (buy ? "BUY" : "SELL") +
        "&type=LIMIT&timeInForce=IOC&quantity=0.01000&price=" + (buy ? "66000.00" : "64000.00") +
        "&recvWindow=60000&timestamp=" + std::to_string(base::UnixMillis(clock.Now()));
    query += "&signature=" +
             crypto::HmacSha256Hex(
                 crypto::AsBytes(std::string_view(
                     "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3t1234")),
                 crypto::AsBytes(query));
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/v3/order?" + query;
    r.peer_ip = "127.0.0.1";
    r.headers.emplace_back("host", "127.0.0.1");
    r.headers.emplace_back("x-mbx-apikey",
                           "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbenchbench1234");
    return r;
  };
  const HttpRequest buy = request(true);
  const HttpRequest sell = request(false);
  bool side = false;
  for (auto _ : state) {
    HttpResponse response = stage.Handle((side = !side) ? buy : sell);
    if (response.status != 200) {
      state.SkipWithError(response.body.c_str());
      break;
    }
    benchmark::DoNotOptimize(response.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BinanceSignedOrderInProcess);

}  // namespace
}  // namespace amanah::paper
