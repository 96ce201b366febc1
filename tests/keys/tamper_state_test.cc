// Someone who can write the database but does not hold the master key edits a connection's
// state directly — each security-relevant field, for a connection of each status. Every edit is
// caught by the state MAC before any request leaves: the paper exchange receives nothing, an
// endpoint moved to another host receives nothing (no API key, no signature), and the error says
// what happened.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "keys/state_verify.h"
#include "keys_fixture.h"

namespace amanah::keys {
namespace {

using ::testing::HasSubstr;

struct Edit {
  std::string name;
  std::string sql;  ///< SET clause
  std::string tenant = "default";
  std::string label = "main";
};

enum class Status { kActive, kSuspended, kRevoked };

class TamperState : public KeysFixture,
                    public ::testing::WithParamInterface<std::tuple<Edit, Status>> {};

TEST_P(TamperState, IsCaughtBeforeAnyRequestLeaves) {
  const auto& [edit, status] = GetParam();
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  if (status == Status::kSuspended) {
    SetPermission("good", &paper::Permissions::futures, true);
    ASSERT_TRUE(Audit("main").suspended);
    SetPermission("good", &paper::Permissions::futures, false);
  } else if (status == Status::kRevoked) {
    ASSERT_TRUE(keys().Disconnect(Tenant(), "main"));
  }
  // Another host that would gladly take the key and the signatures.
  testing::PaperServer spy(kKeysScenario);
  ASSERT_TRUE(env_.store().Write([](store::UnitOfWork& u) {
    return u.tenants().Create({store::TenantId("other"), "other", {}});
  }));
  std::string sql = edit.sql;
  for (size_t at = sql.find("SPY"); at != std::string::npos; at = sql.find("SPY")) {
    sql.replace(at, 3, spy.url());
  }
  testing::RunSql(env_.db_path(), "UPDATE connections SET " + sql);
  const int before = paper_.requests();

  AuditOutcome audit = Run(keys().Audit(store::TenantId(edit.tenant), edit.label));
  EXPECT_EQ(audit.kind, AuditOutcome::Kind::kFailed);
  ASSERT_TRUE(audit.failure);
  EXPECT_EQ(audit.failure->code, base::ErrorCode::kDataLoss) << audit.failure->explanation;
  EXPECT_THAT(audit.failure->explanation, ::testing::AnyOf(HasSubstr("failed its integrity check"),
                                                           HasSubstr("has no state MAC")));
  auto balances = Run(keys().Balances(store::TenantId(edit.tenant), edit.label));
  ASSERT_FALSE(balances);
  EXPECT_EQ(balances.error().code(), base::ErrorCode::kDataLoss);
  auto standing = keys().StandingOf(store::TenantId(edit.tenant), edit.label);
  ASSERT_TRUE(standing);
  EXPECT_FALSE(standing->may_trade);
  auto list = keys().List(store::TenantId(edit.tenant));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_FALSE(list->front().integrity_problem.empty());

  EXPECT_EQ(paper_.requests(), before) << "a request left for a tampered connection";
  EXPECT_EQ(spy.requests(), 0) << "the moved endpoint received a request";
  // And the state check names it too.
  auto state = VerifyStoredState(env_.store(), &env_.vault().state_mac());
  ASSERT_TRUE(state);
  EXPECT_FALSE(state->ok);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFieldEveryStatus, TamperState,
    ::testing::Combine(
        ::testing::Values(
            Edit{"Tenant", "tenant_id = 'other'", "other"}, Edit{"Exchange", "exchange = 'bybit'"},
            Edit{"Label", "label = 'renamed'", "default", "renamed"},
            Edit{"ApiKeyId", "api_key_id = 'X' || substr(api_key_id, 2)"},
            Edit{"KeyType", "key_type = 'ed25519'"},
            Edit{"Status", "status = CASE status WHEN 'active' THEN 'suspended' ELSE 'active' END"},
            Edit{"AccountPinDropped", "account_id = NULL"},
            Edit{"AccountPinChanged", "account_id = '999'"}, Edit{"Endpoint", "endpoint = 'SPY'"},
            Edit{"AuditTime", "audited_at_ms = audited_at_ms + 86400000"},
            Edit{"KeyCreationTime", "key_created_at_ms = key_created_at_ms + 86400000"},
            Edit{"MacRemoved", "state_mac = NULL"}),
        ::testing::Values(Status::kActive, Status::kSuspended, Status::kRevoked)),
    [](const auto& p) {
      const Status s = std::get<1>(p.param);
      return std::get<0>(p.param).name + (s == Status::kActive      ? "_Active"
                                          : s == Status::kSuspended ? "_Suspended"
                                                                    : "_Revoked");
    });

TEST_F(KeysFixture, ARowRolledBackToAnOlderAuthenticCopyIsCaughtAgainstTheJournal) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  // Keep the active row (a backup), get suspended, then put the old row back.
  auto backup = Row("main");
  SetPermission("good", &paper::Permissions::withdraw, true);
  ASSERT_TRUE(Audit("main").suspended);
  testing::RunSql(env_.db_path(), "UPDATE connections SET status = 'active', audited_at_ms = " +
                                      std::to_string(base::UnixMillis(*backup.audited_at)) +
                                      ", state_mac = x'" + crypto::HexEncode(backup.state_mac) +
                                      "'");
  // The row is authentic on its own (its MAC is the old one's) ...
  EXPECT_TRUE(env_.vault().VerifyState(Row("main")));
  // ... but not what the journal says it became.
  auto state = VerifyStoredState(env_.store(), &env_.vault().state_mac());
  ASSERT_TRUE(state);
  EXPECT_FALSE(state->ok);
  ASSERT_EQ(state->problems.size(), 1u);
  EXPECT_THAT(state->problems[0], HasSubstr("is active but its last journal record"));
  EXPECT_THAT(state->problems[0], HasSubstr("says suspended"));
}

}  // namespace
}  // namespace amanah::keys
