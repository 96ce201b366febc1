// Per ruleset and question: a ruleset's stated position is what its verdicts do. For every
// question whose position states a verdict (positions.Q-n.verdict), each rule naming the question
// (as a holding) gives that verdict; the question's rule fires on some asset; the stated verdict
// is the screen's verdict on at least one of those assets; and where an asset it covers ends
// worse, only a charter rule or one the position names in `yields_to` (a reason of its own: a
// liquid-staking protocol that also lends, RIBA-2) made it so — any other rule overrides the
// stated position, the defect that made RIBA-3 (holding yield, agreed) turn liquid-staking tokens
// non-compliant while `default` says they are doubtful.
#include <gtest/gtest.h>

#include <algorithm>

#include "screen/screen_fixture.h"

namespace amanah::screen::testing {
namespace {

class Positions : public ::testing::TestWithParam<std::string> {};

TEST_P(Positions, EachStatedVerdictIsWhatTheScreenDoes) {
  const Ruleset& rs = ShippedRulesetNamed(GetParam());
  Overrides none;
  Screener s(rs, ShippedFactsTable(), ShippedDirectory(), none);
  const std::vector<Verdict> all = s.ScreenAll();
  int stated = 0;
  for (const auto& [q, pos] : rs.positions()) {
    if (!pos.verdict) continue;
    ++stated;
    SCOPED_TRACE(GetParam() + " " + q);
    int naming = 0;
    for (const Rule& rule : rs.rules()) {
      if (rule.question != q || rule.scope == Scope::kQuote || rule.scope == Scope::kPair) continue;
      ++naming;
      EXPECT_EQ(Name(rule.verdict), Name(*pos.verdict))
          << rule.id << " names " << q << " but does not give its stated verdict";
    }
    EXPECT_GT(naming, 0) << q << " states a verdict no rule gives";
    // The assets the question covers, and what decided each.
    std::vector<const Verdict*> covered;
    for (const Verdict& v : all) {
      for (const FiredRule& f : v.fired) {
        if (f.rule->question == q && f.role == "holding" && f.asset == v.subject) {
          covered.push_back(&v);
          break;
        }
      }
    }
    ASSERT_FALSE(covered.empty()) << q << "'s rule fires on no asset";
    int followed = 0;
    for (const Verdict* v : covered) {
      if (v->level == *pos.verdict) ++followed;
      for (const FiredRule& f : v->fired) {
        if (static_cast<int>(f.level) <= static_cast<int>(*pos.verdict)) continue;
        if (f.rule->question == q || f.rule->status == Status::kCharter) continue;
        const bool yields = std::find(pos.yields_to.begin(), pos.yields_to.end(), f.rule->id) !=
                            pos.yields_to.end();
        EXPECT_TRUE(yields) << f.rule->id << " makes " << v->subject << " " << Name(f.level)
                            << ", overriding " << q << "'s stated position (" << Name(*pos.verdict)
                            << ")";
      }
    }
    EXPECT_GT(followed, 0) << "the stated verdict (" << Name(*pos.verdict)
                           << ") is the screen's verdict on none of the " << covered.size()
                           << " assets the question covers";
    for (const std::string& id : pos.yields_to) {
      EXPECT_TRUE(std::any_of(rs.rules().begin(), rs.rules().end(),
                              [&](const Rule& r) { return r.id == id; }))
          << q << " yields to an unknown rule " << id;
    }
  }
  EXPECT_GE(stated, 5);
}

INSTANTIATE_TEST_SUITE_P(Shipped, Positions, ::testing::Values("default", "cautious", "strict"));

TEST(Positions, AnUnknownVerdictWordIsRefusedWithFileAndLine) {
  std::string text(*ShippedRuleset("default"));
  const size_t at = text.find("verdict = \"doubtful\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "verdict = \"halal\"");
  auto parsed = Ruleset::Parse(text, "bad.toml");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message().find("bad.toml:"), std::string::npos);
  EXPECT_NE(parsed.error().message().find("'verdict' must be compliant, doubtful or non-compliant"),
            std::string::npos)
      << parsed.error().message();
}

}  // namespace
}  // namespace amanah::screen::testing
