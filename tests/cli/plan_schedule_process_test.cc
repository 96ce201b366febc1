// A plan's schedule across kill -9: `amanah serve --time-accel` (four paper hours a real second)
// runs an hourly DCA against a paper exchange accelerated alike, and is killed at random moments,
// again and again, each time after at least one run and a random while more. Afterwards every
// hourly slot from the first to the last has exactly one run, none skipped and none doubled, and
// the exchange holds exactly one order per run under that run's client order id. And a rotation
// under a plan every paper minute: no run missed, the old key never used after the switch.
#include <gtest/gtest.h>
#include <algorithm>
#include <csignal>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "base/accelerated_clock.h"
#include "base/json_reader.h"
#include "testing/paper_server.h"
#include "testing/plan_runs.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

constexpr double kAccel = 14400;  // an hour in a quarter of a second

constexpr std::string_view kScheduleScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
               "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "100"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "1000000", "BTC": "1"}}],
  "keys": [{"name": "main", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}]
})";

// One run as `amanah plan history --json` prints it, read through the checked reader.
struct RunSeen {
  std::string state;
  int64_t slot_ms = 0;
  std::vector<std::string> intents;
  struct Outcome {
    std::string intent;
    std::string order;    // the intent's, or its resend's when the first was never placed
    std::string outcome;  // outcome[: reason]
  };
  std::vector<Outcome> outcomes;
};

base::Result<std::vector<RunSeen>> ReadRuns(const std::string& text) {
  AMANAH_ASSIGN_OR_RETURN(auto doc, base::JsonDocument::Parse(text, {"plan history --json"}));
  AMANAH_ASSIGN_OR_RETURN(auto runs, doc.Root().Array("runs"));
  std::vector<RunSeen> out;
  for (const auto& r : runs) {
    RunSeen seen;
    AMANAH_ASSIGN_OR_RETURN(seen.state, r.String("state"));
    AMANAH_ASSIGN_OR_RETURN(seen.slot_ms, r.Int("slot_ms"));
    AMANAH_ASSIGN_OR_RETURN(auto intents, r.Array("intents"));
    for (const auto& i : intents) {
      AMANAH_ASSIGN_OR_RETURN(std::string id, i.String("id"));
      seen.intents.push_back(std::move(id));
    }
    AMANAH_ASSIGN_OR_RETURN(auto orders, r.Array("orders"));
    for (const auto& o : orders) {
      AMANAH_ASSIGN_OR_RETURN(std::string intent, o.String("intent"));
      AMANAH_ASSIGN_OR_RETURN(std::string outcome, o.String("outcome"));
      AMANAH_ASSIGN_OR_RETURN(auto reason, o.OptionalString("reason"));
      AMANAH_ASSIGN_OR_RETURN(auto order, o.OptionalString("order"));
      if (reason) outcome += ": " + *reason;
      std::string order_id = order.value_or(intent);
      seen.outcomes.push_back({std::move(intent), std::move(order_id), std::move(outcome)});
    }
    out.push_back(std::move(seen));
  }
  return out;
}

