// `amanah connect okx` and the commands after it, end to end against the paper exchange's OKX
// venue, through the same service layer as Binance and Bybit: a compliant key (with its
// passphrase, sealed in the vault) stored with OKX's checklist and its balances, audited again;
// a key with Withdraw on, in Futures mode with auto-loan, a loan and a swap position refused with
// OKX's fixes; a key file without its passphrase refused before anything is sent; spot orders
// placed, listed, cancelled and filled; a DCA plan run now. No output repeats the secret or the
// passphrase.
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

constexpr std::string_view kOkxScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
               "min_qty": "0.00001", "min_notional": "1", "start_price": "65000.0", "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"venue": "okx", "name": "maryam", "balances": {"USDT": "2500", "BTC": "0.25"}},
               {"venue": "okx", "name": "khalid", "balances": {"USDT": "100"}, "auto_borrow": true,
                "margin_loans": [{"asset": "USDT", "borrowed": "75", "interest": "0.02"}],
                "futures_positions": [{"symbol": "BTC-USDT-SWAP", "position_amt": "0.01", "entry_price": "64000"}]}],
  "keys": [
    {"name": "good", "account": "maryam", "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "wide", "account": "khalid", "permissions": {"read": true, "spot_trade": true, "futures": true, "withdraw": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

class OkxCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"vault", "init"}).code, 0); }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    Ran r = RunCli(std::move(args));
    for (const char* name : {"good", "wide"}) {
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(paper_.key(name).secret)));
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(paper_.key(name).passphrase)));
    }
    return r;
  }
  Ran Connect(const std::string& label, const std::string& key) {
    std::string file = dir_.File(key + ".key");
    paper_.WriteKeyFile(key, file);
    return Cli({"connect", "okx", "--label", label, "--key-file", file, "--base-url",
                paper_.okx_url(), "--egress-ip", "127.0.0.1"});
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{kOkxScenario};
};

TEST_F(OkxCli, ACompliantKeyIsStoredWithOkxsChecklistAndBalances) {
  Ran r = Connect("main", "good");
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_THAT(r.out, HasSubstr("Connected main (OKX account"));
  EXPECT_THAT(r.out, HasSubstr("✓ Trade: on (want on)"));
  EXPECT_THAT(r.out, HasSubstr("✓ Withdraw: off (want off)"));
  EXPECT_THAT(r.out, HasSubstr("USDT  free 2500"));
  EXPECT_THAT(r.out, HasSubstr("also allows funding transfers"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  okx  active"));
  Ran audit = Cli({"audit", "main"});
  EXPECT_EQ(audit.code, 0) << audit.out << audit.err;
  EXPECT_THAT(Cli({"balances", "main"}).out, HasSubstr("BTC  free 0.25"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

TEST_F(OkxCli, AKeyWithWithdrawFuturesModeAutoLoanAndAPositionIsRefusedWithOkxsFixes) {
  Ran r = Connect("risky", "wide");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("REFUSED WITHDRAWALS_ENABLED [custody]"));
  EXPECT_THAT(r.out, HasSubstr("untick 'Withdraw', then confirm."));
  EXPECT_THAT(r.out, HasSubstr("REFUSED FUTURES_ENABLED"));
  EXPECT_THAT(r.out, HasSubstr("Account mode → choose 'Spot mode'"));
  EXPECT_THAT(r.out, HasSubstr("REFUSED MARGIN_DEBT"));
  EXPECT_THAT(r.out, HasSubstr("REFUSED AUTO_BORROW_ENABLED"));
  EXPECT_THAT(r.out, HasSubstr("REFUSED OPEN_POSITION"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("No connections"));
}

TEST_F(OkxCli, AKeyFileWithoutItsPassphraseIsRefusedBeforeAnythingIsSent) {
  const int before = paper_.requests();
  std::string file = dir_.File("nophrase.key");
  std::ofstream(file) << "api_key=" << paper_.key("good").api_key
                      << "\nsecret=" << paper_.key("good").secret << "\n";
  Ran r = Cli(
      {"connect", "okx", "--label", "main", "--key-file", file, "--base-url", paper_.okx_url()});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.out + r.err, HasSubstr("needs its passphrase"));
  EXPECT_EQ(paper_.requests(), before);
}

TEST_F(OkxCli, SpotOrdersAndAPlanRunThroughTheSameServices) {
  ASSERT_EQ(Connect("main", "good").code, 0);
  ASSERT_EQ(Cli({"pairs", "main", "allow", "BTC-USDT"}).code, 0);
  Ran dry = Cli({"order", "main", "buy", "BTC-USDT", "0.001", "--limit", "60000", "--dry-run"});
  EXPECT_EQ(dry.code, 0) << dry.out << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("/api/v5/trade/order"));
  EXPECT_THAT(dry.out, HasSubstr("\"tdMode\":\"cash\""));

  Ran r = Cli({"order", "main", "buy", "BTC-USDT", "0.001", "--limit", "60000", "--json"});
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

  Ran filled = Cli({"order", "main", "buy", "BTC-USDT", "0.001", "--limit", "66000", "--json"});
  ASSERT_EQ(filled.code, 0) << filled.out << filled.err;
  auto filled_doc = base::JsonDocument::Parse(filled.out, {"amanah order --json"});
  ASSERT_TRUE(filled_doc) << filled_doc.error();
  auto filled_order = filled_doc->Root().Field("order");
  ASSERT_TRUE(filled_order) << filled_order.error();
  EXPECT_EQ(filled_order->String("state"), "filled") << filled.out;

  Ran plan = Cli({"plan", "create", "dca", "btc", "--connection", "main", "--pair", "BTC-USDT",
                  "--quote-amount", "10", "--every", "daily@09:00"});
  ASSERT_EQ(plan.code, 0) << plan.out << plan.err;
  Ran run = Cli({"plan", "run-now", "btc", "--json"});
  ASSERT_EQ(run.code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("done"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

}  // namespace
}  // namespace amanah::cli
