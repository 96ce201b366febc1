// What only separate processes show: ten `amanah connect` at once on one data directory (a fresh
// vault, so they also race to create the tenant), a master-key rotation while they run, and
// kill -9 at random moments of connect, audit-with-suspension and disconnect — after each of which
// the journal verifies and every stored state has its record (`journal verify --state`).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include <boost/json.hpp>

#include "base/random.h"
#include "testing/paper_server.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

std::string Scenario(int keys) {
  std::string out = R"({
    "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
                 "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
    "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}}],
    "keys": [)";
  for (int i = 0; i < keys; ++i) {
    out +=
        std::string(i ? "," : "") + R"({"name": "k)" + std::to_string(i) +
        R"(", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]})";
  }
  return out + "]}";
}

class ProcessTest : public ::testing::Test {
 protected:
  explicit ProcessTest(int keys = 10) : paper_(Scenario(keys)) {}

  std::vector<std::string> Args(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::AmanahBinary(), "--data-dir", dir_.File("data")});
    return args;
  }
  testing::Process Start(std::vector<std::string> args, const std::string& name) {
    return testing::Process(Args(std::move(args)), dir_.File(name));
  }
  int Run(std::vector<std::string> args, std::string* out = nullptr) {
    testing::Process p = Start(std::move(args), "run");
    const int code = p.Wait();
    if (out) *out = p.out() + p.err();
    return code;
  }
  std::vector<std::string> Connect(const std::string& label, const std::string& key) {
    const std::string file = dir_.File(key + ".key");
    paper_.WriteKeyFile(key, file);
    return {"connect", "binance",    "--label",    label,         "--key-file",
            file,      "--base-url", paper_.url(), "--egress-ip", "127.0.0.1"};
  }
  void ExpectConsistent(const std::string& when) {
    std::string out;
    const int code = Run({"journal", "verify", "--state"}, &out);
    ASSERT_EQ(code, 0) << when << ":\n" << out;
  }

  testing::TempDir dir_;
  testing::PaperServer paper_;
};

TEST_F(ProcessTest, TenConnectsAtOnceOnOneDataDirectoryAllSucceed) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  paper_.SetLatency(5);
  std::vector<testing::Process> connects;
  for (int i = 0; i < 10; ++i) {
    connects.push_back(Start(Connect("key-" + std::to_string(i), "k" + std::to_string(i)),
                             "connect-" + std::to_string(i)));
  }
  for (int i = 0; i < 10; ++i) {
    const int code = connects[i].Wait();
    EXPECT_EQ(code, 0) << "connect " << i << ":\n" << connects[i].err();
  }
  std::string list;
  ASSERT_EQ(Run({"connections", "--json"}, &list), 0);
  EXPECT_EQ(boost::json::parse(list).as_array().size(), 10u);
  ExpectConsistent("after ten concurrent connects");
}

TEST_F(ProcessTest, ARotationWhileTenConnectsRunLeavesNoDataKeyBehind) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  paper_.SetLatency(5);
  std::vector<testing::Process> connects;
  for (int i = 0; i < 10; ++i) {
    connects.push_back(Start(Connect("key-" + std::to_string(i), "k" + std::to_string(i)),
                             "connect-" + std::to_string(i)));
  }
  testing::Process rotate = Start({"vault", "rotate-master-key"}, "rotate");
  ASSERT_EQ(rotate.Wait(), 0) << rotate.err();
  for (auto& c : connects) EXPECT_EQ(c.Wait(), 0) << c.err();
  std::string status;
  ASSERT_EQ(Run({"vault", "status", "--json"}, &status), 0);
  auto json = boost::json::parse(status).as_object();
  const int64_t current = json["current_version"].as_int64();
  EXPECT_EQ(current, 2);
  for (const auto& v : json["versions"].as_array()) {
    const auto& o = v.as_object();
    if (o.at("version").as_int64() != current) {
      EXPECT_EQ(o.at("data_keys").as_int64(), 0) << status;
    } else {
      EXPECT_EQ(o.at("data_keys").as_int64(), 12) << status;  // 10 keys, node key, state key
    }
  }
}

TEST_F(ProcessTest, KillNineAtAnyMomentLeavesStateAndJournalConsistent) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  paper_.SetLatency(8);  // widens the windows between the steps of each command
  base::SeededRandom random(11);
  const std::string key = paper_.key("k0").api_key;
  // How long one whole command takes on this build (a sanitizer build is several times slower):
  // the kills land uniformly over 1.6 times that, so some land inside and some after.
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(Run(Connect("main", "k0")), 0);
  auto whole = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count();
  const uint64_t kill_window_us = std::max<uint64_t>(120'000, static_cast<uint64_t>(whole) * 8 / 5);
  int runs = 0, killed = 0, finished = 0;
  for (; runs < 100; ++runs) {
    // Which command: connect when nothing is live, else an audit that must suspend (withdrawals
    // just turned on), one that reactivates, or a disconnect.
    std::string list;
    ASSERT_EQ(Run({"connections", "--json"}, &list), 0);
    bool live = false;
    const boost::json::value parsed = boost::json::parse(list);
    for (const auto& c : parsed.as_array()) {
      live = live || c.as_object().at("status").as_string() != "revoked";
    }
    std::vector<std::string> args;
    const uint64_t pick = random.Uniform(3);
    if (!live) {
      args = Connect("main", "k0");
    } else if (pick < 2) {
      {
        auto lock = paper_.exchange().Lock();
        paper_.exchange().FindKey(key)->permissions.withdraw = pick == 0;
      }
      args = {"audit", "main", "--egress-ip", "127.0.0.1"};
    } else {
      args = {"disconnect", "main"};
    }
    testing::Process p = Start(args, "crash-" + std::to_string(runs));
    ::usleep(static_cast<useconds_t>(random.Uniform(kill_window_us)));
    p.Kill();
    const int code = p.Wait();
    (code == -SIGKILL ? killed : finished)++;
    ExpectConsistent("run " + std::to_string(runs) + " (" + args[0] + ", exit " +
                     std::to_string(code) + ")");
    if (HasFatalFailure()) return;
  }
  EXPECT_EQ(runs, 100);
  // Both kinds happened: the kills landed inside commands, and commands also completed.
  EXPECT_GT(killed, 20);
  EXPECT_GT(finished, 5);
}

}  // namespace
}  // namespace amanah::cli
