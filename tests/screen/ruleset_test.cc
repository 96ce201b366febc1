#include "screen/ruleset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "screen/shipped_data.h"

namespace amanah::screen {
namespace {

TEST(Ruleset, EachShippedRulesetLoadsAndStatesEveryPosition) {
  for (auto name : ShippedRulesetNames()) {
    auto rs = Ruleset::Parse(*ShippedRuleset(name), std::string(name) + ".toml");
    ASSERT_TRUE(rs) << rs.error();
    EXPECT_EQ(rs->id(), name);
    for (const auto& q : DisputedQuestions())
      EXPECT_TRUE(rs->positions().contains(q)) << name << " " << q;
    for (const Rule& rule : rs->rules()) {
      EXPECT_FALSE(rule.citations.empty()) << rule.id;
      for (const auto& c : rule.citations) {
        EXPECT_FALSE(c.ref.empty());
        EXPECT_FALSE(c.title.empty()) << rule.id << " cites " << c.ref << " without its title";
      }
      if (rule.status == Status::kCharter) {
        EXPECT_FALSE(rule.overridable) << rule.id;
      }
    }
    // The charter: spot only, no leveraged tokens, no borrowing, sell only what is held.
    for (auto id : {"EXE-1", "EXE-2", "EXE-3", "EXE-4", "DATA-1"}) {
      ASSERT_NE(rs->FindRule(id), nullptr) << name << " " << id;
      EXPECT_EQ(rs->FindRule(id)->status, Status::kCharter);
    }
  }
}

TEST(Ruleset, TheThreeDifferOnStablecoins) {
  auto position = [](std::string_view name) {
    return Ruleset::Parse(*ShippedRuleset(name), "x").value().positions().at("Q-3").position;
  };
  EXPECT_NE(position("default"), position("cautious"));
  EXPECT_NE(position("cautious"), position("strict"));
  EXPECT_NE(position("default").find("quote"), std::string::npos);
}

std::string Minimal(std::string rules) {
  std::string positions;
  for (const auto& q : DisputedQuestions())
    positions += "[positions." + q + "]\nquestion = \"q\"\nposition = \"p\"\n";
  return "[ruleset]\nid = \"t\"\nname = \"t\"\nversion = \"1\"\nauthority = \"a\"\n" + positions +
         rules;
}

const std::string kData =
    "[[rules]]\nid = \"DATA-1\"\ndimension = \"data\"\nscope = \"any\"\nwhen = { facts_missing = "
    "true }\n"
    "verdict = \"doubtful\"\nreason = \"DATA_MISSING\"\nstatus = \"charter\"\noverridable = false\n"
    "summary = \"s\"\nrationale = \"r\"\ncitations = [{ ref = \"AAOIFI SS 1\", title = \"Trading "
    "in Currencies\" }]\n";

struct BadRuleset {
  std::string name;
  std::string text;
  std::string error;
};

class RulesetErrors : public ::testing::TestWithParam<BadRuleset> {};

TEST_P(RulesetErrors, RefusedWithFileAndLine) {
  auto rs = Ruleset::Parse(GetParam().text, "r.toml");
  ASSERT_FALSE(rs);
  EXPECT_THAT(rs.error().message(), ::testing::StartsWith(GetParam().error));
}

std::string Line(const std::string& text, std::string_view needle) {
  size_t at = text.find(needle);
  return std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::vector<BadRuleset> Cases() {
  std::vector<BadRuleset> out;
  std::string charter =
      Minimal(kData +
              "[[rules]]\nid = \"EXE-2\"\ndimension = \"execution\"\nscope = \"any\"\n"
              "when = { leveraged = true }\nverdict = \"non-compliant\"\nstatus = \"charter\"\n"
              "overridable = true\nsummary = \"s\"\nrationale = \"r\"\n"
              "citations = [{ ref = \"SS 20\", title = \"t\" }]\n");
  out.push_back({"CharterOverridable", charter,
                 "r.toml:" + Line(charter, "overridable = true") +
                     ": EXE-2: a charter rule cannot be overridable"});
  std::string unknown = Minimal(
      kData +
      "[[rules]]\nid = \"X\"\ndimension = \"riba\"\nscope = \"any\"\nwhen = { colour = \"red\" }\n"
      "verdict = \"doubtful\"\nreason = \"R\"\nstatus = \"agreed\"\noverridable = true\n"
      "summary = \"s\"\nrationale = \"r\"\ncitations = [{ ref = \"SS 21\", title = \"t\" }]\n");
  out.push_back({"UnknownCondition", unknown,
                 "r.toml:" + Line(unknown, "when = { colour") + ": unknown condition 'colour'"});
  std::string syntax = Minimal("[[rules]\n");
  out.push_back({"TomlSyntax", syntax, "r.toml:" + Line(syntax, "[[rules]") + ": "});
  std::string no_position =
      "[ruleset]\nid = \"t\"\nname = \"t\"\nversion = \"1\"\nauthority = "
      "\"a\"\n[positions.Q-1]\nquestion = \"q\"\nposition = \"p\"\n" +
      kData;
  out.push_back({"MissingPosition", no_position, "r.toml:6: no position on Q-2 (METHODOLOGY §6)"});
  std::string no_close = Minimal(
      "[[rules]]\nid = \"EXE-2\"\ndimension = \"execution\"\nscope = \"any\"\n"
      "when = { leveraged = true }\nverdict = \"non-compliant\"\nstatus = \"charter\"\n"
      "overridable = false\nsummary = \"s\"\nrationale = \"r\"\ncitations = [{ ref = \"SS 20\", "
      "title = \"t\" }]\n");
  out.push_back({"DoesNotFailClosed", no_close,
                 "r.toml:1: a ruleset must fail closed: a non-overridable rule with when = "
                 "{facts_missing = true} and a "
                 "doubtful or non-compliant verdict"});
  std::string no_title = Minimal(
      kData +
      "[[rules]]\nid = \"X\"\ndimension = \"riba\"\nscope = \"any\"\nwhen = { tags_any = "
      "[\"lending\"] }\n"
      "verdict = \"non-compliant\"\nstatus = \"agreed\"\noverridable = true\nsummary = \"s\"\n"
      "rationale = \"r\"\ncitations = [{ ref = \"SS 21\" }]\n");
  out.push_back(
      {"CitationWithoutTitle", no_title,
       "r.toml:" + Line(no_title, "citations = [{ ref = \"SS 21\" }]") + ": missing 'title'"});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Files, RulesetErrors, ::testing::ValuesIn(Cases()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace amanah::screen
