// The order path in process, with the baselines measured in the same run:
//   BM_PrekeyedHmac_OrderQuery   — a pre-keyed HMAC-SHA256 (the key schedule done once, as the
//                                  signer of a live connection holds it) of the exact bytes the
//                                  order signs: the baseline of both HMAC ratios below;
//   BM_BuildAndSign_Hmac         — build + sign one Binance order (params, query, signature);
//   BM_IntentChecksSign_Hmac     — intent → the seven checks → signed request bytes (target p50
//                                  ≤ 5 µs; ratio against the pre-keyed HMAC);
//   BM_Ed25519Sign_OrderQuery    — the bare OpenSSL Ed25519 sign of the same bytes, baseline of
//   BM_BuildAndSign_Ed25519      — build + sign with an Ed25519 key (target within 10 %).
// Report: `./dev bench` prints the medians; the ratios are computed from them.
#include <benchmark/benchmark.h>

#include "crypto/ed25519.h"
#include "crypto/hmac.h"
#include "exchange/binance/binance_exchange.h"
#include "policy/standard_chain.h"

namespace amanah {
namespace {

using base::Decimal;

constexpr char kApiKey[] = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr char kSecret[] = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr int64_t kTimestamp = 1499827319559;

class StillClock final : public base::Clock {
 public:
  base::SystemTime Now() const override {
    return base::SystemTime(std::chrono::milliseconds(kTimestamp));
  }
  base::MonotonicTime Monotonic() const override { return base::MonotonicTime{}; }
};

exchange::OrderRequest Order() {
  exchange::OrderRequest r;
  r.symbol = "BTCUSDT";
  r.side = exchange::Side::kBuy;
  r.type = exchange::OrderType::kLimit;
  r.quantity = Decimal::Parse("0.001").value();
  r.price = Decimal::Parse("60000").value();
  r.client_order_id = "0123456789abcdef0123456789abcdef";
  return r;
}

std::unique_ptr<exchange::binance::BinanceExchange> Exchange(
    exchange::binance::RequestSigner::KeyType type, const crypto::SecretBytes& secret) {
  static StillClock clock;
  auto signer = exchange::binance::RequestSigner::Create(type, kApiKey, secret);
  return std::make_unique<exchange::binance::BinanceExchange>(nullptr, std::move(*signer), clock);
}

// What the order signs: the query of the built request without its signature.
std::string SignedBytes(const exchange::HttpRequest& r) {
  std::string all = r.query + r.body;
  return all.substr(0, all.find("&signature="));
}

void BM_PrekeyedHmac_OrderQuery(benchmark::State& state) {
  auto ex = Exchange(exchange::binance::RequestSigner::KeyType::kHmac,
                     crypto::SecretBytes::CopyFrom(kSecret));
  const std::string bytes = SignedBytes(*ex->BuildOrder(Order(), kTimestamp));
  auto signer = crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha256,
                                           crypto::AsBytes(std::string_view(kSecret)));
  uint8_t mac[32];
  for (auto _ : state) {
    signer->SignInto(crypto::AsBytes(bytes), mac);  // the call the signer makes
    benchmark::DoNotOptimize(mac);
  }
}
BENCHMARK(BM_PrekeyedHmac_OrderQuery);

void BM_BuildAndSign_Hmac(benchmark::State& state) {
  auto ex = Exchange(exchange::binance::RequestSigner::KeyType::kHmac,
                     crypto::SecretBytes::CopyFrom(kSecret));
  const exchange::OrderRequest order = Order();
  for (auto _ : state) {
    auto request = ex->BuildOrder(order, kTimestamp);
    if (!request) state.SkipWithError("BuildOrder failed");
    benchmark::DoNotOptimize(request);
  }
}
BENCHMARK(BM_BuildAndSign_Hmac);

policy::OrderFacts Facts() {
  policy::OrderFacts f;
  f.intent.id = "0123456789abcdef0123456789abcdef";
  f.intent.connection_label = "main";
  f.intent.symbol = "BTCUSDT";
  f.intent.side = exchange::Side::kBuy;
  f.intent.type = exchange::OrderType::kLimit;
  f.intent.quantity = Decimal::Parse("0.0012345").value();
  f.intent.limit_price = Decimal::Parse("60000.019").value();
  f.standing.may_trade = true;
  exchange::SymbolInfo s;
  s.symbol = "BTCUSDT";
  s.base = "BTC";
  s.quote = "USDT";
  s.status = "TRADING";
  s.trading = s.spot = true;
  s.permissions = {"SPOT", "MARGIN"};
  s.tick_size = Decimal::Parse("0.01").value();
  s.step_size = Decimal::Parse("0.00001").value();
  s.min_qty = Decimal::Parse("0.00001").value();
  s.max_qty = Decimal::Parse("9000").value();
  s.min_notional = Decimal::Parse("5").value();
  s.max_open_orders = 200;
  f.symbol = s;
  f.balances = {{"USDT", Decimal::Parse("2500").value(), {}},
                {"BTC", Decimal::Parse("0.25").value(), {}}};
  f.last_price = Decimal::Parse("60000").value();
  f.quote_volume_24h = Decimal::Parse("50000000").value();
  f.allowed_pairs = {"BTCUSDT"};
  return f;
}

void BM_IntentChecksSign_Hmac(benchmark::State& state) {
  auto screening = screen::Screening::Load({});
  auto chain = policy::BuildStandardChain(policy::PolicyOptions{}, **screening);
  auto ex = Exchange(exchange::binance::RequestSigner::KeyType::kHmac,
                     crypto::SecretBytes::CopyFrom(kSecret));
  const policy::OrderFacts facts = Facts();
  for (auto _ : state) {
    policy::OrderFacts f = facts;
    policy::ChainResult checked = chain->Run(f);
    if (!checked.passed()) state.SkipWithError(checked.rejected->reason.c_str());
    auto request = ex->BuildOrder(order::ToRequest(f.intent), kTimestamp);
    if (!request) state.SkipWithError("BuildOrder failed");
    benchmark::DoNotOptimize(request);
  }
}
BENCHMARK(BM_IntentChecksSign_Hmac);

void BM_Ed25519Sign_OrderQuery(benchmark::State& state) {
  auto key = crypto::Ed25519PrivateKey::Generate();
  auto ex = Exchange(exchange::binance::RequestSigner::KeyType::kEd25519, key.ToPem());
  const std::string bytes = SignedBytes(*ex->BuildOrder(Order(), kTimestamp));
  for (auto _ : state) {
    auto sig = key.Sign(crypto::AsBytes(bytes));
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(BM_Ed25519Sign_OrderQuery);

void BM_BuildAndSign_Ed25519(benchmark::State& state) {
  auto key = crypto::Ed25519PrivateKey::Generate();
  auto ex = Exchange(exchange::binance::RequestSigner::KeyType::kEd25519, key.ToPem());
  const exchange::OrderRequest order = Order();
  for (auto _ : state) {
    auto request = ex->BuildOrder(order, kTimestamp);
    if (!request) state.SkipWithError("BuildOrder failed");
    benchmark::DoNotOptimize(request);
  }
}
BENCHMARK(BM_BuildAndSign_Ed25519);

}  // namespace
}  // namespace amanah
