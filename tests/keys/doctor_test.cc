// `amanah doctor` and the health the daemon records, against the paper exchange: each way a
// connection is lost is found at its step, classified with its fix, recorded with a
// connection.lost record when it changes (and connection.restored when it works again), and shown
// on the connection.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keys/keys_fixture.h"

namespace amanah::keys {
namespace {

using ::testing::HasSubstr;

class DoctorTest : public KeysFixture {
 protected:
  void SetUp() override {
    ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  }
  DoctorOutcome Doctor() { return Run(keys().Doctor(Tenant(), "main")); }
  size_t Count(std::string_view kind) {
    auto kinds = Kinds();
    return static_cast<size_t>(std::count(kinds.begin(), kinds.end(), kind));
  }
  std::string Cause(const DoctorOutcome& d) {
    return d.lost ? std::string(exchange::LostCauseName(d.lost->cause)) : "(none)";
  }
  std::optional<store::ConnectionHealth> Health() {
    auto found = keys().Find(Tenant(), "main");
    EXPECT_TRUE(found);
    return found ? found->health : std::nullopt;
  }
};

TEST_F(DoctorTest, AHealthyConnectionPassesEveryStepAndRecordsNothingToTell) {
  DoctorOutcome d = Doctor();
  ASSERT_EQ(d.kind, DoctorOutcome::Kind::kHealthy)
      << (d.steps.empty() ? "" : d.steps.back().detail);
  std::vector<std::string> names;
  for (const auto& s : d.steps) {
    EXPECT_TRUE(s.ok) << s.name << ": " << s.detail;
    names.push_back(s.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"clock", "status", "key", "permissions", "audit"}));
  EXPECT_FALSE(d.lost);
  ASSERT_TRUE(Health());
  EXPECT_EQ(Health()->state, "ok");
  EXPECT_EQ(Count("connection.lost"), 0u);
  EXPECT_EQ(Count("connection.restored"), 0u);
}

TEST_F(DoctorTest, MaintenanceIsFoundRecordedOnceAndItsEndToo) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  DoctorOutcome d = Doctor();
  EXPECT_EQ(d.kind, DoctorOutcome::Kind::kProblem);
  ASSERT_FALSE(d.steps.empty());
  EXPECT_EQ(d.steps.back().name, "status");
  EXPECT_FALSE(d.steps.back().ok);
  EXPECT_EQ(Cause(d), "maintenance");
  EXPECT_THAT(d.lost->fix, HasSubstr("resumes by itself"));
  ASSERT_TRUE(Health());
  EXPECT_EQ(Health()->state, "lost");
  EXPECT_EQ(Health()->cause, "maintenance");
  Doctor();  // the same again: nothing new to tell
  EXPECT_EQ(Count("connection.lost"), 1u);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(false);
  }
  EXPECT_EQ(Doctor().kind, DoctorOutcome::Kind::kHealthy);
  EXPECT_EQ(Count("connection.restored"), 1u);
  EXPECT_EQ(Health()->state, "ok");
}

TEST_F(DoctorTest, APermissionTurnedOffIsTold) {
  SetPermission("good", &paper::Permissions::read, false);
  DoctorOutcome d = Doctor();
  EXPECT_EQ(d.kind, DoctorOutcome::Kind::kProblem);
  EXPECT_EQ(d.steps.back().name, "key");
  EXPECT_EQ(Cause(d), "permissions_changed");
  EXPECT_THAT(d.lost->fix, HasSubstr("reading and spot trading on"));
}

TEST_F(DoctorTest, ADeletedKeyOrAChangedWhitelistIsTold) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("good").api_key)->ip_whitelist = {"10.1.2.3"};
  }
  DoctorOutcome d = Doctor();
  // Binance answers both with -2015: the cause names both, and the fix covers both.
  EXPECT_EQ(Cause(d), "key_deleted_or_ip_changed");
  EXPECT_THAT(d.lost->fix, HasSubstr("whitelist"));
  {
    auto lock = paper_.exchange().Lock();
    ASSERT_TRUE(paper_.exchange().DeleteKey(paper_.key("good").api_key));
  }
  // The daemon's audit finds it too, suspends the key, and the health says why.
  AuditOutcome audited = Audit("main");
  EXPECT_EQ(audited.kind, AuditOutcome::Kind::kNonCompliant);
  ASSERT_TRUE(Health());
  EXPECT_EQ(Health()->state, "lost");
  EXPECT_EQ(Health()->cause, "key_deleted_or_ip_changed");
  EXPECT_EQ(Count("connection.lost"), 1u);  // the same cause as the doctor's: told once
}

TEST_F(DoctorTest, RateLimitingIsTold) {
  {
    auto lock = paper_.exchange().Lock();
    paper::binance::Limits limits;
    limits.weight_per_minute = 1;
    paper_.venue().SetLimits(limits);
  }
  DoctorOutcome d = Doctor();
  EXPECT_EQ(d.kind, DoctorOutcome::Kind::kProblem);
  EXPECT_THAT(Cause(d), ::testing::AnyOf("rate_limited", "banned"));
}

TEST_F(DoctorTest, AnUnknownLabelIsAFailureNotAProblem) {
  DoctorOutcome d = Run(keys().Doctor(Tenant(), "nosuch"));
  EXPECT_EQ(d.kind, DoctorOutcome::Kind::kFailed);
  ASSERT_TRUE(d.failure);
  EXPECT_THAT(d.failure->explanation, HasSubstr("nosuch"));
}

}  // namespace
}  // namespace amanah::keys
