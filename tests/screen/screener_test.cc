// Verdicts over the shipped facts and rulesets: expected verdicts per ruleset, every rule fires
// somewhere and is silent somewhere, a verdict changes when and only when a fact or rule it
// depends on changes, overrides, leveraged-token detection, pairs split by the exchange's list.
#include <random>

#include <gtest/gtest.h>

#include "screen/leveraged_token.h"
#include "screen/screen_fixture.h"

namespace amanah::screen::testing {
namespace {

struct Expect {
  std::string subject;
  Level default_level, cautious_level, strict_level;
};

const Level C = Level::kCompliant, D = Level::kDoubtful, N = Level::kNonCompliant;

class ExpectedVerdicts : public ::testing::TestWithParam<Expect> {};

TEST_P(ExpectedVerdicts, UnderEachShippedRuleset) {
  const Expect& e = GetParam();
  Overrides none;
  Level want[3] = {e.default_level, e.cautious_level, e.strict_level};
  const char* names[3] = {"default", "cautious", "strict"};
  for (int i = 0; i < 3; ++i) {
    Screener s(ShippedRulesetNamed(names[i]), ShippedFactsTable(), ShippedDirectory(), none);
    Verdict v = s.Screen(e.subject);
    EXPECT_EQ(Name(v.level), Name(want[i])) << e.subject << " under " << names[i];
    EXPECT_EQ(v.ruleset_sha256, ShippedRulesetNamed(names[i]).sha256());
    EXPECT_EQ(v.facts_sha256, ShippedFactsTable().sha256());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shipped, ExpectedVerdicts,
    ::testing::Values(Expect{"BTC", C, C, C}, Expect{"ETH", C, C, C}, Expect{"AAVE", N, N, N},
                      Expect{"USDT", N, D, N},     // a holding: never under default
                      Expect{"BTCUSDT", C, D, N},  // USDT as quote: allowed under default only
                      Expect{"ETHBTC", C, C, C}, Expect{"DOGE", D, D, N}, Expect{"BTCUP", N, N, N},
                      Expect{"BTCUPUSDT", N, N, N}, Expect{"JUP", D, D, N},
                      Expect{"NOFACTS9", D, D, D}, Expect{"USDCUSDT", N, D, N},
                      Expect{"BTCUSDM", N, N, N}, Expect{"CAKE", N, N, N}, Expect{"WBETH", D, D, N},
                      Expect{"PAXG", D, D, D}, Expect{"KAVA", N, N, N}, Expect{"BNB", D, D, N},
                      Expect{"USTC", D, D, N}),  // GHR-3: a failed algorithmic stablecoin
    [](const auto& p) { return p.param.subject; });

// Subjects that exercise every rule: every asset with facts, every listed pair, one unknown asset.
std::vector<std::string> AllSubjects() {
  std::vector<std::string> out{"NOFACTS9"};
  for (const auto& [s, _] : ShippedFactsTable().rows()) out.push_back(s);
  for (const auto& [s, _] : ShippedDirectory().symbols()) out.push_back(s);
  return out;
}

class EveryRule : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryRule, FiresOnSomeSubjectAndIsSilentOnAnother) {
  const Ruleset& rs = ShippedRulesetNamed(GetParam());
  Overrides none;
  Screener s(rs, ShippedFactsTable(), ShippedDirectory(), none);
  std::map<std::string, std::pair<int, int>> seen;  // rule → (fired, silent)
  for (const auto& subject : AllSubjects()) {
    Verdict v = s.Screen(subject);
    std::set<std::string> fired;
    for (const auto& f : v.fired) fired.insert(f.rule->id);
    for (const Rule& r : rs.rules())
      (fired.contains(r.id) ? seen[r.id].first : seen[r.id].second)++;
  }
  for (auto orders : {Screener::OrderFacts{true, false}, Screener::OrderFacts{false, true},
                      Screener::OrderFacts{}}) {
    Verdict v = s.CheckOrder(orders);
    std::set<std::string> fired;
    for (const auto& f : v.fired) fired.insert(f.rule->id);
    for (const Rule& r : rs.rules()) {
      if (r.scope == Scope::kOrder) (fired.contains(r.id) ? seen[r.id].first : seen[r.id].second)++;
    }
  }
  // Facts v1 has no asset in a sector these rules cover; they are exercised on a synthetic asset
  // below, and the list is checked so it cannot grow silently.
  static const std::set<std::string> kNotInShippedFacts = {"PUR-1"};
  for (const auto& id : kNotInShippedFacts) {
    AssetFacts synthetic = *ShippedFactsTable().Find("BTC");
    synthetic.symbol = "SYNTH";
    synthetic.tags = {"nsfw"};
    FactsTable table = ShippedFactsTable().With(synthetic);
    Screener with(rs, table, ShippedDirectory(), none);
    Verdict v = with.Screen("SYNTH");
    EXPECT_TRUE(std::any_of(v.fired.begin(), v.fired.end(),
                            [&](const FiredRule& f) { return f.rule->id == id; }));
    EXPECT_EQ(seen[id].first, 0)
        << id << " now fires on shipped facts: remove it from kNotInShippedFacts";
    seen[id].first += 1;
  }
  for (const Rule& r : rs.rules()) {
    EXPECT_GT(seen[r.id].first, 0) << r.id << " never fires under " << rs.id();
    EXPECT_GT(seen[r.id].second, 0) << r.id << " always fires under " << rs.id();
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, EveryRule, ::testing::Values("default", "cautious", "strict"));

// Mutations of one fact field.
struct Mutation {
  std::string field;
  AssetFacts facts;
};

std::vector<Mutation> Mutations(const AssetFacts& a, std::mt19937& rng) {
  std::vector<Mutation> out;
  const auto& vocab = TagVocabulary();
  std::vector<std::string> tags(vocab.begin(), vocab.end());
  for (int i = 0; i < 3; ++i) {
    Mutation m{"tags", a};
    const std::string& tag = tags[rng() % tags.size()];
    if (tag == "stablecoin") continue;  // tied to backing; mutated with it below
    if (m.facts.tags.contains(tag)) {
      m.facts.tags.erase(tag);
    } else {
      m.facts.tags.insert(tag);
    }
    out.push_back(m);
  }
  for (auto n :
       {LegalNature::kNative, LegalNature::kRight, LegalNature::kClaim, LegalNature::kAllocated}) {
    if (n != a.legal_nature) out.push_back({"legal_nature", a}), out.back().facts.legal_nature = n;
  }
  for (auto y : {HolderYield::kNo, HolderYield::kStakingOptional, HolderYield::kYes}) {
    if (y != a.holder_yield) out.push_back({"holder_yield", a}), out.back().facts.holder_yield = y;
  }
  for (auto c : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (c != a.confidence) out.push_back({"confidence", a}), out.back().facts.confidence = c;
  }
  for (auto b : {Backing::kNone, Backing::kFiat, Backing::kCommodity}) {
    if (b == a.backing) continue;
    Mutation m{"backing", a};
    m.facts.backing = b;
    if (b == Backing::kNone)
      m.facts.tags.erase("stablecoin");
    else
      m.facts.tags.insert("stablecoin");
    out.push_back(m);
  }
  // Fields no rule reads.
  out.push_back({"description", a});
  out.back().facts.description += " (edited)";
  out.push_back({"issuer", a});
  out.back().facts.issuer = "someone else";
  return out;
}

class Dependencies : public ::testing::TestWithParam<std::string> {};

TEST_P(Dependencies, AVerdictChangesWhenAndOnlyWhenAFactItDependsOnChanges) {
  const Ruleset& rs = ShippedRulesetNamed(GetParam());
  std::mt19937 rng(7);
  Overrides none;
  Screener base(rs, ShippedFactsTable(), ShippedDirectory(), none);
  int changed = 0, unchanged = 0;
  for (const auto& [symbol, facts] : ShippedFactsTable().rows()) {
    Verdict before = base.ScreenAsset(symbol);
    for (const Mutation& m : Mutations(facts, rng)) {
      FactsTable table = ShippedFactsTable().With(m.facts);
      Screener after_screener(rs, table, ShippedDirectory(), none);
      Verdict after = after_screener.ScreenAsset(symbol);
      std::set<std::string> a = FiredIds(before), b = FiredIds(after);
      std::vector<std::string> diff;
      std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(),
                                    std::back_inserter(diff));
      // Only when: a verdict change comes with a change in which rules fired…
      if (before.level != after.level) {
        EXPECT_FALSE(diff.empty()) << symbol << " " << m.field;
      }
      // …and every rule that started or stopped firing reads the changed field.
      for (const auto& id_at : diff) {
        const Rule* rule = rs.FindRule(id_at.substr(0, id_at.find('@')));
        auto reads = rule->when.Reads();
        EXPECT_NE(std::find(reads.begin(), reads.end(), m.field), reads.end())
            << rule->id << " changed on " << symbol << " when only " << m.field << " changed";
      }
      (diff.empty() ? unchanged : changed)++;
      if (m.field == "description" || m.field == "issuer") {
        EXPECT_TRUE(diff.empty());
      }
    }
  }
  EXPECT_GT(changed, 100);  // the mutations do reach the rules
  EXPECT_GT(unchanged, 100);
}

TEST_P(Dependencies, AVerdictChangesWhenARuleItDependsOnChanges) {
  const Ruleset& rs = ShippedRulesetNamed(GetParam());
  Overrides none;
  Screener s(rs, ShippedFactsTable(), ShippedDirectory(), none);
  for (const Rule& rule : rs.rules()) {
    if (!rule.overridable || rule.verdict == Level::kCompliant) continue;
    std::string text =
        "[[override]]\nrule = \"" + rule.id +
        "\"\nenabled = false\nwho = \"t\"\nwhen = 2026-11-24\nwhy = \"t\"\nsource = \"t\"\n";
    Overrides off =
        Overrides::Parse(text, "o.toml", rs, ShippedFactsTable(), ShippedDirectory()).value();
    Screener changed(rs, ShippedFactsTable(), ShippedDirectory(), off);
    for (const auto& subject : AllSubjects()) {
      Verdict a = s.Screen(subject), b = changed.Screen(subject);
      bool depends = std::any_of(a.fired.begin(), a.fired.end(),
                                 [&](const FiredRule& f) { return f.rule->id == rule.id; });
      if (!depends) {
        EXPECT_EQ(FiredIds(a), FiredIds(b)) << subject << " does not depend on " << rule.id;
      }
      if (depends) {
        EXPECT_NE(FiredIds(a), FiredIds(b));
      }
      if (depends && a.level == rule.verdict &&
          std::count_if(a.fired.begin(), a.fired.end(),
                        [&](const FiredRule& f) { return f.level == a.level; }) == 1) {
        EXPECT_NE(a.level, b.level) << subject << " decided by " << rule.id;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, Dependencies, ::testing::Values("default", "cautious", "strict"));

TEST(Overrides, LooseningACharterRuleIsRefused) {
  const Ruleset& rs = ShippedRulesetNamed("default");
  std::string text =
      "[[override]]\nrule = \"EXE-2\"\nverdict = \"compliant\"\nwho = \"Board\"\nwhen = "
      "2026-11-24\nwhy = \"w\"\nsource = \"s\"\n";
  auto o = Overrides::Parse(text, "o.toml", rs, ShippedFactsTable(), ShippedDirectory());
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().message(),
            "o.toml:1: rule EXE-2 is charter and not overridable: an override may tighten it but "
            "not loosen it");
  std::string disable =
      "[[override]]\nrule = \"DATA-1\"\nenabled = false\nwho = \"B\"\nwhen = \"2026-11-24\"\nwhy = "
      "\"w\"\nsource = \"s\"\n";
  EXPECT_FALSE(Overrides::Parse(disable, "o.toml", rs, ShippedFactsTable(), ShippedDirectory()));
  std::string asset =
      "[[override]]\nasset = \"BTCUP\"\nverdict = \"compliant\"\nwho = \"B\"\nwhen = "
      "\"2026-11-24\"\nwhy = \"w\"\nsource = \"s\"\n";
  auto a = Overrides::Parse(asset, "o.toml", rs, ShippedFactsTable(), ShippedDirectory());
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message().find("EXE-2, which is not overridable"), std::string::npos)
      << a.error();
}

TEST(Overrides, TighteningAnythingAndLooseningWhatIsOverridableWorkWithTheirRecord) {
  const Ruleset& rs = ShippedRulesetNamed("default");
  std::string text =
      "[[override]]\nrule = \"MAY-2\"\nverdict = \"non-compliant\"\nwho = \"Board A\"\nwhen = "
      "2026-11-24\nwhy = \"meme coins fail mal\"\nsource = \"minutes 12\"\n"
      "[[override]]\nrule = \"EXE-2\"\nverdict = \"non-compliant\"\nwho = \"Board A\"\nwhen = "
      "2026-11-24\nwhy = \"restated\"\nsource = \"minutes 12\"\n"
      "[[override]]\nrule = \"PUR-1D\"\nenabled = false\nwho = \"Board A\"\nwhen = 2026-11-24\nwhy "
      "= \"spot DEX tokens reviewed\"\nsource = \"minutes 13\"\n";
  auto o = Overrides::Parse(text, "o.toml", rs, ShippedFactsTable(), ShippedDirectory());
  ASSERT_TRUE(o) << o.error();
  Screener s(rs, ShippedFactsTable(), ShippedDirectory(), *o);
  Verdict doge = s.Screen("DOGE");
  EXPECT_EQ(doge.level, Level::kNonCompliant);
  auto it = std::find_if(doge.fired.begin(), doge.fired.end(),
                         [](const FiredRule& f) { return f.rule->id == "MAY-2"; });
  ASSERT_NE(it, doge.fired.end());
  EXPECT_TRUE(it->overridden);
  EXPECT_EQ(it->override_note, "by Board A on 2026-11-24: meme coins fail mal (minutes 12)");
  EXPECT_FALSE(doge.overrides_sha256.empty());
  EXPECT_EQ(s.Screen("JUP").level, Level::kCompliant);  // PUR-1D disabled by the board
  std::string missing =
      "[[override]]\nrule = \"MAY-2\"\nverdict = \"non-compliant\"\nwho = \"B\"\n";
  EXPECT_EQ(Overrides::Parse(missing, "o.toml", rs, ShippedFactsTable(), ShippedDirectory())
                .error()
                .message(),
            "o.toml:1: an override records who, when, why and source");
}

TEST(LeveragedTokens, MetadataFirstThenFactsThenNamesWithAnAllowList) {
  const auto& dir = ShippedDirectory();
  const auto& facts = ShippedFactsTable();
  EXPECT_EQ(DetectLeveraged("BTCUP", facts.Find("BTCUP"), &dir),
            LeveragedEvidence::kExchangeMetadata);
  EXPECT_EQ(DetectLeveraged("BTCUP", facts.Find("BTCUP"), nullptr), LeveragedEvidence::kFactsTag);
  EXPECT_EQ(DetectLeveraged("ETH3L", nullptr, nullptr), LeveragedEvidence::kNamePattern);
  EXPECT_EQ(DetectLeveraged("EOSBEAR", nullptr, nullptr), LeveragedEvidence::kNamePattern);
  EXPECT_EQ(DetectLeveraged("JUP", facts.Find("JUP"), &dir),
            LeveragedEvidence::kNone);  // not caught by UP
  EXPECT_EQ(DetectLeveraged("1000SATS", facts.Find("1000SATS"), &dir), LeveragedEvidence::kNone);
  EXPECT_EQ(DetectLeveraged("BTC", facts.Find("BTC"), &dir), LeveragedEvidence::kNone);
  EXPECT_EQ(DetectLeveraged("UP", nullptr, nullptr),
            LeveragedEvidence::kNone);  // the suffix alone is a name
}

TEST(Pairs, AreSplitByTheExchangeListNeverByGuessing) {
  Overrides none;
  Screener s(ShippedRulesetNamed("default"), ShippedFactsTable(), ShippedDirectory(), none);
  Verdict v = s.Screen("ETHBTC");
  EXPECT_TRUE(v.pair);
  EXPECT_EQ(v.base, "ETH");
  EXPECT_EQ(v.quote, "BTC");
  Verdict unlisted = s.Screen("ETHDOGE");  // not listed: an unknown asset, not a guessed pair
  EXPECT_FALSE(unlisted.pair);
  EXPECT_EQ(unlisted.level, Level::kDoubtful);
  EXPECT_TRUE(unlisted.reasons.contains("DATA_MISSING"));
}

}  // namespace
}  // namespace amanah::screen::testing
