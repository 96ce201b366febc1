// Rotation end to end against the paper exchange: a key of the same account replaces the old one
// with its records, the old key is probed until the exchange no longer accepts it, a key of
// another account or one that fails the audit is refused and the old key keeps working, a row
// read before the switch opens the new key, a switch waits for the request in flight, and the
// 80- and 90-day reminders are raised once per key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "keys/state_verify.h"
#include "keys_fixture.h"

namespace amanah::keys {
namespace {

namespace net = boost::asio;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class RotationTest : public KeysFixture {
 protected:
  exchange::KeyMaterial Key(const std::string& name) {
    const auto& k = paper_.key(name);
    return exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                                 std::nullopt};
  }
  RotateOutcome Rotate(const std::string& label, const std::string& key) {
    return Run(keys().Rotate(Tenant(), label, Key(key)));
  }
  void DeleteAtExchange(const std::string& key) {
    auto lock = paper_.exchange().Lock();
    ASSERT_TRUE(paper_.exchange().DeleteKey(paper_.key(key).api_key));
  }
  std::vector<store::RetiredKey> Retired() {
    return *env_.store().Read(
        [&](store::UnitOfWork& u) { return u.connections().RetiredKeys(std::nullopt); });
  }
  std::vector<store::Alert> OpenAlerts() {
    return *env_.store().Read(
        [&](store::UnitOfWork& u) { return u.alerts().List(Tenant(), false); });
  }
  static std::vector<std::string> KindsOf(const std::vector<store::Alert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts) out.push_back(a.kind);
    return out;
  }
  bool BalancesWork(const std::string& label) {
    auto b = Run(keys().Balances(Tenant(), label));
    return b.has_value();
  }
};

TEST_F(RotationTest, AKeyOfTheSameAccountReplacesTheOldOneAndTheOldIsProbedUntilDeleted) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  const store::Connection before = Row("main");
  RotateOutcome r = Rotate("main", "good2");
  ASSERT_EQ(r.kind, RotateOutcome::Kind::kRotated) << (r.failure ? r.failure->explanation : "");
  EXPECT_EQ(r.old_api_key, paper_.key("good").api_key);
  EXPECT_FALSE(r.old_key_gone);
  EXPECT_THAT(r.old_key_probe, HasSubstr("still accepts the old key"));
  const store::Connection after = Row("main");
  EXPECT_EQ(after.id, before.id);  // plans, orders and pairs stay with the connection
  EXPECT_EQ(after.api_key_id, paper_.key("good2").api_key);
  EXPECT_EQ(after.status, store::ConnectionStatus::kActive);
  EXPECT_NE(after.wrapped_dek, before.wrapped_dek);
  ASSERT_EQ(Retired().size(), 1u);
  EXPECT_EQ(Retired()[0].api_key_id, paper_.key("good").api_key);
  EXPECT_THAT(KindsOf(OpenAlerts()), Contains("key.old_key_pending"));

  // Nothing is signed with the old key any more: with it deleted, the connection still works.
  DeleteAtExchange("good");
  EXPECT_TRUE(BalancesWork("main"));
  auto probes = Run(keys().ProbeOldKeys());
  ASSERT_TRUE(probes) << probes.error();
  ASSERT_EQ(probes->size(), 1u);
  EXPECT_TRUE((*probes)[0].gone) << (*probes)[0].note;
  EXPECT_TRUE(Retired().empty());  // the old sealed secret is shredded
  EXPECT_THAT(KindsOf(OpenAlerts()), Not(Contains("key.old_key_pending")));
  EXPECT_THAT(Kinds(), ElementsAre("key.connected", "key.rotation_started", "key.rotated",
                                   "key.old_key_probed", "key.old_key_gone"));
  auto state = VerifyStoredState(env_.store(), &env_.vault().state_mac());
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->ok) << (state->problems.empty() ? "" : state->problems[0]);
}

TEST_F(RotationTest, AMasterKeyRotationRewrapsTheRetiredKeyToo) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  ASSERT_EQ(Rotate("main", "good2").kind, RotateOutcome::Kind::kRotated);
  const uint32_t before = Retired()[0].kek_version;
  auto rotated = env_.vault().RotateMasterKey();
  ASSERT_TRUE(rotated) << rotated.error();
  EXPECT_EQ(Retired()[0].kek_version, rotated->new_version);
  EXPECT_NE(Retired()[0].kek_version, before);
  // Old versions retired: the old key still opens, under the new version, to be probed.
  auto min_version = env_.vault().SetMinDecryptionVersion(rotated->new_version, false);
  ASSERT_TRUE(min_version) << min_version.error();
  auto probes = Run(keys().ProbeOldKeys());
  ASSERT_TRUE(probes) << probes.error();
  ASSERT_EQ(probes->size(), 1u);
  EXPECT_THAT((*probes)[0].note, HasSubstr("still accepts the old key"));
}

