// The key service end to end against the paper exchange: typed outcomes for connect (accepted,
// refused, failed with a classified diagnosis), audits that suspend and reactivate with their
// records committed together, a disconnected key connected again, a suspension that cannot be
// stored, and what may trade.
#include "keys/key_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keys/state_verify.h"
#include "keys_fixture.h"

namespace amanah::keys {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(KeysFixture, ACompliantKeyIsAcceptedWithItsVerdictAndBalances) {
  ConnectOutcome r = Connect("main", "good");
  ASSERT_EQ(r.kind, ConnectOutcome::Kind::kAccepted) << (r.failure ? r.failure->explanation : "");
  EXPECT_EQ(r.exchange_name, "Binance");
  EXPECT_TRUE(r.verdict.compliant);
  ASSERT_TRUE(r.connection);
  EXPECT_EQ(r.connection->status, store::ConnectionStatus::kActive);
  EXPECT_TRUE(r.connection->integrity_problem.empty());
  EXPECT_EQ(r.connection->endpoint, paper_.url());
  EXPECT_TRUE(r.connection->key_created_at.has_value());
  ASSERT_EQ(r.balances.size(), 2u);
  EXPECT_FALSE(r.balances_failure);
  EXPECT_THAT(Kinds(), ElementsAre("key.connected"));
  auto standing = keys().StandingOf(Tenant(), "main");
  ASSERT_TRUE(standing);
  EXPECT_TRUE(standing->may_trade) << standing->reason;
}

TEST_F(KeysFixture, RefusedKeysAreJournaledAndNotStored) {
  ConnectOutcome r = Connect("risky", "withdraw");
  EXPECT_EQ(r.kind, ConnectOutcome::Kind::kRefused);
  EXPECT_FALSE(r.connection);
  EXPECT_NE(audit::FindFinding(r.verdict, "WITHDRAWALS_ENABLED"), nullptr);
  ConnectOutcome debt = Connect("debtor", "debt");
  EXPECT_EQ(debt.kind, ConnectOutcome::Kind::kRefused);
  EXPECT_NE(audit::FindFinding(debt.verdict, "MARGIN_DEBT"), nullptr);
  EXPECT_TRUE(keys().List(Tenant())->empty());
  EXPECT_THAT(Kinds(), ElementsAre("key.refused", "key.refused"));
}

TEST_F(KeysFixture, FailuresAreClassified) {
  // Maintenance, then a key whose reading permission is off, then a malformed key.
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  ConnectOutcome maintenance = Connect("main", "good");
  ASSERT_EQ(maintenance.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_EQ(maintenance.failure->failure, exchange::Failure::kMaintenance);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(false);
  }
  SetPermission("good", &paper::Permissions::read, false);
  ConnectOutcome no_read = Connect("main", "good");
  ASSERT_EQ(no_read.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_EQ(no_read.failure->failure, exchange::Failure::kPermissionMissing);
  EXPECT_THAT(no_read.failure->explanation, HasSubstr("'Enable Reading'"));
  KeyInput bad = Input("main", "good");
  bad.key.api_key = "short";
  ConnectOutcome shape = Run(keys().Connect(Tenant(), std::move(bad)));
  ASSERT_EQ(shape.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_EQ(shape.failure->failure, exchange::Failure::kNone);
  EXPECT_THAT(shape.failure->explanation, HasSubstr("64 letters and digits"));
  KeyInput label = Input("\x1b[31mred\x1b[0m", "good");
  ConnectOutcome escaped = Run(keys().Connect(Tenant(), std::move(label)));
  ASSERT_EQ(escaped.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_THAT(escaped.failure->explanation, HasSubstr("\\x1b[31mred"));
  EXPECT_TRUE(keys().List(Tenant())->empty());
}

TEST_F(KeysFixture, AnAuditSuspendsAndReactivatesWithItsRecordsInOneCommit) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  SetPermission("good", &paper::Permissions::futures, true);
  AuditOutcome failed = Audit("main");
  EXPECT_EQ(failed.kind, AuditOutcome::Kind::kNonCompliant);
  EXPECT_TRUE(failed.suspended);
  EXPECT_EQ(failed.connection.status, store::ConnectionStatus::kSuspended);
  EXPECT_FALSE(keys().StandingOf(Tenant(), "main")->may_trade);
  SetPermission("good", &paper::Permissions::futures, false);
  AuditOutcome passed = Audit("main");
  EXPECT_EQ(passed.kind, AuditOutcome::Kind::kCompliant);
  EXPECT_TRUE(passed.reactivated);
  EXPECT_EQ(Row("main").status, store::ConnectionStatus::kActive);
  EXPECT_THAT(Kinds(), ElementsAre("key.connected", "key.audited", "key.suspended", "key.audited",
                                   "key.reactivated"));
  auto state = VerifyStoredState(env_.store(), &env_.vault().state_mac());
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->ok) << (state->problems.empty() ? "" : state->problems[0]);
}

TEST_F(KeysFixture, ADeletedKeyIsSuspendedWithTheReason) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().DeleteKey(paper_.key("good").api_key);
  }
  AuditOutcome a = Audit("main");
  EXPECT_EQ(a.kind, AuditOutcome::Kind::kNonCompliant);
  EXPECT_TRUE(a.suspended);
  ASSERT_TRUE(a.failure);
  EXPECT_EQ(a.failure->failure, exchange::Failure::kKeyOrIpRefused);
  EXPECT_EQ(Row("main").status, store::ConnectionStatus::kSuspended);
  EXPECT_THAT(Kinds(),
              ElementsAre("key.connected", "key.audited", "key.suspended", "connection.lost"));
  EXPECT_EQ(keys().Find(Tenant(), "main")->health->cause, "key_deleted_or_ip_changed");
}

