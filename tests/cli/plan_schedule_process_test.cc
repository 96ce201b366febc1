// A plan's schedule across kill -9: `amanah serve --time-accel` (four paper hours a real second)
// runs an hourly DCA against a paper exchange accelerated alike, and is killed at random moments,
// again and again, each time after at least one run and a random while more. Afterwards every
// hourly slot from the first to the last has exactly one run, none skipped and none doubled, and
// the exchange holds exactly one order per run under that run's client order id.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <csignal>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include <boost/json.hpp>

#include "base/accelerated_clock.h"
#include "base/json_reader.h"
#include "testing/paper_server.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

constexpr double kAccel = 14400;  // an hour in a quarter of a second

constexpr std::string_view kScenario = R"({
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
  PlanScheduleProcess() : clock_(real_, kAccel), paper_(kScenario, &clock_) {
    paper_.RaiseLimits();
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetTimeAccel(kAccel);
  }
  int Run(std::vector<std::string> args, std::string* out = nullptr) {
    return testing::RunAmanah(dir_.File("data"), dir_.File("run"), std::move(args), out);
  }
  // The plan's finished runs, read from the database the daemon writes (WAL: readers do not block).
  int DoneRuns() {
    sqlite3* db = nullptr;
    int n = -1;
    const std::string path = dir_.File("data") + "/amanah.db";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_busy_timeout(db, 2000);
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, "SELECT count(*) FROM plan_runs WHERE state = 'done'", -1, &stmt,
                             nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW) {
        n = sqlite3_column_int(stmt, 0);
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return n;
  }
  std::optional<testing::Process> Serve() {
    std::optional<testing::Process> p;
    p.emplace(std::vector<std::string>{testing::AmanahBinary(), "--data-dir", dir_.File("data"),
                                       "serve", "--listen", "127.0.0.1:0", "--time-accel",
                                       std::to_string(static_cast<int>(kAccel))},
              dir_.File("serve"));
    return p;
  }

  base::RealClock real_;
  base::AcceleratedClock clock_;
  testing::TempDir dir_;
  testing::PaperServer paper_;
};

TEST_F(PlanScheduleProcess, KillNineMidScheduleNeitherSkipsNorDoublesARun) {
  ASSERT_EQ(Run({"vault", "init"}), 0);
  // Policy limits out of the way (this is about crashes); runs that are late after a restart are
  // made each for its own slot rather than caught up once.
  std::ofstream(dir_.File("data") + "/amanah.toml")
      << "[network]\negress_ips = [\"127.0.0.1\"]\n"
      << "[policy]\nmax_orders_per_minute = 1000000\nmin_quote_volume_24h = \"0\"\n"
      << "[plans]\nlate_after = \"30d\"\n";
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

}  // namespace
}  // namespace amanah::cli
