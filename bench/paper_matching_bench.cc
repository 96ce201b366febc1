// Paper exchange matching, in process. The bare OrderBook (integer ticks and lots: a maker rests,
// a taker crosses it) and a whole Exchange::PlaceOrder (validation, filters, balance checks,
// matching against client orders and synthetic depth, settlement in exact decimals, trade
// records). Target: ≥ 500k orders/s (ARCHITECTURE.md §6).
#include <benchmark/benchmark.h>

#include "base/clock.h"
#include "core/order_book.h"
#include "paper_bench_exchange.h"

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
  bench::PaperBenchExchange paper(clock, 0);
  auto lock = paper.exchange.Lock();
  NewOrder buy;
  buy.symbol = "BTCUSDT";
  buy.type = OrderType::kLimit;
  buy.tif = TimeInForce::kIoc;
  buy.quantity = base::Decimal::Parse("0.01").value();
  buy.price = base::Decimal::Parse("70000.00").value();
  NewOrder sell = buy;
  sell.side = Side::kSell;
  sell.price = base::Decimal::Parse("60000.00").value();
  bool side = false;
  for (auto _ : state) {
    auto placed = paper.exchange.PlaceOrder(paper.account, (side = !side) ? buy : sell);
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
  bench::PaperBenchExchange paper(clock, 0);
  auto request = [&](bool buy) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/v3/order?" + bench::SignedOrderQuery(buy, base::UnixMillis(clock.Now()));
    r.peer_ip = "127.0.0.1";
    r.headers.emplace_back("host", "127.0.0.1");
    r.headers.emplace_back("x-mbx-apikey", std::string(bench::kKey));
    return r;
  };
  const HttpRequest buy = request(true);
  const HttpRequest sell = request(false);
  bool side = false;
  for (auto _ : state) {
    HttpResponse response = paper.stage.Handle((side = !side) ? buy : sell);
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
