// `amanah screen --all --json` in process: loading the shipped ruleset, facts and symbol list, and
// screening and serialising every asset (target: well under a second). Baselines in the same run:
// loading alone, and screening alone with everything loaded.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "screen/screener.h"
#include "screen/shipped_data.h"

namespace amanah::screen {
namespace {

struct Loaded {
  Ruleset ruleset;
  FactsTable facts;
  SymbolDirectory directory;
};

Loaded Load() {
  return Loaded{Ruleset::Parse(*ShippedRuleset("default"), "default.toml").value(),
                FactsTable::Parse(ShippedFacts(), kShippedFactsName).value(),
                SymbolDirectory::FromExchangeInfo(ShippedExchangeInfo(), "cached").value()};
}

void BM_LoadShippedData(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Load());
}
BENCHMARK(BM_LoadShippedData)->Unit(benchmark::kMillisecond);

void BM_ScreenAllLoaded(benchmark::State& state) {
  Loaded l = Load();
  Overrides none;
  Screener screener(l.ruleset, l.facts, l.directory, none);
  for (auto _ : state) benchmark::DoNotOptimize(screener.ScreenAll());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(l.facts.rows().size()));
}
BENCHMARK(BM_ScreenAllLoaded)->Unit(benchmark::kMillisecond);

void BM_ScreenAllJsonEndToEnd(benchmark::State& state) {
  for (auto _ : state) {
    Loaded l = Load();
    Overrides none;
    Screener screener(l.ruleset, l.facts, l.directory, none);
    boost::json::array list;
    for (const auto& v : screener.ScreenAll()) list.push_back(v.ToJson());
    std::string out = boost::json::serialize(list);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ScreenAllJsonEndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace amanah::screen
