#include "base/decimal.h"

#include <gtest/gtest.h>

#include "testing/param_name.h"

namespace amanah::base {
namespace {

Decimal D(std::string_view s) {
  auto d = Decimal::Parse(s);
  EXPECT_TRUE(d) << s << ": " << (d ? "" : d.error().ToString());
  return d ? *d : Decimal();
}

// --- Parsing and formatting ---------------------------------------------------------------

struct RoundTrip {
  const char* text;
  const char* normalized;
  int scale;
};

class DecimalRoundTripTest : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(DecimalRoundTripTest, ParsesAndFormatsLosslessly) {
  const auto& c = GetParam();
  Decimal d = D(c.text);
  EXPECT_EQ(d.ToString(), c.text);
  EXPECT_EQ(d.ToNormalizedString(), c.normalized);
  EXPECT_EQ(d.scale(), c.scale);
}

INSTANTIATE_TEST_SUITE_P(
    ExchangeStrings, DecimalRoundTripTest,
    ::testing::Values(RoundTrip{"0.00100000", "0.001", 8}, RoundTrip{"30000.5", "30000.5", 1},
                      RoundTrip{"0", "0", 0}, RoundTrip{"0.00000000", "0", 8},
                      RoundTrip{"-12.340", "-12.34", 3}, RoundTrip{"52000.00", "52000", 2},
                      RoundTrip{"0.000000000000000001", "0.000000000000000001", 18},
                      // 18 significant digits, the most a quantity string carries in practice.
                      RoundTrip{"123456789.123456789", "123456789.123456789", 9},
                      RoundTrip{"999999999999999999", "999999999999999999", 0},
                      // the largest magnitude: 38 nines
                      RoundTrip{"99999999999999999999.999999999999999999",
                                "99999999999999999999.999999999999999999", 18},
                      RoundTrip{"-99999999999999999999999999999999999999",
                                "-99999999999999999999999999999999999999", 0}));

TEST(DecimalParseTest, LeadingZerosAndNegativeZero) {
  EXPECT_EQ(D("000123.4").ToString(), "123.4");
  EXPECT_EQ(D("-0").ToString(), "0");
  EXPECT_EQ(D("-0.000").ToString(), "0.000");
  EXPECT_FALSE(D("-0.000").IsNegative());
}

TEST(DecimalParseTest, TrailingZerosPast18PlacesAreDroppedLosslessly) {
  Decimal d = D("1.50000000000000000000000");
  EXPECT_EQ(d.scale(), 18);
  EXPECT_EQ(d, D("1.5"));
}

struct Malformed {
  const char* text;
  ErrorCode code;
  const char* message_part;
};

class DecimalMalformedTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(DecimalMalformedTest, IsRefusedWithAClearError) {
  const auto& c = GetParam();
  auto d = Decimal::Parse(c.text);
  ASSERT_FALSE(d) << c.text;
  EXPECT_EQ(d.error().code(), c.code);
  EXPECT_NE(d.error().message().find(c.message_part), std::string::npos) << d.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Strings, DecimalMalformedTest,
    ::testing::Values(
        Malformed{"", ErrorCode::kInvalidArgument, "empty"},
        Malformed{"-", ErrorCode::kInvalidArgument, "position 1: expected a digit"},
        Malformed{".5", ErrorCode::kInvalidArgument, "position 0: expected a digit"},
        Malformed{"5.", ErrorCode::kInvalidArgument, "after the decimal point"},
        Malformed{"+5", ErrorCode::kInvalidArgument, "position 0"},
        Malformed{"1.2.3", ErrorCode::kInvalidArgument, "position 3: unexpected character"},
        Malformed{" 1", ErrorCode::kInvalidArgument, "position 0"},
        Malformed{"1 ", ErrorCode::kInvalidArgument, "position 1"},
        Malformed{"1,000", ErrorCode::kInvalidArgument, "position 1"},
        Malformed{"1e-8", ErrorCode::kInvalidArgument, "exponent"},
        Malformed{"NaN", ErrorCode::kInvalidArgument, "position 0"},
        Malformed{"0x10", ErrorCode::kInvalidArgument, "position 1"},
        Malformed{"0.0000000000000000001", ErrorCode::kOutOfRange, "more than 18 decimal places"},
        Malformed{"100000000000000000000000000000000000000", ErrorCode::kOutOfRange,
                  "more than 38 significant digits"},
        Malformed{"12345678901234567890123.123456789012345678", ErrorCode::kOutOfRange,
                  "more than 38"}));

TEST(DecimalParseTest, RefusesOverlongInput) {
  std::string s(200, '1');
  auto d = Decimal::Parse(s);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message().find("longer than 128"), std::string::npos);
}

// --- Comparison ----------------------------------------------------------------------------

TEST(DecimalCompareTest, ByValueAcrossScales) {
  EXPECT_EQ(D("1.0"), D("1.00000"));
  EXPECT_LT(D("0.00100000"), D("0.0011"));
  EXPECT_LT(D("-2"), D("-1.999999999999999999"));
  EXPECT_GT(D("99999999999999999999.999999999999999999"), D("99999999999999999999"));
  EXPECT_LT(D("-99999999999999999999999999999999999999"), D("0.000000000000000001"));
}

// --- Arithmetic ----------------------------------------------------------------------------

TEST(DecimalArithmeticTest, AddAndSubtractAreExact) {
  EXPECT_EQ(D("0.1").Add(D("0.2"))->ToString(), "0.3");
  EXPECT_EQ(D("30000.5").Sub(D("0.00100000"))->ToString(), "30000.49900000");
  EXPECT_EQ(D("-5").Add(D("5.00"))->ToString(), "0.00");
  EXPECT_EQ(D("-1.5").Sub(D("2.25"))->ToString(), "-3.75");
}

TEST(DecimalArithmeticTest, AddOverflowIsAnError) {
  auto r = D("99999999999999999999999999999999999999").Add(D("1"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
  // Aligning scales can overflow even when both operands fit.
  auto s = D("99999999999999999999999999999999999999").Add(D("0.1"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kOutOfRange);
}

TEST(DecimalArithmeticTest, MultiplyIsExactUpTo18Places) {
  EXPECT_EQ(D("0.00100000").Mul(D("30000.5"), Rounding::kDown)->ToString(), "30.000500000");
  EXPECT_EQ(D("-1.5").Mul(D("2"), Rounding::kDown)->ToString(), "-3.0");
}

TEST(DecimalArithmeticTest, MultiplyPast18PlacesRoundsAsAsked) {
  // 0.123456789012345678 × 0.5 = 0.061728394506172839 (exactly ...8390 at 19 places)
  EXPECT_EQ(D("0.123456789012345678").Mul(D("0.5"), Rounding::kDown)->ToString(),
            "0.061728394506172839");
  // 0.000000000000000001 × 0.5 = 5e-19: a tie at 18 places.
  EXPECT_EQ(D("0.000000000000000001").Mul(D("0.5"), Rounding::kHalfEven)->ToString(),
            "0.000000000000000000");
  EXPECT_EQ(D("0.000000000000000001").Mul(D("0.5"), Rounding::kHalfUp)->ToString(),
            "0.000000000000000001");
  EXPECT_EQ(D("-0.000000000000000001").Mul(D("0.5"), Rounding::kFloor)->ToString(),
            "-0.000000000000000001");
}

TEST(DecimalArithmeticTest, WideIntermediateProductsDoNotOverflow) {
  // Mantissas of 23 and 23 digits: the product needs 46 digits before rounding to 18 places.
  auto r = D("12345.123456789012345678").Mul(D("12345.123456789012345678"), Rounding::kHalfEven);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ToString(), "152402073.163362293568028657");
}

TEST(DecimalArithmeticTest, MultiplyOverflowIsAnError) {
  auto r = D("10000000000000000000").Mul(D("10000000000000000000"), Rounding::kDown);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
}

TEST(DecimalArithmeticTest, DivideAtAScaleWithRounding) {
  EXPECT_EQ(D("1").Div(D("3"), 8, Rounding::kDown)->ToString(), "0.33333333");
  EXPECT_EQ(D("2").Div(D("3"), 8, Rounding::kHalfUp)->ToString(), "0.66666667");
  EXPECT_EQ(D("-2").Div(D("3"), 8, Rounding::kFloor)->ToString(), "-0.66666667");
  EXPECT_EQ(D("100").Div(D("30000.5"), 18, Rounding::kDown)->ToString(), "0.003333277778703688");
  EXPECT_EQ(D("0.000000000000000001").Div(D("99999999999999999999"), 18, Rounding::kUp)->ToString(),
            "0.000000000000000001");
}

TEST(DecimalArithmeticTest, DivideByZeroAndBadScaleAreErrors) {
  auto r = D("1").Div(D("0.000"), 2, Rounding::kDown);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "division by zero");
  EXPECT_FALSE(D("1").Div(D("3"), 19, Rounding::kDown));
  EXPECT_FALSE(D("1").Div(D("3"), -1, Rounding::kDown));
}

TEST(DecimalArithmeticTest, DivideOverflowIsAnError) {
  auto r = D("999999999999999999999").Div(D("0.000000000000000001"), 0, Rounding::kDown);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
  // One digit fewer still fits: 38 nines and a zero would not, 20 nines then 18 zeros does.
  EXPECT_EQ(
      D("99999999999999999999").Div(D("0.000000000000000001"), 0, Rounding::kDown)->ToString(),
      "99999999999999999999000000000000000000");
  r = D("99999999999999999999").Div(D("0.000000000000000001"), 1, Rounding::kDown);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
}

// --- Every rounding mode (the classic table for rounding to an integer) -----------------------

struct ModeCase {
  Rounding mode;
  const char* name;
  const char* expected[10];
};
constexpr const char* kInputs[10] = {"5.5",  "2.5",  "1.6",  "1.1",  "1.0",
                                     "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"};

class DecimalRoundingModeTest : public ::testing::TestWithParam<ModeCase> {};

TEST_P(DecimalRoundingModeTest, RescaleToIntegerMatchesTheTable) {
  const auto& c = GetParam();
  for (int i = 0; i < 10; ++i) {
    auto r = D(kInputs[i]).Rescale(0, c.mode);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->ToString(), c.expected[i]) << c.name << " of " << kInputs[i];
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, DecimalRoundingModeTest,
    ::testing::Values(
        ModeCase{Rounding::kUp, "Up", {"6", "3", "2", "2", "1", "-1", "-2", "-2", "-3", "-6"}},
        ModeCase{Rounding::kDown, "Down", {"5", "2", "1", "1", "1", "-1", "-1", "-1", "-2", "-5"}},
        ModeCase{
            Rounding::kCeiling, "Ceiling", {"6", "3", "2", "2", "1", "-1", "-1", "-1", "-2", "-5"}},
        ModeCase{
            Rounding::kFloor, "Floor", {"5", "2", "1", "1", "1", "-1", "-2", "-2", "-3", "-6"}},
        ModeCase{
            Rounding::kHalfUp, "HalfUp", {"6", "3", "2", "1", "1", "-1", "-1", "-2", "-3", "-6"}},
        ModeCase{Rounding::kHalfDown,
                 "HalfDown",
                 {"5", "2", "2", "1", "1", "-1", "-1", "-2", "-2", "-5"}},
        ModeCase{Rounding::kHalfEven,
                 "HalfEven",
                 {"6", "2", "2", "1", "1", "-1", "-1", "-2", "-2", "-6"}}),
    amanah::testing::ParamName());

TEST(DecimalRescaleTest, WideningIsExactAndOverflowIsAnError) {
  EXPECT_EQ(D("1.5").Rescale(8, Rounding::kDown)->ToString(), "1.50000000");
  EXPECT_FALSE(D("99999999999999999999999").Rescale(18, Rounding::kDown));
}

// --- Steps (tick and lot sizes) --------------------------------------------------------------

TEST(DecimalStepTest, QuantityRoundsDownToTheLot) {
  EXPECT_EQ(D("1.23456").RoundToStep(D("0.00100000"), Rounding::kDown)->ToString(), "1.23400000");
  EXPECT_EQ(D("0.0009").RoundToStep(D("0.001"), Rounding::kDown)->ToString(), "0.000");
  EXPECT_EQ(D("30000.57").RoundToStep(D("0.5"), Rounding::kHalfUp)->ToString(), "30000.5");
  EXPECT_EQ(D("30000.75").RoundToStep(D("0.5"), Rounding::kHalfUp)->ToString(), "30001.0");
  EXPECT_EQ(D("-7").RoundToStep(D("5"), Rounding::kFloor)->ToString(), "-10");
}

TEST(DecimalStepTest, NonPositiveStepIsAnError) {
  EXPECT_FALSE(D("1").RoundToStep(D("0"), Rounding::kDown));
  EXPECT_FALSE(D("1").RoundToStep(D("-0.1"), Rounding::kDown));
}

TEST(DecimalStepTest, IsMultipleOf) {
  EXPECT_TRUE(D("1.234").IsMultipleOf(D("0.001")));
  EXPECT_FALSE(D("1.2345").IsMultipleOf(D("0.001")));
  EXPECT_TRUE(D("0").IsMultipleOf(D("0.01")));
  EXPECT_FALSE(D("1").IsMultipleOf(D("0")));
}

TEST(DecimalUnitsTest, FromUnitsChecksRangeAndScale) {
  EXPECT_EQ(Decimal::FromUnits(12345, 2)->ToString(), "123.45");
  EXPECT_FALSE(Decimal::FromUnits(1, 19));
  EXPECT_EQ(Decimal::FromInt(-42).ToString(), "-42");
}

}  // namespace
}  // namespace amanah::base