TEST_F(KeysFixture, ADisconnectedKeyCanBeConnectedAgainUnderItsLabel) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  auto gone = keys().Disconnect(Tenant(), "main");
  ASSERT_TRUE(gone) << gone.error();
  EXPECT_EQ(gone->connection.status, store::ConnectionStatus::kRevoked);
  ConnectOutcome again = Connect("main", "good");
  ASSERT_EQ(again.kind, ConnectOutcome::Kind::kAccepted)
      << (again.failure ? again.failure->explanation : "");
  auto list = *keys().List(Tenant());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_THAT(Kinds(), ElementsAre("key.connected", "key.disconnected", "key.connected"));
  // Every record describes a change that happened, and every change has its record.
  auto state = VerifyStoredState(env_.store(), &env_.vault().state_mac());
  EXPECT_TRUE(state->ok);
  EXPECT_EQ(state->connections, 2u);
}

TEST_F(KeysFixture, TheSameLiveKeyOrLabelIsRefused) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  ConnectOutcome same_key = Connect("other", "good");
  ASSERT_EQ(same_key.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_THAT(same_key.failure->explanation, HasSubstr("already connected as main"));
  ConnectOutcome same_label = Connect("main", "good2");
  ASSERT_EQ(same_label.kind, ConnectOutcome::Kind::kFailed);
  EXPECT_THAT(same_label.failure->explanation, HasSubstr("already labelled main"));
}

TEST_F(KeysFixture, AKeyThatNowActsForAnotherAccountIsRefusedByItsPin) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  {
    auto lock = paper_.exchange().Lock();
    auto* key = paper_.exchange().FindKey(paper_.key("good").api_key);
    key->account = paper_.exchange().FindAccountByName("omar")->uid;
  }
  AuditOutcome a = Audit("main");
  EXPECT_EQ(a.kind, AuditOutcome::Kind::kNonCompliant);
  EXPECT_NE(audit::FindFinding(a.verdict, "ACCOUNT_CHANGED"), nullptr);
}

TEST_F(KeysFixture, ASuspensionThatCannotBeStoredFailsLoudlyAndBlocksTrading) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  SetPermission("good", &paper::Permissions::withdraw, true);
  // The store refuses every change of the connection (a write fault), as a failing disk would.
  testing::RunSql(env_.db_path(),
                  "CREATE TRIGGER jam BEFORE UPDATE ON connections BEGIN SELECT RAISE(ABORT, "
                  "'disk write failed'); END");
  AuditOutcome a = Audit("main");
  EXPECT_EQ(a.kind, AuditOutcome::Kind::kFailed);
  ASSERT_TRUE(a.failure);
  EXPECT_THAT(a.failure->explanation, HasSubstr("must be suspended, but the suspension could not "
                                                "be stored"));
  EXPECT_THAT(a.failure->explanation, HasSubstr("blocked from trading"));
  // The row still says active — the write failed — but the connection cannot trade.
  EXPECT_EQ(Row("main").status, store::ConnectionStatus::kActive);
  auto standing = keys().StandingOf(Tenant(), "main");
  ASSERT_TRUE(standing);
  EXPECT_FALSE(standing->may_trade);
  EXPECT_THAT(standing->reason, HasSubstr("blocked"));
  // And nothing was journaled for a change that did not happen.
  EXPECT_THAT(Kinds(), ElementsAre("key.connected"));
  // Once the store works and an audit passes, it may trade again.
  testing::RunSql(env_.db_path(), "DROP TRIGGER jam");
  SetPermission("good", &paper::Permissions::withdraw, false);
  EXPECT_EQ(Audit("main").kind, AuditOutcome::Kind::kCompliant);
  EXPECT_TRUE(keys().StandingOf(Tenant(), "main")->may_trade);
}

TEST_F(KeysFixture, AStaleAuditMustBeRepeatedBeforeTrading) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  env_.clock().Advance(std::chrono::hours(25));
  auto standing = keys().StandingOf(Tenant(), "main");
  EXPECT_FALSE(standing->may_trade);
  EXPECT_TRUE(standing->audit_due);
  EXPECT_EQ(Audit("main").kind, AuditOutcome::Kind::kCompliant);
  EXPECT_TRUE(keys().StandingOf(Tenant(), "main")->may_trade);
}

}  // namespace
}  // namespace amanah::keys
