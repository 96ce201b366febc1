// Every failure that stops a connection is put in a class a person can act on, with its fix; the
// failures that are not a lost connection (an order refused, a local error) are not.
#include "exchange/lost_connection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace amanah::exchange {
namespace {

using ::testing::HasSubstr;

Diagnosis Of(Failure f, std::string explanation = "what the exchange said") {
  return Diagnosis{f, base::ErrorCode::kUnavailable, std::move(explanation), std::nullopt, 0};
}

TEST(LostConnection, EachFailureHasItsClassAndFix) {
  struct Case {
    Failure failure;
    std::string_view cause;
    std::string_view fix;
  };
  const Case cases[] = {
      {Failure::kKeyInvalid, "key_deleted", "revoke it"},
      {Failure::kSignatureRejected, "key_deleted", "connect a new key"},
      {Failure::kKeyOrIpRefused, "key_deleted_or_ip_changed", "whitelist again"},
      {Failure::kKeyRefused, "key_deleted_or_ip_changed", "whitelist again"},
      {Failure::kPermissionMissing, "permissions_changed", "reading and spot trading on"},
      {Failure::kIpNotWhitelisted, "ip_whitelist_changed", "egress IP"},
      {Failure::kMaintenance, "maintenance", "resumes by itself"},
      {Failure::kClockSkew, "clock_skew", "timedatectl"},
      {Failure::kRateLimited, "rate_limited", "waits until the limit resets"},
      {Failure::kBanned, "banned", "until the ban ends"},
      {Failure::kNetwork, "network", "firewall"},
      {Failure::kExchangeFault, "exchange_fault", "status page"},
  };
  for (const Case& c : cases) {
    auto lost = LostConnectionOf(Of(c.failure), "Binance");
    ASSERT_TRUE(lost) << FailureName(c.failure);
    EXPECT_EQ(LostCauseName(lost->cause), c.cause) << FailureName(c.failure);
    EXPECT_THAT(lost->fix, HasSubstr(c.fix)) << FailureName(c.failure);
    EXPECT_THAT(lost->title, HasSubstr("Binance"));
    EXPECT_EQ(lost->explanation, "what the exchange said");
  }
  Diagnosis banned = Of(Failure::kBanned);
  banned.retry_at_ms = 1764756000000;
  EXPECT_EQ(LostConnectionOf(banned, "Binance")->retry_at_ms, 1764756000000);
}

TEST(LostConnection, AnOrderRefusedOrALocalErrorIsNotALostConnection) {
  for (Failure f : {Failure::kNone, Failure::kOrderRejected, Failure::kOutcomeUnknown,
                    Failure::kNotFound, Failure::kBadRequest}) {
    EXPECT_FALSE(LostConnectionOf(Of(f), "Binance")) << FailureName(f);
  }
}

}  // namespace
}  // namespace amanah::exchange
