// `amanah order`, `orders` and `cancel` end to end against the paper exchange: a dry run prints
// each check and the exact request without sending it; a refused order names the check, its code,
// rule and citation and exits 2; a placed order is listed and can be cancelled; --json is a
// machine-readable outcome.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/json_reader.h"
#include "cli_runner.h"
#include "testing/files.h"
#include "testing/paper_server.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kOrderScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
               "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"},
              {"symbol": "AAVEUSDT", "base": "AAVE", "quote": "USDT", "tick_size": "0.01", "step_size": "0.001",
               "min_notional": "5", "start_price": "100.00", "volatility_bp": 0, "level_qty": "10"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}}],
  "keys": [{"name": "good", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}]
})";

class OrderCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Cli({"vault", "init"}).code, 0);
    std::string file = dir_.File("good.key");
    paper_.WriteKeyFile("good", file);
    Ran c = Cli({"connect", "binance", "--label", "main", "--key-file", file, "--base-url",
                 paper_.url(), "--egress-ip", "127.0.0.1"});
    ASSERT_EQ(c.code, 0) << c.out << c.err;
    Ran p = Cli({"pairs", "main", "allow", "btcusdt", "AAVEUSDT"});
    ASSERT_EQ(p.code, 0) << p.out << p.err;
  }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    return RunCli(std::move(args));
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{kOrderScenario};
};

TEST_F(OrderCli, ADryRunPrintsEveryCheckAndTheRequestAndSendsNothing) {
  Ran r = Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", "60000", "--dry-run"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Dry run: every check passed; nothing was placed."));
  EXPECT_THAT(r.out, HasSubstr("The exchange's test endpoint accepted it"));
  for (const char* check : {"key_standing", "spot_symbol", "screen", "exchange_filters", "funds",
                            "limits", "rate_budget"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string("✓ ") + check));
  }
  EXPECT_THAT(r.out, HasSubstr("POST /api/v3/order"));
  EXPECT_THAT(r.out, HasSubstr("symbol=BTCUSDT&side=BUY&type=LIMIT"));
  EXPECT_THAT(r.out, HasSubstr("signature="));
  EXPECT_EQ(paper_.order_posts(), 0);
  EXPECT_THAT(Cli({"orders"}).out, HasSubstr("No orders."));
}

