// `amanah screen`: subjects, --all as a table and as JSON, explain, published rulings beside a
// verdict, bad files refused whole.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "cli/cli_runner.h"
#include "testing/files.h"
#include "testing/temp_dir.h"

namespace amanah::cli {
namespace {

using ::testing::HasSubstr;

TEST(ScreenCli, SubjectsWithReasonsCitationsAndHashes) {
  Ran r = RunCli({"screen", "BTC", "AAVE", "BTCUSDT", "USDT"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("BTC: COMPLIANT"));
  EXPECT_THAT(r.out, HasSubstr("AAVE: NON-COMPLIANT"));
  EXPECT_THAT(r.out, HasSubstr("RIBA-2 [riba, agreed]"));
  EXPECT_THAT(r.out,
              HasSubstr("AAOIFI Shari'ah Standard No. 21, \"Financial Paper (Shares and Bonds)\""));
  EXPECT_THAT(r.out, HasSubstr("BTCUSDT (BTC / USDT): COMPLIANT"));
  EXPECT_THAT(r.out, HasSubstr("USDT: NON-COMPLIANT"));
  EXPECT_THAT(r.out, HasSubstr("scholars differ on Q-3"));
  EXPECT_THAT(r.out, HasSubstr("not a fatwa"));
}

TEST(ScreenCli, APublishedRulingIsShownBesideTheVerdictWithItsSource) {
  Ran r = RunCli({"screen", "WBETH"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("WBETH: DOUBTFUL"));
  EXPECT_THAT(r.out, HasSubstr("[scholars differ]"));
  EXPECT_THAT(r.out, HasSubstr("≠ published ruling: Amanie Advisors (adviser, 2025-07-01): "
                               "COMPLIANT — differs from this verdict"));
  EXPECT_THAT(r.out, HasSubstr("https://thepaypers.com/"));
  Ran json = RunCli({"screen", "BNB", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"by\":\"Sharlife Shariah Committee\""));
}

TEST(ScreenCli, AllAsJsonCarriesEveryVerdictAndTheHashes) {
  Ran r = RunCli({"screen", "--all", "--json", "--ruleset", "cautious"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = boost::json::parse(r.out).as_object();
  EXPECT_EQ(doc.at("ruleset").as_string(), "cautious");
  const auto& verdicts = doc.at("verdicts").as_array();
  EXPECT_EQ(verdicts.size(), 166u);
  for (const auto& v : verdicts) {
    EXPECT_EQ(v.at("ruleset").at("sha256").as_string().size(), 64u);
    EXPECT_EQ(v.at("facts").at("sha256").as_string().size(), 64u);
  }
  Ran table = RunCli({"screen", "--all"});
  EXPECT_THAT(table.out, HasSubstr("166 assets:"));
}

TEST(ScreenCli, ExplainShowsTheDisputeAndThePosition) {
  Ran r = RunCli({"screen", "explain", "RIBA-4H"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("scholars differ — Q-3"));
  EXPECT_THAT(r.out, HasSubstr("this ruleset: Allowed as quote/settlement currency only"));
  EXPECT_THAT(r.out, HasSubstr("held by others: prohibited"));
  Ran missing = RunCli({"screen", "explain", "NOPE-1"});
  EXPECT_NE(missing.code, 0);
  EXPECT_THAT(missing.err, HasSubstr("no rule NOPE-1 in ruleset default"));
}

TEST(ScreenCli, ABadRulesetOrOverrideIsRefusedWithFileAndLine) {
  testing::TempDir dir;
  std::string bad = dir.path() + "/bad.toml";
  testing::WriteFile(bad, "[ruleset]\nid = \"x\"\n[[rules]\n");
  Ran r = RunCli({"screen", "BTC", "--ruleset", bad});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr(bad + ":3:"));
  EXPECT_TRUE(r.out.empty()) << "nothing screened with a half-loaded ruleset";
  std::string loosen = dir.path() + "/o.toml";
  testing::WriteFile(loosen,
                     "[[override]]\nrule = \"EXE-2\"\nverdict = \"compliant\"\nwho = \"me\"\nwhen "
                     "= 2026-11-24\nwhy = \"x\"\nsource = \"y\"\n");
  Ran o = RunCli({"screen", "BTCUP", "--overrides", loosen});
  EXPECT_NE(o.code, 0);
  EXPECT_THAT(o.err, HasSubstr("rule EXE-2 is charter and not overridable"));
}

}  // namespace
}  // namespace amanah::cli
