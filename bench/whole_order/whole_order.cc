// One whole order through Amanah — the engine as `amanah order` runs it: the connection's
// standing, the exchange facts (balances, the 24 h ticker), the seven checks, the durable pending
// row and its journal record, the signed POST, the answer recorded and journaled — placed N times
// on an amanah-paper started by whole_order.sh, one after another. Prints one JSON line like
// ccxt_orders.mjs does: the median, p90 and mean latency per order in microseconds.
// Usage: whole_order PAPER_URL KEY_FILE ORDERS
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_environment.h"
#include "cli/key_file.h"
#include "engine/order_engine.h"
#include "keys/key_service.h"
#include "transport/run_blocking.h"

namespace amanah {
namespace {

int Fail(const std::string& what) {
  std::cerr << "whole_order: " << what << "\n";
  return 1;
}

int Run(const std::string& url, const std::string& key_file, int orders) {
  bench::BenchEnvironment bench({{"AMANAH_EGRESS_IPS", "127.0.0.1"},
                                 {"AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", "100000000"},
                                 {"AMANAH_POLICY_MAX_ORDER_NOTIONAL", "1000000000"},
                                 {"AMANAH_POLICY_MAX_DAILY_NOTIONAL", "1000000000000"}});
  environment::Environment& env = bench.env();
  const store::TenantId tenant{"default"};
  auto key = cli::ReadKeyFile(key_file, std::nullopt);
  if (!key) return Fail(key.error().message());
  auto keys = env.keys();
  if (!keys) return Fail(keys.error().message());
  keys::KeyInput input{"binance", "bench", std::move(key->key), url};
  keys::ConnectOutcome connected =
      transport::RunBlocking(env.io(), (*keys)->Connect(tenant, std::move(input)));
  if (connected.kind != keys::ConnectOutcome::Kind::kAccepted) {
    return Fail("the bench key was not accepted");
  }
  auto pairs = env.pairs();
  if (!pairs) return Fail(pairs.error().message());
  if (auto approved = (*pairs)->Approve(tenant, "bench", {"BTCUSDT"}); !approved) {
    return Fail(approved.error().message());
  }
  auto engine = env.engine();
  if (!engine) return Fail(engine.error().message());
  std::vector<double> micros;
  micros.reserve(static_cast<size_t>(orders));
  for (int i = 0; i < orders; ++i) {
    const bool buy = i % 2 == 0;
    order::Intent intent = (*engine)->NewIntent(tenant);
    intent.connection_label = "bench";
    intent.symbol = "BTCUSDT";
    intent.side = buy ? exchange::Side::kBuy : exchange::Side::kSell;
    intent.type = exchange::OrderType::kLimit;
    intent.tif = exchange::TimeInForce::kIoc;
    intent.quantity = base::Decimal::Parse("0.001").value();
    intent.limit_price = base::Decimal::Parse(buy ? "66000" : "64000").value();
    const auto start = std::chrono::steady_clock::now();
    auto outcome = transport::RunBlocking(env.io(), (*engine)->Submit(std::move(intent)));
    const auto took = std::chrono::steady_clock::now() - start;
    if (!outcome) return Fail("order " + std::to_string(i) + ": " + outcome.error().message());
    if (outcome->kind != engine::SubmitOutcome::Kind::kPlaced || !outcome->order ||
        outcome->order->state != "filled") {
      std::string why = outcome->order ? outcome->order->state + " " + outcome->order->reason : "";
      if (outcome->chain.rejected) why += " " + outcome->chain.rejected->reason;
      return Fail("order " + std::to_string(i) + " was " +
                  std::string(engine::KindName(outcome->kind)) + ", not filled: " + why);
    }
    micros.push_back(std::chrono::duration<double, std::micro>(took).count());
  }
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[std::min(micros.size() - 1, static_cast<size_t>(q * micros.size()))];
  };
  double sum = 0;
  for (double m : micros) sum += m;
  std::printf(
      "{\"client\":\"amanah\",\"orders\":%zu,\"median_us\":%.1f,\"p90_us\":%.1f,\"mean_us\":%.1f}"
      "\n",
      micros.size(), at(0.5), at(0.9), sum / static_cast<double>(micros.size()));
  return 0;
}

}  // namespace
}  // namespace amanah

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: whole_order PAPER_URL KEY_FILE ORDERS\n";
    return 2;
  }
  const int orders = std::atoi(argv[3]);
  if (orders < 1) {
    std::cerr << "whole_order: ORDERS must be at least 1\n";
    return 2;
  }
  return amanah::Run(argv[1], argv[2], orders);
}