TEST_F(OrderCli, ARefusedOrderNamesItsCheckRuleAndCitationAndExits2) {
  Ran r = Cli({"order", "main", "buy", "AAVEUSDT", "1", "--limit", "100"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Refused before signing:"));
  EXPECT_THAT(r.out, HasSubstr("✗ screen: NON_COMPLIANT"));
  EXPECT_THAT(r.out, HasSubstr("AAOIFI"));
  EXPECT_THAT(r.out, HasSubstr("· exchange_filters (not run)"));
  EXPECT_EQ(paper_.order_posts(), 0);
  Ran broke = Cli({"order", "main", "buy", "BTCUSDT", "1", "--limit", "60000", "--json"});
  EXPECT_EQ(broke.code, 2);
  auto j = boost::json::parse(broke.out).as_object();
  EXPECT_EQ(j.at("outcome").as_string(), "rejected");
  EXPECT_EQ(j.at("checks").at("rejected_by").as_string(), "funds");
  EXPECT_EQ(j.at("checks").at("reject").at("code").as_string(), "INSUFFICIENT_FUNDS");
  EXPECT_EQ(j.at("checks").at("reject").at("rule").as_string(), "EXE-3");
}

TEST_F(OrderCli, APlacedOrderIsListedAndCancelled) {
  Ran r = Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", "60000", "--json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  auto j = boost::json::parse(r.out).as_object();
  EXPECT_EQ(j.at("outcome").as_string(), "placed");
  const std::string id(j.at("order").at("id").as_string());
  EXPECT_EQ(id.size(), 32u);
  EXPECT_THAT(Cli({"orders", "main", "--open"}).out, HasSubstr(id));
  Ran cancelled = Cli({"cancel", "main", id});
  ASSERT_EQ(cancelled.code, 0) << cancelled.err;
  EXPECT_THAT(cancelled.out, HasSubstr("cancelled"));
  EXPECT_THAT(Cli({"orders", "--open"}).out, Not(HasSubstr(id)));
  Ran again = Cli({"cancel", "main", id});
  EXPECT_EQ(again.code, 1);
  EXPECT_THAT(again.err, HasSubstr("not open"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

TEST_F(OrderCli, CancelAllCancelsEveryOpenOrderOfThePairInOneRequest) {
  for (const char* price : {"60000", "59000", "58000"}) {
    ASSERT_EQ(Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", price}).code, 0);
  }
  Ran r = Cli({"cancel", "main", "--all", "btcusdt"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Cancelled 3 open orders on BTCUSDT"));
  EXPECT_THAT(Cli({"orders", "--open"}).out, HasSubstr("No orders."));
  EXPECT_EQ(Cli({"cancel", "main"}).code, 1);  // neither an order nor --all
}

TEST_F(OrderCli, BadInputIsAClearErrorAndNothingIsSent) {
  Ran r = Cli({"order", "main", "buy", "BTCUSDT", "1e-3", "--limit", "60000"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("not a decimal number"));
  Ran none = Cli({"order", "main", "buy", "BTCUSDT", "--limit", "60000"});
  EXPECT_EQ(none.code, 1);
  EXPECT_THAT(none.err, HasSubstr("give either a quantity or a quote amount"));
  Ran unknown = Cli({"order", "nosuch", "buy", "BTCUSDT", "0.001", "--limit", "60000"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no connection labelled \"nosuch\""));
  EXPECT_EQ(paper_.order_posts(), 0);
}

}  // namespace
}  // namespace amanah::cli

namespace amanah::cli {
namespace {

TEST_F(OrderCli, StopLossAndTrailingOrdersWaitOnTheExchangeAndBadTriggersNeverLeave) {
  // Aisha protects 0.01 of her 0.25 BTC: sell at 59,900 if the price falls to 60,000.
  Ran stop = Cli({"order", "main", "sell", "BTCUSDT", "0.01", "--type", "stop_loss_limit",
                  "--trigger", "60000", "--limit", "59900", "--json"});
  ASSERT_EQ(stop.code, 0) << stop.out << stop.err;
  auto doc = base::JsonDocument::Parse(stop.out, {"amanah order --json"});
  ASSERT_TRUE(doc) << doc.error();
  EXPECT_EQ(doc->Root().String("outcome"), "placed");
  auto order = doc->Root().Field("order");
  ASSERT_TRUE(order) << order.error();
  auto id_field = order->String("id");
  ASSERT_TRUE(id_field) << id_field.error();
  const std::string id = *id_field;
  Ran listed = Cli({"orders", "main", "--open"});
  EXPECT_THAT(listed.out, HasSubstr("stop_loss_limit qty 0.01 @ 59900 trigger 60000  placed"));
  // A trailing take-profit: the dry run shows the exact parameters that would be signed.
  Ran trail = Cli({"order", "main", "sell", "BTCUSDT", "0.01", "--type", "take_profit_limit",
                   "--trailing", "250", "--limit", "64000", "--dry-run"});
  ASSERT_EQ(trail.code, 0) << trail.out << trail.err;
  EXPECT_THAT(trail.out, HasSubstr("type=TAKE_PROFIT_LIMIT&timeInForce=GTC&quantity=0.01&"
                                   "price=64000&trailingDelta=250&newClientOrderId="));
  const int posts = paper_.order_posts();
  // Refused before signing: a stop already reached, a delta outside the filter, no trigger.
  Ran reached = Cli({"order", "main", "sell", "BTCUSDT", "0.01", "--type", "stop_loss_limit",
                     "--trigger", "66000", "--limit", "65900"});
  EXPECT_EQ(reached.code, 2) << reached.out << reached.err;
  EXPECT_THAT(reached.out, HasSubstr("TRIGGER_ALREADY_REACHED"));
  Ran narrow = Cli({"order", "main", "sell", "BTCUSDT", "0.01", "--type", "stop_loss_limit",
                    "--trailing", "5", "--limit", "59000"});
  EXPECT_EQ(narrow.code, 2) << narrow.out << narrow.err;
  EXPECT_THAT(narrow.out, HasSubstr("TRAILING_DELTA_OUT_OF_RANGE"));
  Ran bare = Cli({"order", "main", "sell", "BTCUSDT", "0.01", "--type", "stop_loss_limit",
                  "--limit", "59000"});
  EXPECT_EQ(bare.code, 1);
  EXPECT_THAT(bare.err, HasSubstr("needs a trigger price (--trigger) or a trailing delta"));
  Ran misplaced =
      Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", "60000", "--trigger", "61000"});
  EXPECT_EQ(misplaced.code, 1);
  EXPECT_THAT(misplaced.err, HasSubstr("only stop-loss and take-profit orders take a trigger"));
  EXPECT_EQ(paper_.order_posts(), posts);
  ASSERT_EQ(Cli({"cancel", "main", id}).code, 0);
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

}  // namespace
}  // namespace amanah::cli

namespace amanah::cli {
namespace {

TEST_F(OrderCli, OnlyApprovedPairsTradeAndApprovalsAreJournaledAndMacd) {
  Ran listed = Cli({"pairs", "main"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("Pairs approved on main: AAVEUSDT BTCUSDT"));
  ASSERT_EQ(Cli({"pairs", "main", "revoke", "BTCUSDT"}).code, 0);
  const int posts = paper_.order_posts();
  Ran refused = Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", "60000"});
  EXPECT_EQ(refused.code, 2) << refused.out << refused.err;
  EXPECT_THAT(refused.out, HasSubstr("PAIR_NOT_ALLOWED"));
  EXPECT_THAT(refused.out, HasSubstr("amanah pairs main allow BTCUSDT"));
  EXPECT_EQ(paper_.order_posts(), posts);
  Ran again = Cli({"pairs", "main", "revoke", "BTCUSDT"});
  EXPECT_EQ(again.code, 1);
  EXPECT_THAT(again.err, HasSubstr("BTCUSDT is not approved"));
  EXPECT_EQ(Cli({"pairs", "main", "allow", "BTC USDT"}).code, 1);
  EXPECT_EQ(Cli({"pairs", "nosuch", "allow", "BTCUSDT"}).code, 1);
  // A row written into the database by hand carries no valid MAC: it is not a pair Amanah trades.
  testing::RunSql(dir_.File("amanah.db"),
                  "INSERT INTO approved_pairs SELECT connection_id, 'BTCUSDT', approved_at_ms, mac "
                  "FROM approved_pairs LIMIT 1");
  EXPECT_THAT(Cli({"pairs", "main"}).out, Not(HasSubstr("BTCUSDT")));
  Ran forged = Cli({"order", "main", "buy", "BTCUSDT", "0.001", "--limit", "60000"});
  EXPECT_EQ(forged.code, 2);
  EXPECT_THAT(forged.out, HasSubstr("PAIR_NOT_ALLOWED"));
  EXPECT_EQ(paper_.order_posts(), posts);
  Ran journal = Cli({"journal", "show"});
  EXPECT_THAT(journal.out, HasSubstr("connection.pairs_approved"));
  EXPECT_THAT(journal.out, HasSubstr("connection.pairs_revoked"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

}  // namespace
}  // namespace amanah::cli
