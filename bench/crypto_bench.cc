// Crypto floors over Binance's B1 query string and secret. Two HMAC baselines, not to be mixed:
// BM_HmacSha256_B1 keys HMAC-SHA256 on every call (the key schedule included: what a one-shot
// HMAC costs), BM_HmacSignerPrekeyed_B1 reuses the pre-keyed inner and outer states (what the
// signer of a live connection does). Order-path ratios (bench/order_path_bench.cc) are quoted
// against the pre-keyed one, measured there in the same run over the exact bytes signed.
#include <benchmark/benchmark.h>

#include "crypto/aes_gcm.h"
#include "crypto/csprng.h"
#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"

namespace amanah::crypto {
namespace {

constexpr char kB1Secret[] = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr char kB1Payload[] =
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&"
    "timestamp=1499827319559";

void BM_HmacSha256_B1(benchmark::State& state) {
  for (auto _ : state) {
    auto mac = HmacSha256(AsBytes(kB1Secret), AsBytes(kB1Payload));
    benchmark::DoNotOptimize(mac);
  }
}
BENCHMARK(BM_HmacSha256_B1);

void BM_HmacSha256Hex_B1(benchmark::State& state) {
  for (auto _ : state) {
    auto sig = HmacSha256Hex(AsBytes(kB1Secret), AsBytes(kB1Payload));
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(BM_HmacSha256Hex_B1);

void BM_HmacSignerPrekeyed_B1(benchmark::State& state) {
  auto signer = HmacSigner::Create(HashAlgorithm::kSha256, AsBytes(kB1Secret));
  for (auto _ : state) {
    auto mac = signer->Sign(AsBytes(kB1Payload));
    benchmark::DoNotOptimize(mac);
  }
}
BENCHMARK(BM_HmacSignerPrekeyed_B1);

void BM_AesGcmSeal64(benchmark::State& state) {
  SecretBytes key = RandomSecret(32);
  Bytes nonce(12, 7), aad(48, 1), secret(64, 0x5a);
  for (auto _ : state) {
    auto sealed = AesGcmSeal(key.bytes(), nonce, aad, secret);
    benchmark::DoNotOptimize(sealed);
  }
}
BENCHMARK(BM_AesGcmSeal64);

void BM_AesGcmOpen64(benchmark::State& state) {
  SecretBytes key = RandomSecret(32);
  Bytes nonce(12, 7), aad(48, 1), secret(64, 0x5a);
  Bytes sealed = *AesGcmSeal(key.bytes(), nonce, aad, secret);
  for (auto _ : state) {
    auto plain = AesGcmOpen(key.bytes(), nonce, aad, sealed);
    benchmark::DoNotOptimize(plain);
  }
}
BENCHMARK(BM_AesGcmOpen64);

void BM_Ed25519Sign_B1(benchmark::State& state) {
  auto key = Ed25519PrivateKey::Generate();
  for (auto _ : state) {
    auto sig = key.Sign(AsBytes(kB1Payload));
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(BM_Ed25519Sign_B1);

}  // namespace
}  // namespace amanah::crypto
