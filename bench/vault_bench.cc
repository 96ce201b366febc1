// Vault costs per record: seal (new data key, wrap, seal one field), open (unwrap, open), rewrap
// of one data key, and a full master-key rotation over 10k stored records. Baseline in the same
// run: a bare AES-256-GCM seal of the same 64-byte secret (BM_AesGcmSeal64 in crypto_bench).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "bench_environment.h"
#include "crypto/aes_gcm.h"
#include "crypto/csprng.h"
#include "vault/envelope.h"
#include "vault/file_root_key.h"
#include "vault/vault.h"

namespace amanah::vault {
namespace {

struct VaultEnv {
  VaultEnv() : vault(bench.vault()), secret(crypto::SecretBytes::CopyFrom(std::string(64, 'S'))) {
    AMANAH_CHECK(bench.store().Write([&](store::UnitOfWork& u) {
      return u.tenants().Create({store::TenantId("t1"), "bench", bench.clock().Now()});
    }));
  }

  store::Connection Row(int i) {
    store::Connection c;
    c.id = store::ConnectionId("c" + std::to_string(i));
    c.tenant = store::TenantId("t1");
    c.exchange = "binance";
    c.label = "l" + std::to_string(i);
    c.api_key_id = "K" + std::to_string(i);
    c.key_fingerprint = "f" + std::to_string(i);
    c.key_type = "hmac";
    c.created_at = bench.clock().Now();
    return c;
  }

  bench::BenchEnvironment bench;
  Vault& vault;
  crypto::SecretBytes secret;
};

void BM_VaultSeal(benchmark::State& state) {
  VaultEnv env;
  auto row = env.Row(0);
  const SecretInput fields[] = {{"secret", &env.secret}};
  for (auto _ : state) {
    auto sealed = env.vault.Seal(CredentialContext::Of(row), fields);
    benchmark::DoNotOptimize(sealed);
  }
}
BENCHMARK(BM_VaultSeal);

void BM_VaultOpen(benchmark::State& state) {
  VaultEnv env;
  auto row = env.Row(0);
  const SecretInput fields[] = {{"secret", &env.secret}};
  auto sealed = *env.vault.Seal(CredentialContext::Of(row), fields);
  sealed.ApplyTo(row);
  env.vault.SealState(row);
  for (auto _ : state) {
    auto plain = env.vault.OpenField(row, "secret");
    benchmark::DoNotOptimize(plain);
  }
}
BENCHMARK(BM_VaultOpen);

// Unwrap under the old KEK + wrap under the new one: the crypto of rewrapping one record.
void BM_RewrapOneDataKey(benchmark::State& state) {
  crypto::Csprng random;
  auto old_kek = crypto::RandomSecret(32), new_kek = crypto::RandomSecret(32);
  auto dek = crypto::RandomSecret(32);
  auto wrapped =
      *SealBlob(old_kek.bytes(), random, DekHeader(1), kDekPurpose, {"t1", "c1"}, dek.bytes());
  for (auto _ : state) {
    auto plain = OpenBlob(old_kek.bytes(), wrapped, 5, kDekPurpose, {"t1", "c1"});
    auto rewrapped =
        SealBlob(new_kek.bytes(), random, DekHeader(2), kDekPurpose, {"t1", "c1"}, plain->bytes());
    benchmark::DoNotOptimize(rewrapped);
  }
}
BENCHMARK(BM_RewrapOneDataKey);

// A full rotation over 10k stored records (read, unwrap, wrap, write back in 256-row batches).
void BM_RotateMasterKey10k(benchmark::State& state) {
  VaultEnv env;
  const SecretInput fields[] = {{"secret", &env.secret}};
  for (int i = 0; i < 10000; ++i) {
    auto row = env.Row(i);
    auto sealed = *env.vault.Seal(CredentialContext::Of(row), fields);
    sealed.ApplyTo(row);
    env.vault.SealState(row);
    auto stored =
        env.bench.store().Write([&](store::UnitOfWork& u) { return u.connections().Insert(row); });
    if (!stored) return state.SkipWithError(stored.error().ToString().c_str());
  }
  size_t rewrapped = 0;
  for (auto _ : state) {
    auto r = env.vault.RotateMasterKey();
    if (!r) return state.SkipWithError(r.error().ToString().c_str());
    rewrapped = r->rewrapped;
  }
  state.counters["records"] = static_cast<double>(rewrapped);
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(rewrapped) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RotateMasterKey10k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace amanah::vault