class PlanScheduleProcess : public ::testing::Test {
 protected:
  explicit PlanScheduleProcess(double accel = kAccel, std::string_view scenario = kScheduleScenario)
      : accel_(accel), clock_(real_, accel), paper_(scenario, &clock_) {
    paper_.RaiseLimits();
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetTimeAccel(accel);
  }
  int Run(std::vector<std::string> args, std::string* out = nullptr) {
    return testing::RunAmanah(dir_.File("data"), dir_.File("run"), std::move(args), out);
  }
  int DoneRuns() { return testing::DoneRuns(dir_.File("data")); }
  std::optional<testing::Process> Serve() {
    std::optional<testing::Process> p;
    p.emplace(
        std::vector<std::string>{testing::AmanahBinary(), "--data-dir", dir_.File("data"), "serve",
                                 "--listen", "127.0.0.1:0", "--port-file", dir_.File("port"),
                                 "--time-accel", std::to_string(static_cast<int>(accel_))},
        dir_.File("serve"));
    return p;
  }
  /// The port `amanah serve` listens on, once it does; 0 if it does not within 10 s.
  uint16_t Port() {
    for (int i = 0; i < 500; ++i) {
      std::ifstream in(dir_.File("port"));
      int port = 0;
      if (in >> port && port > 0) return static_cast<uint16_t>(port);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
  }
  /// The policy limits out of the way: these tests are about schedules, not limits.
  void WriteConfig(const std::string& late_after) {
    std::ofstream(dir_.File("data") + "/amanah.toml")
        << "[network]\negress_ips = [\"127.0.0.1\"]\n"
        << "[policy]\nmax_orders_per_minute = 1000000\nmin_quote_volume_24h = \"0\"\n"
        << "[plans]\nlate_after = \"" << late_after << "\"\n";
  }

  const double accel_;
  base::RealClock real_;
  base::AcceleratedClock clock_;
  testing::TempDir dir_;
  testing::PaperServer paper_;
};

TEST_F(PlanScheduleProcess, KillNineMidScheduleNeitherSkipsNorDoublesARun) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  // Runs that are late after a restart are made each for its own slot rather than caught up once.
  WriteConfig("30d");
  const std::string key = dir_.File("main.key");
  paper_.WriteKeyFile("main", key);
  std::string out;
  ASSERT_EQ(
      Run({"connect", "binance", "--label", "main", "--key-file", key, "--base-url", paper_.url()},
          &out),
      0)
      << out;
  ASSERT_EQ(Run({"pairs", "main", "allow", "BTCUSDT"}, &out), 0) << out;
  ASSERT_EQ(Run({"plan", "create", "dca", "btc", "--connection", "main", "--pair", "BTCUSDT",
                 "--quote-amount", "10", "--every", "hourly", "--json"},
                &out),
            0)
      << out;

  std::mt19937 random(20261202);
  std::uniform_int_distribution<int> extra_ms(0, 700);
  int kills = 0, done = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(4);
  while (done < 50 && std::chrono::steady_clock::now() < give_up) {
    auto serve = Serve();
    // At least one more run, then a random while more: the kill lands anywhere in a run.
    const int before = std::max(0, DoneRuns());
    while (DoneRuns() <= before && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(extra_ms(random)));
    serve->Kill();
    EXPECT_EQ(serve->Wait(), -SIGKILL) << serve->err();

    ++kills;
    done = DoneRuns();
  }
  ASSERT_GE(done, 50) << "after " << kills << " kills";
  // A last start that ends gracefully.
  auto last = Serve();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  last->Signal(SIGTERM);
  EXPECT_EQ(last->Wait(), 0) << last->err();

