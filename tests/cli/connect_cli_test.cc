// `amanah connect binance` and the commands around it, end to end against the paper exchange:
// compliant keys are stored and refused ones are not, the journal is written first (and a connect
// is refused when it cannot be), later audits suspend a key whose permissions changed or that was
// deleted, and the secrets appear nowhere outside the vault.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cli_runner.h"
#include "testing/files.h"
#include "testing/paper_server.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kConnectScenario = R"({
  "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
               "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}},
               {"name": "bilal", "balances": {"USDT": "100"}, "margin_loans": [{"asset": "USDT", "borrowed": "75"}]}],
  "keys": [
    {"name": "good", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "good2", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "withdraw", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true, "withdrawals": true}},
    {"name": "debt", "account": "bilal", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

class ConnectCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"vault", "init"}).code, 0); }
  Ran Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir_.path()});
    Ran r = RunCli(std::move(args));
    outputs_ += r.out + r.err;
    return r;
  }
  Ran Connect(const std::string& label, const std::string& key) {
    std::string file = dir_.File(key + ".key");
    paper_.WriteKeyFile(key, file);
    return Cli({"connect", "binance", "--label", label, "--key-file", file, "--base-url",
                paper_.url(), "--egress-ip", "127.0.0.1"});
  }
  std::vector<std::string> Kinds() {
    Ran show = Cli({"journal", "show", "--json"});
    std::vector<std::string> kinds;
    std::istringstream lines(show.out);
    for (std::string line; std::getline(lines, line);)
      kinds.emplace_back(boost::json::parse(line).at("kind").as_string());
    return kinds;
  }
  testing::TempDir dir_;
  testing::PaperServer paper_{kConnectScenario};
  std::string outputs_;
};

TEST_F(ConnectCli, ACompliantKeyIsStoredWithItsChecklistAndBalances) {
  Ran r = Connect("main", "good");
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_THAT(r.out, HasSubstr("Connected main (Binance account"));
  EXPECT_THAT(r.out, HasSubstr("✓ Enable Withdrawals: off (want off)"));
  EXPECT_THAT(r.out, HasSubstr("USDT  free 2500"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  binance  active"));
  EXPECT_EQ(Cli({"audit"}).code, 0);
  EXPECT_THAT(Cli({"balances", "main"}).out, HasSubstr("BTC  free 0.25"));
  EXPECT_THAT(Kinds(), ::testing::ElementsAre("vault.initialised", "key.connected", "key.audited"));
  EXPECT_EQ(Cli({"journal", "verify"}).code, 0);
}

TEST_F(ConnectCli, AKeyThatCrossesTheBoundaryIsRefusedAndNotStored) {
  Ran r = Connect("risky", "withdraw");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("REFUSED WITHDRAWALS_ENABLED [custody]"));
  EXPECT_THAT(r.out, HasSubstr("untick 'Enable Withdrawals'"));
  EXPECT_THAT(r.out, HasSubstr("warning NO_IP_RESTRICTION"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("No connections"));
  Ran debt = Connect("debtor", "debt");
  EXPECT_EQ(debt.code, 2);
  EXPECT_THAT(debt.out, HasSubstr("REFUSED MARGIN_DEBT [riba]: the margin account owes 75 USDT"));
  EXPECT_THAT(Kinds(), ::testing::ElementsAre("vault.initialised", "key.refused", "key.refused"));
}

TEST_F(ConnectCli, TheSameKeyCannotBeConnectedTwice) {
  ASSERT_EQ(Connect("main", "good").code, 0);
  Ran again = Connect("other", "good");
  EXPECT_EQ(again.code, 1);
  EXPECT_THAT(again.err, HasSubstr("this key is already connected as main"));
}

TEST_F(ConnectCli, AnUnwritableJournalRefusesTheConnectAndNothingChanges) {
  testing::RunSql(dir_.File("amanah.db"),
                  "CREATE TRIGGER jam BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'journal "
                  "device unavailable'); END");
  Ran r = Connect("main", "good");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("the journal cannot be written, so the key was not connected"));
  testing::RunSql(dir_.File("amanah.db"), "DROP TRIGGER jam");
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("No connections"));
  EXPECT_EQ(Connect("main", "good").code, 0);  // and works once the journal does
}

TEST_F(ConnectCli, APermissionTurnedOnOrAKeyDeletedIsCaughtByTheNextAudit) {
  ASSERT_EQ(Connect("main", "good").code, 0);
  ASSERT_EQ(Connect("second", "good2").code, 0);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("good").api_key)->permissions.futures = true;
  }
  Ran audit = Cli({"audit", "main"});
  EXPECT_EQ(audit.code, 2);
  EXPECT_THAT(audit.out, HasSubstr("NOT COMPLIANT — suspended until an audit passes"));
  EXPECT_THAT(audit.out, HasSubstr("REFUSED FUTURES_ENABLED"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  binance  suspended"));
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("good").api_key)->permissions.futures = false;
    paper_.exchange().DeleteKey(paper_.key("good2").api_key);
  }
  EXPECT_EQ(Cli({"audit", "main"}).code, 0);  // passes again: active again
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  binance  active"));
  Ran deleted = Cli({"audit", "second"});
  EXPECT_EQ(deleted.code, 2);
  EXPECT_THAT(deleted.err, HasSubstr("The key was deleted, or this machine's IP is not on its "
                                     "whitelist (Binance answers both with -2015)"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("second  binance  suspended"));
}

TEST_F(ConnectCli, MaintenanceAndAMissingPermissionAreDiagnosed) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  Ran r = Connect("main", "good");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("The exchange reports system maintenance"));
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(false);
    paper_.exchange().FindKey(paper_.key("good").api_key)->permissions.read = false;
  }
  Ran no_read = Connect("main", "good");
  EXPECT_EQ(no_read.code, 1);
  EXPECT_THAT(no_read.err, HasSubstr("a permission it needs is off: 'Enable Reading'"));
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("No connections"));
}

TEST_F(ConnectCli, SecretsAppearNowhereOutsideTheVault) {
  ASSERT_EQ(Connect("main", "good").code, 0);
  (void)Connect("risky", "withdraw");
  Cli({"audit"});
  Cli({"balances", "main"});
  Cli({"journal", "show"});
  ASSERT_EQ(Cli({"disconnect", "main"}).code, 0);
  std::string everything = outputs_ + testing::ReadFile(dir_.File("amanah.db")) +
                           testing::ReadFile(dir_.File("amanah.db-wal")) +
                           testing::ReadFile(dir_.File("amanah.log"));
  for (const std::string name : {"good", "withdraw"}) {
    const std::string& secret = paper_.key(name).secret;
    ASSERT_EQ(secret.size(), 64u);
    EXPECT_EQ(everything.find(secret), std::string::npos) << name << "'s secret leaked";
    EXPECT_EQ(everything.find(secret.substr(0, 24)), std::string::npos)
        << name << "'s secret leaked in part";
  }
  EXPECT_THAT(Cli({"connections"}).out, HasSubstr("main  binance  revoked"));
  EXPECT_THAT(Cli({"balances", "main"}).err,
              HasSubstr("main was disconnected; its secret is gone"));
}

}  // namespace
}  // namespace amanah::cli