TEST_F(RotationTest, AKeyOfAnotherAccountIsRefusedAndTheOldKeepsWorking) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  const store::Connection before = Row("main");
  RotateOutcome r = Rotate("main", "other-account");
  ASSERT_EQ(r.kind, RotateOutcome::Kind::kRefused);
  bool mismatch = false;
  for (const auto& f : r.verdict.findings) mismatch = mismatch || f.code == "ACCOUNT_MISMATCH";
  EXPECT_TRUE(mismatch);
  EXPECT_EQ(Row("main").api_key_id, before.api_key_id);
  EXPECT_EQ(Row("main").state_mac, before.state_mac);
  EXPECT_TRUE(Retired().empty());
  EXPECT_TRUE(BalancesWork("main"));
  EXPECT_THAT(Kinds(), ElementsAre("key.connected", "key.rotation_refused"));
}

TEST_F(RotationTest, AKeyThatFailsTheAuditIsRefusedAndTheOldKeepsWorking) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  RotateOutcome r = Rotate("main", "withdraw");  // same account, withdrawals on
  ASSERT_EQ(r.kind, RotateOutcome::Kind::kRefused);
  EXPECT_FALSE(r.verdict.compliant);
  EXPECT_EQ(Row("main").api_key_id, paper_.key("good").api_key);
  EXPECT_TRUE(BalancesWork("main"));
  // The same key, or one connected elsewhere, is refused before anything is sent.
  RotateOutcome same = Rotate("main", "good");
  EXPECT_EQ(same.kind, RotateOutcome::Kind::kFailed);
  ASSERT_EQ(Connect("second", "good2").kind, ConnectOutcome::Kind::kAccepted);
  RotateOutcome taken = Rotate("main", "good2");
  ASSERT_EQ(taken.kind, RotateOutcome::Kind::kFailed);
  EXPECT_THAT(taken.failure->explanation, HasSubstr("already connected"));
}

TEST_F(RotationTest, ARowReadBeforeTheSwitchOpensTheNewKey) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  const store::Connection stale = Row("main");
  ASSERT_EQ(Rotate("main", "good2").kind, RotateOutcome::Kind::kRotated);
  DeleteAtExchange("good");
  auto adapter = keys().OpenAdapter(stale);
  ASSERT_TRUE(adapter) << adapter.error();
  auto balances = Run((*adapter)->Balances());
  EXPECT_TRUE(balances) << balances.error();
}

TEST_F(RotationTest, TheSwitchWaitsForTheRequestInFlight) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  auto held = keys().OpenAdapter(Row("main"));
  ASSERT_TRUE(held);
  std::shared_ptr<exchange::SpotExchange> in_flight = std::move(*held);
  bool released = false;
  // The request in flight ends 200 ms after the rotation starts waiting for it.
  net::co_spawn(
      env_.env().io(),
      [&]() -> net::awaitable<void> {
        net::steady_timer t(co_await net::this_coro::executor, std::chrono::milliseconds(200));
        co_await t.async_wait(net::use_awaitable);
        auto b = co_await in_flight->Balances();  // still the old key: it is not switched yet
        EXPECT_TRUE(b);
        released = true;
        in_flight.reset();
      },
      net::detached);
  RotateOutcome r = Rotate("main", "good2");
  EXPECT_TRUE(released);
  EXPECT_EQ(r.kind, RotateOutcome::Kind::kRotated) << (r.failure ? r.failure->explanation : "");
}

TEST_F(RotationTest, RemindersAt80And90DaysAreRaisedOncePerKeyAndRotationClosesThem) {
  ASSERT_EQ(Connect("main", "good").kind, ConnectOutcome::Kind::kAccepted);
  auto view = (*keys().List(Tenant()))[0];
  EXPECT_EQ(view.rotation.state, RotationStanding::State::kCurrent);
  EXPECT_EQ(*keys().RaiseRotationAlerts(), 0);
  const auto to = [&](std::chrono::days days) {
    env_.clock().Advance(std::chrono::duration_cast<std::chrono::milliseconds>(
        view.rotation.counted_from + days - env_.clock().Now()));
  };
  to(std::chrono::days(81));
  EXPECT_EQ((*keys().List(Tenant()))[0].rotation.state, RotationStanding::State::kReminder);
  EXPECT_EQ(*keys().RaiseRotationAlerts(), 1);
  EXPECT_EQ(*keys().RaiseRotationAlerts(), 0);  // once
  EXPECT_THAT(KindsOf(OpenAlerts()), ElementsAre("key.rotation_reminder"));
  to(std::chrono::days(91));
  EXPECT_EQ(*keys().RaiseRotationAlerts(), 1);
  EXPECT_THAT(KindsOf(OpenAlerts()), Contains("key.rotation_due"));
  {  // the replacement was created today
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("good2").api_key)->create_time =
        base::UnixMillis(env_.clock().Now());
  }
  RotateOutcome r = Rotate("main", "good2");
  ASSERT_EQ(r.kind, RotateOutcome::Kind::kRotated) << (r.failure ? r.failure->explanation : "");
  EXPECT_THAT(KindsOf(OpenAlerts()), ElementsAre("key.old_key_pending"));
  EXPECT_EQ((*keys().List(Tenant()))[0].rotation.state, RotationStanding::State::kCurrent);
  EXPECT_EQ(*keys().RaiseRotationAlerts(), 0);
}

}  // namespace
}  // namespace amanah::keys
