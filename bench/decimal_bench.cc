// Decimal parse and format of typical exchange strings, and the lot-size rounding every order does.
#include <benchmark/benchmark.h>

#include "base/decimal.h"

namespace amanah::base {
namespace {

void BM_DecimalParse(benchmark::State& state) {
  const char* inputs[] = {"0.00100000", "30000.5", "52000.00", "0.000000000000000001",
                          "123456789.123456789"};
  size_t i = 0;
  for (auto _ : state) {
    auto d = Decimal::Parse(inputs[i++ % 5]);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DecimalParse);

void BM_DecimalFormat(benchmark::State& state) {
  Decimal d = *Decimal::Parse("30000.49900000");
  for (auto _ : state) {
    auto s = d.ToString();
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_DecimalFormat);

void BM_DecimalRoundToLot(benchmark::State& state) {
  Decimal q = *Decimal::Parse("1.23456789"), lot = *Decimal::Parse("0.00100000");
  for (auto _ : state) {
    auto r = q.RoundToStep(lot, Rounding::kDown);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DecimalRoundToLot);

}  // namespace
}  // namespace amanah::base
