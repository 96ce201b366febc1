// Journal throughput. Durable appends (each caller returns only after its commit with
// synchronous=FULL) from 1 and 16 concurrent callers — the group commit batches the latter — and
// verification of 10^5 records. Baselines in the same run: raw SQLite inserts of rows of the same
// size into a plain table, one durable transaction per row and 1000 rows per transaction.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <boost/json/serialize.hpp>

#include "base/clock.h"
#include "bench_environment.h"
#include "crypto/csprng.h"
#include "journal/journal.h"
#include "journal/verify.h"
#include "vault/file_root_key.h"

namespace amanah::journal {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/amanah-bench-XXXXXX";
  return ::mkdtemp(tmpl);
}

const boost::json::value& Payload() {
  static const boost::json::value v = {
      {"label", "main"},
      {"verdict", "compliant"},
      {"findings", {"reading on", "spot trading on", "withdrawals off", "ip restricted"}}};
  return v;
}

struct JournalEnv {
  JournalEnv() : journal(&bench.journal()), store(&bench.store()) {}
  bench::BenchEnvironment bench;
  Journal* journal;
  store::Store* store;
};

void BM_JournalAppendDurable(benchmark::State& state) {
  JournalEnv env;
  const int callers = static_cast<int>(state.range(0));
  constexpr int kPerCaller = 200;
  int64_t appended = 0;
  std::atomic<int64_t> failed{0};
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < callers; ++t) {
      threads.emplace_back([&env, &failed, t] {
        const std::string tenant = "t" + std::to_string(t % 4);
        for (int i = 0; i < kPerCaller; ++i) {
          if (!env.journal->Append(tenant, kind::kKeyAudited, Payload())) ++failed;
        }
      });
    }
    for (auto& th : threads) th.join();
    appended += callers * kPerCaller;
  }
  // A failed append is not throughput.
  if (failed.load() > 0) {
    return state.SkipWithError((std::to_string(failed.load()) + " appends failed").c_str());
  }
  state.counters["appends/s"] =
      benchmark::Counter(static_cast<double>(appended), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JournalAppendDurable)
    ->Arg(1)
    ->Arg(16)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_RawSqliteInsert(benchmark::State& state) {
  const std::string dir = TempDir();
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/raw.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (tenant TEXT, "
               "seq INTEGER, time_ms INTEGER, kind TEXT, payload TEXT, prev BLOB, hash BLOB, "
               "PRIMARY KEY (tenant, seq)) WITHOUT ROWID",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t VALUES ('t1', ?, 0, 'key.audited', ?, ?, ?)", -1, &stmt,
                     nullptr);
  const std::string payload = boost::json::serialize(Payload());
  const uint8_t hash[32] = {};
  const int per_tx = static_cast<int>(state.range(0));
  int64_t seq = 0;
  int64_t failed = 0;
  for (auto _ : state) {
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) ++failed;
    for (int i = 0; i < per_tx; ++i) {
      sqlite3_bind_int64(stmt, 1, ++seq);
      sqlite3_bind_text(stmt, 2, payload.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_blob(stmt, 3, hash, 32, SQLITE_STATIC);
      sqlite3_bind_blob(stmt, 4, hash, 32, SQLITE_STATIC);
      if (sqlite3_step(stmt) != SQLITE_DONE) ++failed;
      sqlite3_reset(stmt);
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) ++failed;
  }
  // The baseline too: a failed insert is not throughput.
  if (failed > 0) state.SkipWithError((std::to_string(failed) + " inserts failed").c_str());
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(seq), benchmark::Counter::kIsRate);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_RawSqliteInsert)->Arg(1)->Arg(1000)->UseRealTime();

void BM_JournalVerify100k(benchmark::State& state) {
  JournalEnv env;
  std::vector<std::thread> threads;
  for (int t = 0; t < 32; ++t) {
    threads.emplace_back([&env, t] {
      for (int i = 0; i < 100000 / 32 + (t < 100000 % 32); ++i) {
        if (!env.journal->Append("t" + std::to_string(t % 4), kind::kKeyAudited, Payload())) {
          std::abort();  // the journal the benchmark verifies must be whole
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  const auto key = env.journal->PublicKey();
  uint64_t records = 0;
  for (auto _ : state) {
    auto report = Verify(*env.store, key);
    records += report->records;
    benchmark::DoNotOptimize(report);
  }
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JournalVerify100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace amanah::journal
