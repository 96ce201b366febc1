#include "base/json_reader.h"

#include <gtest/gtest.h>

namespace amanah::base {
namespace {

JsonDocument Doc(std::string_view text) {
  auto d = JsonDocument::Parse(text, {"Test GET /x", ErrorCode::kDataLoss});
  EXPECT_TRUE(d) << d.error();
  return std::move(*d);
}

TEST(JsonReaderTest, ReadsTypedMembersAndNamesTheirPath) {
  JsonDocument d =
      Doc(R"({"a": "x", "n": 7, "b": true, "p": "0.10", "list": [{"v": "1"}, {"v": 2}]})");
  JsonView root = d.Root();
  EXPECT_EQ(*root.String("a"), "x");
  EXPECT_EQ(*root.Int("n"), 7);
  EXPECT_TRUE(*root.Bool("b"));
  EXPECT_EQ(root.DecimalString("p")->ToString(), "0.10");
  auto list = *root.Array("list");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(*list[0].String("v"), "1");
  auto bad = list[1].String("v");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kDataLoss);
  EXPECT_EQ(bad.error().message(), "Test GET /x: list[1].v is an integer, expected a string");
}

TEST(JsonReaderTest, AMissingMemberIsAnErrorNamingIt) {
  JsonDocument d = Doc(R"({"outer": {"inner": 1}})");
  auto r = (*d.Root().Field("outer")).Int("absent");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "Test GET /x: outer.absent is missing");
}

TEST(JsonReaderTest, OptionalMembersMayBeAbsentOrNullButNotMistyped) {
  JsonDocument d = Doc(R"({"n": null, "s": 5})");
  EXPECT_FALSE(*d.Root().OptionalString("absent"));
  EXPECT_FALSE(*d.Root().OptionalString("n"));
  auto typed = d.Root().OptionalString("s");
  ASSERT_FALSE(typed);
  EXPECT_EQ(typed.error().message(), "Test GET /x: s is an integer, expected a string");
}

TEST(JsonReaderTest, ReadingAMemberOfANonObjectIsAnError) {
  JsonDocument d = Doc(R"([1, 2])");
  auto r = d.Root().String("a");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "Test GET /x: the document is an array, expected an object");
}

TEST(JsonReaderTest, IntegersOutOfRangeAndFractionsAreRefused) {
  JsonDocument d = Doc(R"({"big": 18446744073709551615, "frac": 1.5, "huge": 1e400})");
  EXPECT_NE(d.Root().Int("big").error().message().find("beyond 64-bit range"), std::string::npos);
  EXPECT_NE(d.Root().Int("frac").error().message().find("fractional"), std::string::npos);
}

TEST(JsonReaderTest, DecimalsMustBeDecimalStrings) {
  JsonDocument d = Doc(R"({"ok": "12.5", "num": 12.5, "word": "abc"})");
  EXPECT_TRUE(d.Root().DecimalString("ok"));
  EXPECT_FALSE(d.Root().DecimalString("num"));
  EXPECT_NE(d.Root().DecimalString("word").error().message().find("not a decimal"),
            std::string::npos);
}

TEST(JsonReaderTest, IdsAreTextWhetherSentAsStringsOrIntegers) {
  JsonDocument d = Doc(R"({"a": 354937868, "b": "xyz", "c": false})");
  EXPECT_EQ(*d.Root().Field("a")->AsIdText(), "354937868");
  EXPECT_EQ(*d.Root().Field("b")->AsIdText(), "xyz");
  EXPECT_FALSE(d.Root().Field("c")->AsIdText());
}

TEST(JsonReaderTest, SyntaxErrorsAndDeepNestingAreErrorsNotExceptions) {
  auto bad = JsonDocument::Parse("{\"a\": ", {"Body", ErrorCode::kInvalidArgument});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message().find("Body: the body is not valid JSON"), std::string::npos);
  EXPECT_FALSE(JsonDocument::Parse(std::string(100, '[') + std::string(100, ']'), {"Deep"}));
}

}  // namespace
}  // namespace amanah::base
