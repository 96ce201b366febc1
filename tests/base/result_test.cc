#include "base/result.h"

#include <gtest/gtest.h>

namespace amanah::base {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Fail(ErrorCode::kInvalidArgument, std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  AMANAH_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Result<void> CheckEven(int x) {
  AMANAH_TRY(Half(x));
  return {};
}

TEST(ResultTest, CarriesValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(2));
  EXPECT_FALSE(CheckEven(3));
}

TEST(ErrorTest, KeepsTheExchangeCodeAndText) {
  Error e(ErrorCode::kPermissionDenied, "key cannot trade",
          ExchangeError{"-2015", "Invalid API-key, IP, or permissions for action."});
  EXPECT_EQ(e.ToString(),
            "permission_denied: key cannot trade [exchange -2015: Invalid API-key, IP, or "
            "permissions for action.]");
  Error c = e.WithContext("placing order");
  EXPECT_EQ(c.message(), "placing order: key cannot trade");
  EXPECT_EQ(c.exchange(), e.exchange());
}

TEST(ErrorTest, EveryCodeHasAStableName) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kOutcomeUnknown), "outcome_unknown");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kRateLimited), "rate_limited");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kFailedPrecondition), "failed_precondition");
}

TEST(ResultDeathTest, ValueOfAnErrorIsABug) { EXPECT_DEATH((void)Half(3).value(), "3 is odd"); }

TEST(CheckDeathTest, FailedCheckAbortsWithItsReason) {
  EXPECT_DEATH(AMANAH_CHECK(1 + 1 == 3, "arithmetic broke"), "arithmetic broke");
}

}  // namespace
}  // namespace amanah::base
