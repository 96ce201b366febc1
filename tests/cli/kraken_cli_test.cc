// `amanah connect kraken` and the commands after it, end to end against the paper exchange's
// Kraken venue, through the same service layer as the other exchanges: a compliant key stored
// with Kraken's checklist (GetApiKeyInfo) and its balances under neutral names, audited again; a
// key with Withdraw and Earn Funds on an account with margin in use refused with Kraken's fixes;
// a key file whose private key is not Base64 refused before anything is sent; a Kraken Futures
// base URL refused; spot orders placed (the dry run shows the nonce-first form body with its
// deadline), listed, cancelled and filled; a DCA plan run now. No output repeats the secret.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "base/json_reader.h"
#include "cli_runner.h"
#include "testing/paper_server.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kKrakenScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
               "min_qty": "0.00005", "min_notional": "1", "start_price": "65000.0", "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"venue": "kraken", "name": "maryam", "balances": {"USDT": "2500", "BTC": "0.25"}},
               {"venue": "kraken", "name": "khalid", "balances": {"USDT": "100"},
                "margin_loans": [{"asset": "BTC", "borrowed": "0.02", "interest": "0.0001"}]}],
  "keys": [
    {"name": "good", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "wide", "account": "khalid", "permissions": {"read": true, "spot_trade": true, "withdraw": true, "earn": true}, "ip_whitelist": ["127.0.0.1"]}
  ],
  "limits": {"kraken": {"counter_max": 100000}}})";

class KrakenCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"vault", "init"}).code, 0); }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    Ran r = RunCli(std::move(args));
    for (const char* name : {"good", "wide"}) {
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(paper_.key(name).secret)));
    }
    return r;
  }
  Ran Connect(const std::string& label, const std::string& key, const std::string& url = "") {
    std::string file = dir_.File(key + ".key");
    paper_.WriteKeyFile(key, file);
    return Cli({"connect", "kraken", "--label", label, "--key-file", file, "--base-url",
                url.empty() ? paper_.kraken_url() : url, "--egress-ip", "127.0.0.1"});
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{kKrakenScenario};
};

TEST_F(KrakenCli, ACompliantKeyIsStoredWithKrakensChecklistAndBalances) {
  Ran r = Connect("main", "good");
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_THAT(r.out, HasSubstr("Connected main (Kraken account"));
  EXPECT_THAT(r.out, HasSubstr("✓ Query Funds: on (want on)"));
  EXPECT_THAT(r.out, HasSubstr("✓ Withdraw Funds: off (want off)"));
  EXPECT_THAT(r.out, HasSubstr("✓ Create & Modify Orders: on (want on)"));
  EXPECT_THAT(r.out, HasSubstr("USDT  free 2500"));
  EXPECT_THAT(r.out, HasSubstr("WalletTransfer"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  kraken  active"));
  Ran audit = Cli({"audit", "main"});
  EXPECT_EQ(audit.code, 0) << audit.out << audit.err;
  EXPECT_THAT(Cli({"balances", "main"}).out, HasSubstr("BTC  free 0.25"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

TEST_F(KrakenCli, AKeyWithWithdrawAndEarnOnAMarginAccountIsRefusedWithKrakensFixes) {
  Ran r = Connect("risky", "wide");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("REFUSED WITHDRAWALS_ENABLED [custody]"));
  EXPECT_THAT(r.out, HasSubstr("untick 'Withdraw Funds', then save."));
  EXPECT_THAT(r.out, HasSubstr("REFUSED EARN_ENABLED [riba]"));
  EXPECT_THAT(r.out, HasSubstr("REFUSED MARGIN_DEBT"));
  EXPECT_THAT(r.out, HasSubstr("REFUSED OPEN_POSITION"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("No connections"));
}

TEST_F(KrakenCli, ABadKeyFileAndAFuturesHostAreRefusedBeforeAnythingIsSent) {
  const int before = paper_.requests();
  std::string file = dir_.File("bad.key");
  std::ofstream(file) << "api_key=" << paper_.key("good").api_key
                      << "\nsecret=not base64 at all!\n";
  Ran r = Cli({"connect", "kraken", "--label", "main", "--key-file", file, "--base-url",
               paper_.kraken_url()});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.out + r.err, HasSubstr("Base64"));
  Ran futures = Connect("main", "good", "https://futures.kraken.com");
  EXPECT_NE(futures.code, 0);
  EXPECT_THAT(futures.out + futures.err, HasSubstr("Kraken Futures"));
  EXPECT_EQ(paper_.requests(), before);
}

TEST_F(KrakenCli, SpotOrdersAndAPlanRunThroughTheSameServices) {
  ASSERT_EQ(Connect("main", "good").code, 0);
  ASSERT_EQ(Cli({"pairs", "main", "allow", "XBTUSDT"}).code, 0);
  Ran dry = Cli({"order", "main", "buy", "XBTUSDT", "0.001", "--limit", "60000", "--dry-run"});
  EXPECT_EQ(dry.code, 0) << dry.out << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("/0/private/AddOrder"));
  EXPECT_THAT(dry.out, HasSubstr("pair=XBTUSDT&type=buy&ordertype=limit&volume=0.001"));
  EXPECT_THAT(dry.out, HasSubstr("deadline="));

  Ran r = Cli({"order", "main", "buy", "XBTUSDT", "0.001", "--limit", "60000", "--json"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  auto doc = base::JsonDocument::Parse(r.out, {"amanah order --json"});
  ASSERT_TRUE(doc) << doc.error();
  EXPECT_EQ(doc->Root().String("outcome"), "placed");
  auto order = doc->Root().Field("order");
  ASSERT_TRUE(order) << order.error();
  auto id_field = order->String("id");
  ASSERT_TRUE(id_field) << id_field.error();
  const std::string id = *id_field;
  EXPECT_THAT(Cli({"orders", "main", "--open"}).out, HasSubstr(id));
  Ran cancelled = Cli({"cancel", "main", id});
  ASSERT_EQ(cancelled.code, 0) << cancelled.out << cancelled.err;
  EXPECT_THAT(cancelled.out, HasSubstr("cancelled"));
  EXPECT_THAT(Cli({"orders", "--open"}).out, Not(HasSubstr(id)));

  Ran filled = Cli({"order", "main", "buy", "XBTUSDT", "0.001", "--limit", "66000", "--json"});
  ASSERT_EQ(filled.code, 0) << filled.out << filled.err;
  auto filled_doc = base::JsonDocument::Parse(filled.out, {"amanah order --json"});
  ASSERT_TRUE(filled_doc) << filled_doc.error();
  auto filled_order = filled_doc->Root().Field("order");
  ASSERT_TRUE(filled_order) << filled_order.error();
  EXPECT_EQ(filled_order->String("state"), "filled") << filled.out;

  Ran plan = Cli({"plan", "create", "dca", "btc", "--connection", "main", "--pair", "XBTUSDT",
                  "--quote-amount", "10", "--every", "daily@09:00"});
  ASSERT_EQ(plan.code, 0) << plan.out << plan.err;
  Ran run = Cli({"plan", "run-now", "btc", "--json"});
  ASSERT_EQ(run.code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("done"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

}  // namespace
}  // namespace amanah::cli