  ASSERT_EQ(Run({"plan", "history", "btc", "--json"}, &out), 0) << out;
  auto history = ReadRuns(out.substr(0, out.rfind('}') + 1));
  ASSERT_TRUE(history) << history.error();
  const std::vector<RunSeen>& runs = *history;  // newest first
  ASSERT_GE(runs.size(), 50u);
  std::vector<int64_t> slots;
  std::map<std::string, int> run_intents;
  std::map<std::string, std::string> outcome_of;  // intent → what its run recorded
  std::map<std::string, std::string> order_of;    // intent → the order that stands for it
  std::map<std::string, std::string> intent_of;   // order → the intent it stands for
  for (size_t i = 0; i < runs.size(); ++i) {
    // Only the newest may be unfinished (the graceful stop can land in a run: the next start
    // finishes it); none is skipped or failed.
    if (i > 0 || runs[i].state != "started") {
      EXPECT_EQ(runs[i].state, "done") << "the run at " << runs[i].slot_ms;
    }
    slots.push_back(runs[i].slot_ms);
    for (const auto& id : runs[i].intents) ++run_intents[id];
    for (const auto& o : runs[i].outcomes) {
      outcome_of[o.intent] = o.outcome;
      order_of[o.intent] = o.order;
      intent_of[o.order] = o.intent;
    }
  }
  std::sort(slots.begin(), slots.end());
  for (size_t i = 1; i < slots.size(); ++i) {
    EXPECT_EQ(slots[i] - slots[i - 1], 3600 * 1000) << "between run " << i - 1 << " and " << i;
  }
  // One intent per run; on the exchange, at most one order per intent and no other (an intent
  // whose first order was never placed is on it under its resend id, and only under that).
  EXPECT_EQ(run_intents.size(), runs.size());
  std::map<std::string, int> on_exchange;         // client order id → orders
  std::map<std::string, int> intent_on_exchange;  // intent → orders
  {
    auto lock = paper_.exchange().Lock();
    for (const auto& [id, o] : paper_.exchange().orders()) ++on_exchange[o.client_order_id];
  }
  int resent = 0;
  for (const auto& [id, n] : on_exchange) {
    EXPECT_EQ(n, 1) << id;
    const std::string intent = intent_of.count(id) ? intent_of[id] : id;
    EXPECT_EQ(run_intents.count(intent), 1u) << id << " is not a run's";
    ++intent_on_exchange[intent];
    if (intent != id) ++resent;
  }
  for (const auto& [intent, n] : intent_on_exchange) EXPECT_EQ(n, 1) << intent;
  // A run that recorded its order placed has it on the exchange; one a check refused does not.
  int refused = 0;
  for (const auto& [id, n] : run_intents) {
    EXPECT_EQ(n, 1) << id;
    const std::string outcome = outcome_of.count(id) ? outcome_of[id] : "";
    const std::string order = order_of.count(id) ? order_of[id] : id;
    if (outcome.starts_with("placed") || outcome.starts_with("existing")) {
      EXPECT_EQ(on_exchange.count(order), 1u) << id << " " << order << " " << outcome;
    } else if (outcome.starts_with("rejected")) {
      EXPECT_EQ(intent_on_exchange.count(id), 0u) << id << " " << outcome;
      ++refused;
      std::cout << "[ refused ] " << id << " " << outcome << "\n";
    }
  }
  std::cout << "[ figures ] " << kills << " kill -9s, " << runs.size() << " hourly runs, "
            << on_exchange.size() << " orders on the exchange (" << resent
            << " sent again after a first order never placed), " << refused
            << " refused by a check\n";
}

// Rotation under a running plan, the daemon's way: a DCA every paper minute (a real second at 60×)
// while `amanah --server … rotate` is refused a key of another account and a key that fails the
// audit, then switches to a key of the same account — whereupon the old key is deleted at the
// exchange, so a request signed with it after the switch would fail its run.
constexpr std::string_view kRotationScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
               "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "100"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "1000000", "BTC": "1"}},
               {"name": "zaid", "balances": {"USDT": "1000"}}],
  "keys": [{"name": "main", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
           {"name": "next", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
           {"name": "risky", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true, "futures": true}, "ip_whitelist": ["127.0.0.1"]},
           {"name": "stranger", "account": "zaid", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}]
})";

class PlanRotationProcess : public PlanScheduleProcess {
 protected:
  PlanRotationProcess() : PlanScheduleProcess(60, kRotationScenario) {}
  ~PlanRotationProcess() override { ::unsetenv("AMANAH_TOKEN"); }
  /// Waits until at least `n` runs are done (at most 60 s); how many are.
  int WaitForRuns(int n) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (DoneRuns() < n && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return DoneRuns();
  }
};

