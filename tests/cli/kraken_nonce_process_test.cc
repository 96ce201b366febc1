// Kraken's nonce across processes: four `amanah` processes on one data directory check the same
// Kraken key at once (`amanah doctor`: the key, the account, the balances — signed calls each),
// again and again, against the paper venue, which
// refuses any nonce not above the last one it accepted for the key — as Kraken does. Every run
// succeeds, and the venue refused no request for its nonce (the adapter would retry one such
// refusal with a fresh nonce, so the count is what shows that none was reused or reordered).
// A restart (a new process after the others) continues above the last nonce.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/paper_server.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

constexpr std::string_view kNonceScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
               "min_qty": "0.00005", "min_notional": "1", "start_price": "65000.0", "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"venue": "kraken", "name": "maryam", "balances": {"USDT": "2500", "BTC": "0.25"}}],
  "keys": [{"name": "k", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]}],
  "limits": {"kraken": {"counter_max": 100000}}})";

class KrakenNonceProcess : public ::testing::Test {
 protected:
  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::AmanahBinary(), "--data-dir", dir_.File("data")});
    return args;
  }
  int Run(std::vector<std::string> args, std::string* out = nullptr) {
    testing::Process p(Args(std::move(args)), dir_.File("run"));
    const int code = p.Wait();
    if (out) *out = p.out() + p.err();
    return code;
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{kNonceScenario};
};

TEST_F(KrakenNonceProcess, FourProcessesSigningForOneKeyNeverReuseOrReorderANonce) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  const std::string file = dir_.File("k.key");
  paper_.WriteKeyFile("k", file);
  std::string out;
  ASSERT_EQ(Run({"connect", "kraken", "--label", "main", "--key-file", file, "--base-url",
                 paper_.kraken_url(), "--egress-ip", "127.0.0.1"},
                &out),
            0)
      << out;
  paper_.SetLatency(3);  // requests in flight overlap the other processes' turns
  const int before = paper_.requests();
  for (int round = 0; round < 3; ++round) {
    std::vector<testing::Process> audits;
    for (int i = 0; i < 4; ++i) {
      audits.emplace_back(Args({"doctor", "main"}),
                          dir_.File("audit-" + std::to_string(round) + "-" + std::to_string(i)));
    }
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(audits[i].Wait(), 0) << "round " << round << " process " << i << ":\n"
                                     << audits[i].out() << audits[i].err();
    }
  }
  EXPECT_GE(paper_.requests() - before, 4 * 3 * 5);
  EXPECT_EQ(paper_.nonce_refusals(), 0);
  // A later process (a restart) continues above the last nonce the store gave.
  ASSERT_EQ(Run({"balances", "main"}, &out), 0) << out;
  EXPECT_EQ(paper_.nonce_refusals(), 0);
}

}  // namespace
}  // namespace amanah::cli
