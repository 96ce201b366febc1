// Published rulings as data: the shipped file loads, every entry with an https URL, a date and the
// assets it covers; a malformed entry is refused with file and line and nothing is loaded; and no
// rule a shipped ruleset marks agreed contradicts a published ruling — where a rule fires on an
// asset a board or adviser has ruled on, with another verdict, it must not claim agreement.
#include "screen/rulings.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "screen/screen_fixture.h"

namespace amanah::screen::testing {
namespace {

TEST(Rulings, TheShippedFileLoadsWithAUrlAndADateOnEveryEntry) {
  auto rulings = Rulings::Shipped();
  ASSERT_TRUE(rulings) << rulings.error();
  EXPECT_EQ(rulings->version(), 1);
  ASSERT_GE(rulings->all().size(), 2u);
  for (const Ruling& r : rulings->all()) {
    SCOPED_TRACE(r.id);
    EXPECT_TRUE(r.url.starts_with("https://")) << r.url;
    EXPECT_EQ(r.date.size(), 10u);
    EXPECT_FALSE(r.by.empty());
    EXPECT_FALSE(r.scope.empty());
    EXPECT_FALSE(r.assets.empty());
    EXPECT_GT(r.line, 0);
  }
  ASSERT_EQ(rulings->For("WBETH").size(), 1u);
  EXPECT_EQ(rulings->For("WBETH")[0]->by, "Amanie Advisors");
  EXPECT_EQ(rulings->For("WBETH")[0]->verdict, Level::kCompliant);
  EXPECT_TRUE(rulings->For("BTC").empty());
}

std::string Entry(std::string_view replace_key = "", std::string_view with = "") {
  std::string fields[][2] = {{"id", "\"X-1\""},
                             {"by", "\"A Board\""},
                             {"kind", "\"board\""},
                             {"subject", "\"a token\""},
                             {"assets", "[\"BNB\"]"},
                             {"verdict", "\"compliant\""},
                             {"date", "\"2024-03-29\""},
                             {"url", "\"https://example.org/ruling\""},
                             {"scope", "\"tokens in general\""}};
  std::string out = "version = 1\n\n[[ruling]]\n";
  for (auto& [key, value] : fields) {
    if (key == replace_key) {
      if (!with.empty()) out += key + " = " + std::string(with) + "\n";
      continue;
    }
    out += key + " = " + value + "\n";
  }
  return out;
}

TEST(Rulings, AMalformedEntryIsRefusedWithFileAndLine) {
  ASSERT_TRUE(Rulings::Parse(Entry(), "r.toml")) << Rulings::Parse(Entry(), "r.toml").error();
  struct Bad {
    const char* key;
    const char* value;  // "" drops the field
    const char* says;
  };
  const Bad cases[] = {
      {"url", "", "r.toml:3: missing 'url'"},
      {"url", "\"http://example.org/x\"", "r.toml:11: X-1: 'url' must be an https address"},
      {"date", "", "r.toml:3: missing 'date'"},
      {"date", "\"29 March 2024\"", "r.toml:10: X-1: 'date' must be YYYY-MM-DD"},
      {"date", "\"2024-13-01\"", "r.toml:10: X-1: 'date' must be YYYY-MM-DD"},
      {"kind", "\"blog\"", "r.toml:6: X-1: 'kind' must be board or adviser"},
      {"verdict", "\"halal\"", "r.toml:9: X-1: 'verdict' must be compliant"},
      {"assets", "[]", "r.toml:8: X-1: 'assets' must list the assets it covers"},
      {"by", "\"\"", "r.toml:5: 'by' is empty"},
  };
  for (const Bad& c : cases) {
    SCOPED_TRACE(c.key);
    auto r = Rulings::Parse(Entry(c.key, c.value), "r.toml");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find(c.says), std::string::npos) << r.error().message();
  }
  auto twice =
      Rulings::Parse(Entry() + "\n" + Entry().substr(Entry().find("[[ruling]]")), "r.toml");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message().find("ruling 'X-1' is given twice"), std::string::npos);
  auto syntax = Rulings::Parse("version = 1\n[[ruling]\n", "r.toml");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message().find("r.toml:2:"), std::string::npos)
      << syntax.error().message();
}

TEST(Rulings, NoRuleMarkedAgreedContradictsAPublishedRuling) {
  auto rulings = Rulings::Shipped();
  ASSERT_TRUE(rulings) << rulings.error();
  Overrides none;
  int checked = 0;
  for (const char* name : {"default", "cautious", "strict"}) {
    Screener s(ShippedRulesetNamed(name), ShippedFactsTable(), ShippedDirectory(), none);
    for (const Ruling& r : rulings->all()) {
      for (const std::string& asset : r.assets) {
        if (ShippedFactsTable().Find(asset) == nullptr) continue;  // not screened
        ++checked;
        const Verdict v = s.ScreenAsset(asset);
        for (const FiredRule& f : v.fired) {
          EXPECT_FALSE(f.rule->status == Status::kAgreed && f.level != r.verdict)
              << name << ": " << f.rule->id << " is marked agreed and makes " << asset << " "
              << Name(f.level) << ", but " << r.by << " (" << r.date << ", " << r.url
              << ") ruled it " << Name(r.verdict);
        }
      }
    }
  }
  EXPECT_GE(checked, 9);  // WBETH, BNSOL and BNB under each of three rulesets
}

}  // namespace
}  // namespace amanah::screen::testing

namespace amanah::screen::testing {
namespace {

TEST(Rulings, AreShownBesideTheVerdictAndADisagreementMarksScholarsDiffer) {
  auto rulings = Rulings::Shipped();
  ASSERT_TRUE(rulings) << rulings.error();
  Overrides none;
  Screener s(ShippedRulesetNamed("default"), ShippedFactsTable(), ShippedDirectory(), none);
  s.set_rulings(&*rulings);
  // WBETH: doubtful under default; Amanie Advisors certified it (compliant): both shown.
  const Verdict wbeth = s.ScreenAsset("WBETH");
  EXPECT_EQ(wbeth.level, Level::kDoubtful);
  ASSERT_EQ(wbeth.rulings.size(), 1u);
  EXPECT_EQ(wbeth.rulings[0].by, "Amanie Advisors");
  EXPECT_TRUE(wbeth.scholars_differ);
  const boost::json::value json(wbeth.ToJson());
  boost::system::error_code ec;
  const boost::json::value* verdict = json.find_pointer("/rulings/0/verdict", ec);
  const boost::json::value* agrees = json.find_pointer("/rulings/0/agrees", ec);
  const boost::json::value* url = json.find_pointer("/rulings/0/url", ec);
  EXPECT_EQ(json.find_pointer("/rulings/1", ec), nullptr);  // one ruling only
  ASSERT_TRUE(verdict && agrees && url) << boost::json::serialize(json);
  EXPECT_EQ(*verdict, "compliant");
  EXPECT_EQ(*agrees, false);
  ASSERT_TRUE(url->is_string());
  EXPECT_TRUE(url->get_string().starts_with("https://"));
  // A pair shows its base's rulings.
  const Verdict pair = s.Screen("BNBUSDT");
  ASSERT_TRUE(pair.pair);
  ASSERT_EQ(pair.rulings.size(), 1u);
  EXPECT_EQ(pair.rulings[0].by, "Sharlife Shariah Committee");
  // An asset no one has ruled on shows none, and nothing changes.
  const Verdict btc = s.ScreenAsset("BTC");
  EXPECT_TRUE(btc.rulings.empty());
  EXPECT_EQ(btc.level, Level::kCompliant);
}

}  // namespace
}  // namespace amanah::screen::testing