TEST_F(PlanRotationProcess, APlanEveryPaperMinuteMissesNoRunThroughARotation) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  WriteConfig("30d");
  std::string out;
  for (const char* name : {"main", "next", "risky", "stranger"}) {
    paper_.WriteKeyFile(name, dir_.File(std::string(name) + ".key"));
  }
  ASSERT_EQ(Run({"connect", "binance", "--label", "main", "--key-file", dir_.File("main.key"),
                 "--base-url", paper_.url()},
                &out),
            0)
      << out;
  ASSERT_EQ(Run({"pairs", "main", "allow", "BTCUSDT"}, &out), 0) << out;
  ASSERT_EQ(Run({"plan", "create", "dca", "btc", "--connection", "main", "--pair", "BTCUSDT",
                 "--quote-amount", "10", "--every", "every:1m", "--json"},
                &out),
            0)
      << out;
  const std::string token = testing::CreateOwnerToken(
      dir_.File("data"), dir_.File("run"), dir_.File("password"), "read,trade,admin", out);
  ASSERT_FALSE(token.empty()) << out;
  ::setenv("AMANAH_TOKEN", token.c_str(), 1);

  auto serve = Serve();
  const uint16_t port = Port();
  ASSERT_NE(port, 0) << serve->err();
  const std::string server = "http://127.0.0.1:" + std::to_string(port);
  ASSERT_GE(WaitForRuns(3), 3) << serve->err();

  // Refused, each with its reason, while the plan goes on with the old key.
  EXPECT_EQ(
      Run({"--server", server, "rotate", "main", "--key-file", dir_.File("stranger.key")}, &out), 2)
      << out;
  EXPECT_NE(out.find("account"), std::string::npos) << out;
  EXPECT_EQ(Run({"--server", server, "rotate", "main", "--key-file", dir_.File("risky.key")}, &out),
            2)
      << out;
  EXPECT_NE(out.find("utures"), std::string::npos) << out;
  const int before = WaitForRuns(DoneRuns() + 2);

  ASSERT_EQ(Run({"--server", server, "rotate", "main", "--key-file", dir_.File("next.key")}, &out),
            0)
      << out;
  {
    // From the switch on, a request signed with the old key is refused by the exchange (-2015).
    auto lock = paper_.exchange().Lock();
    ASSERT_TRUE(paper_.exchange().DeleteKey(paper_.key("main").api_key));
  }
  const int after = WaitForRuns(before + 5);
  EXPECT_GE(after, before + 5) << serve->err();
  serve->Signal(SIGTERM);
  EXPECT_EQ(serve->Wait(), 0) << serve->err();

  // Every slot from the first to the last has its run, each done and its order placed.
  ASSERT_EQ(Run({"plan", "history", "btc", "--json"}, &out), 0) << out;
  auto history = ReadRuns(out.substr(0, out.rfind('}') + 1));
  ASSERT_TRUE(history) << history.error();
  std::vector<int64_t> slots;
  for (size_t i = 0; i < history->size(); ++i) {
    const RunSeen& r = (*history)[i];
    if (i > 0 || r.state != "started") {
      EXPECT_EQ(r.state, "done") << "the run at " << r.slot_ms;
      for (const auto& o : r.outcomes) {
        EXPECT_TRUE(o.outcome.starts_with("placed")) << r.slot_ms << ": " << o.outcome;
      }
    }
    slots.push_back(r.slot_ms);
  }
  std::sort(slots.begin(), slots.end());
  for (size_t i = 1; i < slots.size(); ++i) {
    EXPECT_EQ(slots[i] - slots[i - 1], 60 * 1000) << "between run " << i - 1 << " and " << i;
  }
  ASSERT_GE(slots.size(), 10u);

  // The journal tells the whole sequence: two refusals, then the switch.
  ASSERT_EQ(Run({"journal", "show", "--kind", "key.", "--json"}, &out), 0) << out;
  std::vector<std::string> kinds;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    auto record = base::JsonDocument::Parse(line, {"journal show --json"});
    ASSERT_TRUE(record) << record.error();
    auto kind = record->Root().String("kind");
    ASSERT_TRUE(kind) << kind.error();
    kinds.push_back(std::move(*kind));
  }
  auto count = [&](std::string_view k) { return std::count(kinds.begin(), kinds.end(), k); };
  EXPECT_EQ(count("key.rotation_refused"), 2) << out;
  EXPECT_EQ(count("key.rotated"), 1) << out;
  size_t rotated = kinds.size(), last_refusal = 0;
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] == "key.rotated") rotated = i;
    if (kinds[i] == "key.rotation_refused") last_refusal = i;
  }
  EXPECT_LT(last_refusal, rotated) << out;
  std::cout << "[ figures ] " << slots.size() << " runs a paper minute apart, " << before
            << " before the switch, " << after - before << " after; none missed\n";
}

}  // namespace
}  // namespace amanah::cli
