// The store contract: what every Store backend must do, as typed tests. A backend passes by
// instantiating the suite with a factory type that has
//   static std::unique_ptr<store::Store> Make(const std::string& directory);
// (see sqlite_store_test.cc). The PostgreSQL backend must pass it unchanged.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace amanah::store {

inline Connection ContractConnection(const std::string& id, const std::string& label,
                                     const std::string& key, const std::string& tenant = "t1") {
  Connection c;
  c.id = ConnectionId(id);
  c.tenant = TenantId(tenant);
  c.exchange = "binance";
  c.label = label;
  c.api_key_id = key;
  c.key_fingerprint = "fp-" + key;
  c.key_type = "hmac";
  c.created_at = base::SystemTime(std::chrono::milliseconds(testing::FakeClock::kStartMillis));
  c.state_mac = {0xaa, 0xbb};
  c.kek_version = 1;
  c.wrapped_dek = {2, 0, 0, 0, 1, 9, 9, 9};
  c.sealed = {{"secret", {1, 2, 3}}, {"passphrase", {4, 5}}};
  return c;
}

inline User ContractUser(const std::string& id, const std::string& tenant, const std::string& name,
                         UserRole role, base::SystemTime at = {}) {
  User u;
  u.id = UserId(id);
  u.tenant = TenantId(tenant);
  u.name = name;
  u.role = role;
  u.created_at = at;
  return u;
}

template <class Factory>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Factory::Make(dir_.path());
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(Write([&](UnitOfWork& u) -> base::Result<void> {
      AMANAH_TRY(u.tenants().Create({TenantId("t1"), "default", clock_.Now()}));
      AMANAH_TRY(u.tenants().Create({TenantId("t2"), "other", clock_.Now()}));
      return u.keyring().InitVault({"file", "", 1, 1, clock_.Now()}, {1, {7}, clock_.Now(), 0});
    }));
  }
  template <class F>
  auto Write(F&& f) {
    return store_->Write(std::forward<F>(f));
  }
  template <class F>
  auto Read(F&& f) {
    return store_->Read(std::forward<F>(f));
  }
  base::Result<void> Insert(const Connection& c) {
    return Write([&](UnitOfWork& u) { return u.connections().Insert(c); });
  }
  std::optional<Connection> Get(const std::string& id) {
    return *Read([&](UnitOfWork& u) { return u.connections().Get(ConnectionId(id)); });
  }
  JournalRow Row(const std::string& tenant, uint64_t seq) {
    return JournalRow{tenant,
                      seq,
                      1000 + static_cast<int64_t>(seq),
                      "k",
                      "{}",
                      Blob(32, static_cast<uint8_t>(seq - 1)),
                      Blob(32, static_cast<uint8_t>(seq))};
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE_P(StoreContract);

TYPED_TEST_P(StoreContract, ConnectionRoundTripsWithItsStateAndSealedFields) {
  Connection c = ContractConnection("c1", "main", "KEY1");
  c.account_id = "123456";
  c.endpoint = "http://127.0.0.1:9";
  c.audited_at = c.created_at + std::chrono::seconds(5);
  c.key_created_at = c.created_at - std::chrono::hours(24);
  ASSERT_TRUE(this->Insert(c));
  auto got = this->Get("c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->label, "main");
  EXPECT_EQ(got->account_id, "123456");
  EXPECT_EQ(got->endpoint, "http://127.0.0.1:9");
  EXPECT_EQ(got->audited_at, c.audited_at);
  EXPECT_EQ(got->key_created_at, c.key_created_at);
  EXPECT_EQ(got->state_mac, c.state_mac);
  EXPECT_EQ(got->wrapped_dek, c.wrapped_dek);
  ASSERT_EQ(got->sealed.size(), 2u);
  EXPECT_EQ(got->sealed[0], (SealedField{"passphrase", {4, 5}}));  // ordered by field
  EXPECT_EQ(got->created_at, c.created_at);
  auto by_label = *this->Read(
      [](UnitOfWork& u) { return u.connections().FindByLabel(TenantId("t1"), "main"); });
  ASSERT_TRUE(by_label);
  EXPECT_EQ(by_label->id, c.id);
  EXPECT_FALSE(*this->Read(
      [](UnitOfWork& u) { return u.connections().FindByLabel(TenantId("t2"), "main"); }));
}

TYPED_TEST_P(StoreContract, ALiveLabelIsUniquePerTenantAndNothingIsWritten) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  auto r = this->Insert(ContractConnection("c2", "main", "KEY2"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kAlreadyExists);
  EXPECT_EQ(r.error().message(), "a connection labelled \"main\" already exists");
  EXPECT_FALSE(this->Get("c2"));
  EXPECT_TRUE(this->Insert(ContractConnection("c3", "main", "KEY3", "t2")));  // another tenant
}

TYPED_TEST_P(StoreContract, ALiveKeyBelongsToOneConnection) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  auto r = this->Insert(ContractConnection("c2", "other", "KEY1", "t2"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kAlreadyExists);
  EXPECT_NE(r.error().message().find("already connected"), std::string::npos);
}

TYPED_TEST_P(StoreContract, ARevokedConnectionFreesItsLabelAndItsKey) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  ASSERT_TRUE(this->Write(
      [](UnitOfWork& u) { return u.connections().Shred(ConnectionId("c1"), Blob{1}); }));
  ASSERT_TRUE(this->Insert(ContractConnection("c2", "main", "KEY1")));
  auto found = *this->Read(
      [](UnitOfWork& u) { return u.connections().FindByLabel(TenantId("t1"), "main"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id.value(), "c2");  // the live one
  auto all = *this->Read([](UnitOfWork& u) { return u.connections().List(TenantId("t1")); });
  EXPECT_EQ(all.size(), 2u);
}

TYPED_TEST_P(StoreContract, ShredRemovesDataKeyAndSealedFieldsTogether) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  ASSERT_TRUE(this->Write([](UnitOfWork& u) {
    return u.connections().Shred(ConnectionId("c1"), Blob{9, 9});
  }));
  auto got = this->Get("c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, ConnectionStatus::kRevoked);
  EXPECT_EQ(got->state_mac, (Blob{9, 9}));
  EXPECT_TRUE(got->wrapped_dek.empty());
  EXPECT_TRUE(got->sealed.empty());
  auto missing = this->Write(
      [](UnitOfWork& u) { return u.connections().Shred(ConnectionId("nope"), Blob{}); });
  EXPECT_EQ(missing.error().code(), base::ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreContract, UpdateStateWritesTheStateButNotTheCredential) {
  Connection c = ContractConnection("c1", "main", "KEY1");
  ASSERT_TRUE(this->Insert(c));
  c.status = ConnectionStatus::kSuspended;
  c.audited_at = c.created_at + std::chrono::hours(1);
  c.state_mac = {7};
  c.wrapped_dek = {0};  // ignored
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.connections().UpdateState(c); }));
  auto got = this->Get("c1");
  EXPECT_EQ(got->status, ConnectionStatus::kSuspended);
  EXPECT_EQ(got->audited_at, c.audited_at);
  EXPECT_EQ(got->state_mac, (Blob{7}));
  EXPECT_EQ(got->wrapped_dek, ContractConnection("c1", "main", "KEY1").wrapped_dek);
  Connection ghost = ContractConnection("ghost", "g", "G");
  EXPECT_EQ(
      this->Write([&](UnitOfWork& u) { return u.connections().UpdateState(ghost); }).error().code(),
      base::ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreContract, AUnitOfWorkRollsBackUnlessCommitted) {
  {
    auto unit = this->store_->Begin(Access::kWrite);
    ASSERT_TRUE(unit);
    ASSERT_TRUE((*unit)->tenants().Create({TenantId("t3"), "three", {}}));
    ASSERT_TRUE((*unit)->connections().Insert(ContractConnection("c1", "main", "KEY1", "t3")));
    ASSERT_TRUE((*unit)->journal().Append({this->Row("t3", 1)}));
  }  // dropped: rolled back
  EXPECT_FALSE(this->Get("c1"));
  EXPECT_FALSE(*this->Read([](UnitOfWork& u) { return u.tenants().Get(TenantId("t3")); }));
  EXPECT_FALSE(*this->Read([](UnitOfWork& u) { return u.journal().Head("t3"); }));
  // A failure part-way leaves nothing either.
  auto r = this->Write([&](UnitOfWork& u) -> base::Result<void> {
    AMANAH_TRY(u.connections().Insert(ContractConnection("c2", "x", "KEY2")));
    return u.connections().Insert(ContractConnection("c3", "x", "KEY3"));  // label taken
  });
  EXPECT_FALSE(r);
  EXPECT_FALSE(this->Get("c2"));
}

TYPED_TEST_P(StoreContract, CommitHooksRunOnlyAfterACommit) {
  int ran = 0;
  {
    auto unit = this->store_->Begin(Access::kWrite);
    (*unit)->OnCommit([&] { ++ran; });
  }
  EXPECT_EQ(ran, 0);
  auto unit = this->store_->Begin(Access::kWrite);
  (*unit)->OnCommit([&] { ++ran; });
  ASSERT_TRUE((*unit)->Commit());
  EXPECT_EQ(ran, 1);
}

TYPED_TEST_P(StoreContract, TenantsAreEnsuredIdempotently) {
  auto first = this->Write([&](UnitOfWork& u) {
    return u.tenants().Ensure({TenantId("t9"), "nine", {}});
  });
  auto second = this->Write([&](UnitOfWork& u) {
    return u.tenants().Ensure({TenantId("t9"), "nine", {}});
  });
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);
  auto dup = this->Write([&](UnitOfWork& u) {
    return u.tenants().Create({TenantId("t9"), "", {}});
  });
  EXPECT_EQ(dup.error().code(), base::ErrorCode::kAlreadyExists);
}

TYPED_TEST_P(StoreContract, UsersBelongToATenantAndHaveUniqueNames) {
  auto create = [&](const User& user) {
    return this->Write([&](UnitOfWork& u) { return u.tenants().CreateUser(user); });
  };
  ASSERT_TRUE(create(ContractUser("u1", "t1", "amina", UserRole::kOwner, this->clock_.Now())));
  ASSERT_TRUE(create(ContractUser("u2", "t1", "bilal", UserRole::kViewer, this->clock_.Now())));
  auto dup = create(ContractUser("u3", "t1", "amina", UserRole::kViewer));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message(), "a user named \"amina\" exists");
  auto orphan = create(ContractUser("u4", "nope", "c", UserRole::kViewer));
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code(), base::ErrorCode::kNotFound);
  auto users = *this->Read([](UnitOfWork& u) { return u.tenants().ListUsers(TenantId("t1")); });
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "amina");
  EXPECT_EQ(users[0].role, UserRole::kOwner);
  EXPECT_EQ(users[1].role, UserRole::kViewer);
}

TYPED_TEST_P(StoreContract, UsersKeepTheirPasswordHashAndLoginState) {
  User amina = ContractUser("u1", "t1", "amina", UserRole::kOwner, this->clock_.Now());
  amina.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$dGFn";
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.tenants().CreateUser(amina); }));
  amina.failed_logins = 3;
  amina.locked_until = this->clock_.Now() + std::chrono::minutes(15);
  amina.role = UserRole::kOperator;
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.tenants().UpdateUser(amina); }));
  auto got = *this->Read([](UnitOfWork& u) { return u.tenants().FindUser("amina"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->password_hash, amina.password_hash);
  EXPECT_EQ(got->failed_logins, 3);
  EXPECT_EQ(got->locked_until, amina.locked_until);
  EXPECT_EQ(got->role, UserRole::kOperator);
  EXPECT_EQ(*this->Read([](UnitOfWork& u) { return u.tenants().CountUsers(); }), 1);
  User ghost = ContractUser("nobody", "t1", "ghost", UserRole::kViewer);
  auto missing = this->Write([&](UnitOfWork& u) { return u.tenants().UpdateUser(ghost); });
  EXPECT_EQ(missing.error().code(), base::ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreContract, SessionsAndTokensAreFoundByTheirHashesOnly) {
  const auto now = this->clock_.Now();
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
    return u.tenants().CreateUser(ContractUser("u1", "t1", "amina", UserRole::kOwner, now));
  }));
  const Blob h1(32, 1), h2(32, 2);
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
    return u.access().InsertSession({h1, UserId("u1"), now, now + std::chrono::hours(1), now});
  }));
  auto found = *this->Read([&](UnitOfWork& u) { return u.access().FindSession(h1); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, UserId("u1"));
  EXPECT_FALSE(*this->Read([&](UnitOfWork& u) { return u.access().FindSession(h2); }));
  EXPECT_EQ(*this->Write([&](UnitOfWork& u) {
    return u.access().DeleteExpiredSessions(now + std::chrono::hours(2));
  }),
            1);
  EXPECT_FALSE(*this->Read([&](UnitOfWork& u) { return u.access().FindSession(h1); }));

  AccessToken t;
  t.id = "0123456789ab";
  t.user = UserId("u1");
  t.name = "ci";
  t.secret_hash = h2;
  t.scopes = "read";
  t.created_at = now;
  t.expires_at = now + std::chrono::hours(24);
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.access().InsertToken(t); }));
  auto same = this->Write([&](UnitOfWork& u) { return u.access().InsertToken(t); });
  EXPECT_EQ(same.error().code(), base::ErrorCode::kAlreadyExists);
  EXPECT_TRUE(*this->Write([&](UnitOfWork& u) { return u.access().RevokeToken(t.id, now); }));
  EXPECT_FALSE(*this->Write([&](UnitOfWork& u) { return u.access().RevokeToken(t.id, now); }));
  auto listed = *this->Read([&](UnitOfWork& u) { return u.access().ListTokens(UserId("u1")); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].revoked_at, now);
  EXPECT_EQ(listed[0].secret_hash, h2);
}

TYPED_TEST_P(StoreContract, WorkIsLeasedToOneHolderUntilCompletedOrExpired) {
  const auto now = this->clock_.Now();
  using std::chrono::minutes;
  ASSERT_TRUE(*this->Write([&](UnitOfWork& u) { return u.schedule().Ensure("audit:a", now); }));
  ASSERT_FALSE(*this->Write([&](UnitOfWork& u) { return u.schedule().Ensure("audit:a", now); }));
  ASSERT_TRUE(this->Write(
      [&](UnitOfWork& u) { return u.schedule().Ensure("audit:b", now + minutes(30)); }));
  auto claim = [&](const std::string& holder, base::SystemTime at) {
    return *this->Write(
        [&](UnitOfWork& u) { return u.schedule().Claim(holder, at, at + minutes(5), 10); });
  };
  auto mine = claim("node-1", now);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].name, "audit:a");
  EXPECT_TRUE(claim("node-2", now + minutes(1)).empty());  // leased, and b is not due
  // node-1 dies: its lease expires and node-2 takes the work; node-1's late completion is refused.
  auto theirs = claim("node-2", now + minutes(6));
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_FALSE(*this->Write([&](UnitOfWork& u) {
    return u.schedule().Complete("audit:a", "node-1", now + minutes(60));
  }));
  EXPECT_TRUE(*this->Write([&](UnitOfWork& u) {
    return u.schedule().Complete("audit:a", "node-2", now + minutes(60));
  }));
  auto item = *this->Read([&](UnitOfWork& u) { return u.schedule().Get("audit:a"); });
  ASSERT_TRUE(item);
  EXPECT_EQ(item->due_at, now + minutes(60));
  EXPECT_EQ(item->holder, "");
  EXPECT_EQ(*this->Read([&](UnitOfWork& u) { return u.schedule().Count(); }), 2);
}

TYPED_TEST_P(StoreContract, ReplaceWrappedDeksSkipsRowsThatChanged) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "a", "K1")));
  ASSERT_TRUE(this->Insert(ContractConnection("c2", "b", "K2")));
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
    return u.keyring().AddKeyringVersion({2, {8}, this->clock_.Now(), 0});
  }));
  auto listed = *this->Read([](UnitOfWork& u) { return u.keyring().ListDeksNotUnder(2, 10); });
  ASSERT_EQ(listed.size(), 2u);
  ASSERT_TRUE(this->Write(  // changes under the rewrap
      [](UnitOfWork& u) { return u.connections().Shred(ConnectionId("c2"), Blob{}); }));
  auto written = this->Write([&](UnitOfWork& u) {
    return u.keyring().ReplaceWrappedDeks(
        {{DekOwner::kConnection, ConnectionId("c1"), listed[0].wrapped_dek, 2, {2, 0, 0, 0, 2, 1}},
         {DekOwner::kConnection,
          ConnectionId("c2"),
          listed[1].wrapped_dek,
          2,
          {2, 0, 0, 0, 2, 2}}});
  });
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 1u);
  EXPECT_TRUE(
      this->Read([](UnitOfWork& u) { return u.keyring().ListDeksNotUnder(2, 10); })->empty());
  auto counts = *this->Read([](UnitOfWork& u) { return u.keyring().CountDeksByVersion(); });
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[2], 1u);
  EXPECT_TRUE(this->Read([](UnitOfWork& u) { return u.keyring().ListDeksBelow(2); })->empty());
}

TYPED_TEST_P(StoreContract, EncryptionCounterRefusesPastItsLimit) {
  auto reserve = [&](uint64_t n) {
    return this->Write([&](UnitOfWork& u) { return u.keyring().ReserveEncryptions(1, n, 5); });
  };
  ASSERT_TRUE(reserve(3));
  auto r = reserve(3);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("rotate-master-key"), std::string::npos);
  ASSERT_TRUE(reserve(2));
  EXPECT_EQ(
      this->Read([](UnitOfWork& u) { return u.keyring().ListKeyring(); })->front().encryptions, 5u);
}

TYPED_TEST_P(StoreContract, VaultInitialisesOnlyOnce) {
  auto r = this->Write([&](UnitOfWork& u) {
    return u.keyring().InitVault({"file", "", 1, 1, {}}, {1, {7}, {}, 0});
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kAlreadyExists);
}

TYPED_TEST_P(StoreContract, SystemSecretsAreUniqueByName) {
  SystemSecret s{"node", "pub", 1, {2, 0, 0, 0, 1}, {1, 2}, {}};
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.keyring().InsertSystemSecret(s); }));
  EXPECT_EQ(
      this->Write([&](UnitOfWork& u) { return u.keyring().InsertSystemSecret(s); }).error().code(),
      base::ErrorCode::kAlreadyExists);
  auto got = *this->Read([](UnitOfWork& u) { return u.keyring().GetSystemSecret("node"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->public_info, "pub");
}

TYPED_TEST_P(StoreContract, JournalAppendsMoveTheHeadsAndScanInOrder) {
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
    return u.journal().Append({this->Row("b", 1), this->Row("a", 1), this->Row("a", 2)});
  }));
  auto heads = *this->Read([](UnitOfWork& u) { return u.journal().Heads(); });
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ(heads[0].tenant, "a");
  EXPECT_EQ(heads[0].seq, 2u);
  EXPECT_EQ(heads[0].hash, this->Row("a", 2).hash);
  EXPECT_EQ(*this->Read([](UnitOfWork& u) { return u.journal().RecordCount(); }), 3u);
  std::vector<std::string> order;
  ASSERT_TRUE(this->Read([&](UnitOfWork& u) {
    return u.journal().Scan(std::nullopt, [&](const JournalRow& r) {
      order.push_back(r.tenant + std::to_string(r.seq));
      return true;
    });
  }));
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "a2", "b1"}));
  auto row = *this->Read([](UnitOfWork& u) { return u.journal().Row("a", 2); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->time_ms, 1002);
  auto taken = this->Write([&](UnitOfWork& u) { return u.journal().Append({this->Row("a", 2)}); });
  EXPECT_EQ(taken.error().code(), base::ErrorCode::kAlreadyExists);
}

TYPED_TEST_P(StoreContract, CheckpointsAreKeptInOrder) {
  EXPECT_FALSE(*this->Read([](UnitOfWork& u) { return u.journal().LatestCheckpoint(); }));
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
      return u.journal().InsertCheckpoint({0, i, "body" + std::to_string(i), {1}, "k", 10u * i});
    }));
  }
  auto latest = *this->Read([](UnitOfWork& u) { return u.journal().LatestCheckpoint(); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->body, "body3");
  EXPECT_EQ(latest->records, 30u);
  EXPECT_EQ(*this->Read([](UnitOfWork& u) { return u.journal().CheckpointCount(); }), 3u);
  EXPECT_TRUE(*this->Read([](UnitOfWork& u) { return u.journal().HasCheckpoint("body2"); }));
  EXPECT_FALSE(*this->Read([](UnitOfWork& u) { return u.journal().HasCheckpoint("body9"); }));
}

OrderRow ContractOrder(std::string id, std::string state, base::SystemTime at) {
  OrderRow o;
  o.id = std::move(id);
  o.tenant = TenantId("t1");
  o.connection = ConnectionId("c1");
  o.exchange = "binance";
  o.symbol = "BTCUSDT";
  o.side = "buy";
  o.type = "limit";
  o.time_in_force = "gtc";
  o.quantity = base::Decimal::Parse("0.00100000").value();
  o.limit_price = base::Decimal::Parse("60000.01").value();
  o.source = "manual";
  o.state = std::move(state);
  o.created_at = o.updated_at = at;
  o.state_mac = {1, 2, 3};
  return o;
}

TYPED_TEST_P(StoreContract, OrdersRoundTripExactlyAndIdsAreUniquePerTenant) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  const std::string id(32, 'a');
  OrderRow o = ContractOrder(id, "pending", this->clock_.Now());
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.orders().Insert(o); }));
  auto again = this->Write([&](UnitOfWork& u) { return u.orders().Insert(o); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), base::ErrorCode::kAlreadyExists);
  auto got = *this->Read([&](UnitOfWork& u) { return u.orders().Get(TenantId("t1"), id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->quantity->ToString(), "0.00100000");  // the exact text, scale kept
  EXPECT_EQ(got->limit_price, o.limit_price);
  EXPECT_FALSE(got->quote_amount);
  EXPECT_EQ(got->state_mac, o.state_mac);
  EXPECT_FALSE(*this->Read([&](UnitOfWork& u) { return u.orders().Get(TenantId("t2"), id); }));
  got->state = "filled";
  got->exchange_order_id = "42";
  got->executed_qty = base::Decimal::Parse("0.001").value();
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.orders().Update(*got); }));
  auto updated = *this->Read([&](UnitOfWork& u) { return u.orders().Get(TenantId("t1"), id); });
  EXPECT_EQ(updated->state, "filled");
  EXPECT_EQ(updated->exchange_order_id, "42");
  OrderRow missing = ContractOrder(std::string(32, 'b'), "placed", this->clock_.Now());
  auto none = this->Write([&](UnitOfWork& u) { return u.orders().Update(missing); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), base::ErrorCode::kNotFound);
}

TYPED_TEST_P(StoreContract, OrdersAreListedByStateAndTimeAndWatermarksMove) {
  ASSERT_TRUE(this->Insert(ContractConnection("c1", "main", "KEY1")));
  const base::SystemTime t0 = this->clock_.Now();
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) -> base::Result<void> {
    AMANAH_TRY(u.orders().Insert(ContractOrder(std::string(32, '1'), "filled", t0)));
    AMANAH_TRY(u.orders().Insert(
        ContractOrder(std::string(32, '2'), "unknown", t0 + std::chrono::seconds(1))));
    return u.orders().Insert(
        ContractOrder(std::string(32, '3'), "pending", t0 + std::chrono::seconds(2)));
  }));
  OrderQuery q;
  q.states = {"pending", "unknown"};
  auto open = *this->Read([&](UnitOfWork& u) { return u.orders().List(TenantId("t1"), q); });
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, std::string(32, '3'));  // newest first
  OrderQuery recent;
  recent.since = t0 + std::chrono::seconds(1);
  EXPECT_EQ(
      this->Read([&](UnitOfWork& u) { return u.orders().List(TenantId("t1"), recent); })->size(),
      2u);
  auto unsettled = *this->Read([](UnitOfWork& u) {
    return u.orders().ListInStates({"pending", "unknown"});
  });
  ASSERT_EQ(unsettled.size(), 2u);
  EXPECT_EQ(unsettled[0].id, std::string(32, '2'));  // oldest first
  EXPECT_FALSE(*this->Read(
      [](UnitOfWork& u) { return u.orders().GetWatermark(ConnectionId("c1"), "BTCUSDT"); }));
  for (int64_t t : {1000, 2000}) {
    ASSERT_TRUE(this->Write([&](UnitOfWork& u) {
      return u.orders().SetWatermark(Watermark{ConnectionId("c1"), "BTCUSDT", t});
    }));
  }
  auto mark = *this->Read(
      [](UnitOfWork& u) { return u.orders().GetWatermark(ConnectionId("c1"), "BTCUSDT"); });
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->time_ms, 2000);
}

TYPED_TEST_P(StoreContract, ThrottlesCountAttemptsPerKeyInFixedWindows) {
  using std::chrono::minutes;
  const std::chrono::milliseconds window = minutes(15);
  // A time 1 s into a window.
  const base::SystemTime t0 = base::SystemTime(std::chrono::milliseconds(
      (base::UnixMillis(this->clock_.Now()) / window.count() + 1) * window.count() + 1000));
  for (int64_t want = 1; want <= 3; ++want) {
    EXPECT_EQ(*this->Write([&](UnitOfWork& u) { return u.throttles().Hit("login:a", t0, window); }),
              want);
  }
  EXPECT_EQ(*this->Write([&](UnitOfWork& u) { return u.throttles().Hit("login:b", t0, window); }),
            1);
  EXPECT_EQ(*this->Read([&](UnitOfWork& u) {
    return u.throttles().Count("login:a", t0 + minutes(13), window);
  }),
            3);
  // The next window starts again from nothing.
  EXPECT_EQ(*this->Read([&](UnitOfWork& u) {
    return u.throttles().Count("login:a", t0 + minutes(15), window);
  }),
            0);
  EXPECT_EQ(*this->Write([&](UnitOfWork& u) {
    return u.throttles().Hit("login:a", t0 + minutes(15), window);
  }),
            1);
  // Pruning forgets the windows that ended: login:b's.
  EXPECT_EQ(
      *this->Write([&](UnitOfWork& u) { return u.throttles().Prune(t0 + minutes(15), window); }),
      1);
  EXPECT_EQ(*this->Read([&](UnitOfWork& u) {
    return u.throttles().Count("login:a", t0 + minutes(15), window);
  }),
            1);
}

TYPED_TEST_P(StoreContract, RateBudgetsMergeWhatEveryNodeSaw) {
  RateBudget a{"binance", "https://api.binance.com", "203.0.113.7", 60'000, 100, 6000, 0, 0};
  EXPECT_EQ(*this->Write([&](UnitOfWork& u) { return u.rate_budgets().Merge(a); }), a);
  // Another node, same window, less used but a ban: the larger weight and the ban stay.
  RateBudget b = a;
  b.used_weight = 40;
  b.weight_limit = 0;
  b.banned_until_ms = 500'000;
  RateBudget merged = *this->Write([&](UnitOfWork& u) { return u.rate_budgets().Merge(b); });
  EXPECT_EQ(merged.used_weight, 100);
  EXPECT_EQ(merged.weight_limit, 6000);
  EXPECT_EQ(merged.banned_until_ms, 500'000);
  // An older window changes nothing of the weight; a newer one replaces it.
  RateBudget old = a;
  old.window_start_ms = 0;
  old.used_weight = 5000;
  EXPECT_EQ(this->Write([&](UnitOfWork& u) { return u.rate_budgets().Merge(old); })->used_weight,
            100);
  RateBudget next = a;
  next.window_start_ms = 120'000;
  next.used_weight = 7;
  next.backoff_until_ms = 130'000;
  merged = *this->Write([&](UnitOfWork& u) { return u.rate_budgets().Merge(next); });
  EXPECT_EQ(merged.used_weight, 7);
  EXPECT_EQ(merged.window_start_ms, 120'000);
  EXPECT_EQ(merged.banned_until_ms, 500'000);
  EXPECT_EQ(merged.backoff_until_ms, 130'000);
  // Another egress IP is its own budget.
  RateBudget other = a;
  other.egress_ip = "198.51.100.2";
  ASSERT_TRUE(this->Write([&](UnitOfWork& u) { return u.rate_budgets().Merge(other); }));
  auto all = *this->Read([](UnitOfWork& u) { return u.rate_budgets().List(); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].egress_ip, "198.51.100.2");
  EXPECT_EQ(all[1].used_weight, 7);
}

TYPED_TEST_P(StoreContract, BalanceSnapshotsAreReplacedPerConnectionAndDay) {
  auto row = [](std::string connection, std::string day, std::string asset, std::string total,
                std::optional<std::string> value) {
    BalanceSnapshotRow r;
    r.tenant = TenantId("t1");
    r.connection = ConnectionId(std::move(connection));
    r.day = std::move(day);
    r.taken_ms = 1000;
    r.asset = std::move(asset);
    r.total = base::Decimal::Parse(total).value();
    r.quote = "USDT";
    if (value) r.value = base::Decimal::Parse(*value).value();
    return r;
  };
  auto put = [&](std::string connection, std::string day, std::vector<BalanceSnapshotRow> rows) {
    return this->Write(
        [&](UnitOfWork& u) { return u.snapshots().Replace(ConnectionId(connection), day, rows); });
  };
  ASSERT_TRUE(put("c1", "2026-12-01",
                  {row("c1", "2026-12-01", "BTC", "0.25000000", "16250.5"),
                   row("c1", "2026-12-01", "XYZ", "3", std::nullopt)}));
  ASSERT_TRUE(put("c2", "2026-12-01", {row("c2", "2026-12-01", "USDT", "100", "100")}));
  // Taken again the same day: the day's rows of that connection are replaced, not added to.
  ASSERT_TRUE(put("c1", "2026-12-01", {row("c1", "2026-12-01", "BTC", "0.3", "19500")}));
  ASSERT_TRUE(put("c1", "2026-12-02", {row("c1", "2026-12-02", "BTC", "0.3", "19800")}));
  auto all =
      *this->Read([](UnitOfWork& u) { return u.snapshots().List(TenantId("t1"), "2026-01-01"); });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].connection, ConnectionId("c1"));
  EXPECT_EQ(all[0].total.ToString(), base::Decimal::Parse("0.3").value().ToString());
  EXPECT_EQ(all[0].value->ToString(), base::Decimal::Parse("19500").value().ToString());
  EXPECT_EQ(all[1].asset, "USDT");
  EXPECT_EQ(all[2].day, "2026-12-02");
  auto since =
      *this->Read([](UnitOfWork& u) { return u.snapshots().List(TenantId("t1"), "2026-12-02"); });
  EXPECT_EQ(since.size(), 1u);
  EXPECT_TRUE(*this->Read(
      [](UnitOfWork& u) { return u.snapshots().Has(ConnectionId("c2"), "2026-12-01"); }));
  EXPECT_FALSE(*this->Read(
      [](UnitOfWork& u) { return u.snapshots().Has(ConnectionId("c2"), "2026-12-02"); }));
  // Another tenant sees none of it.
  EXPECT_TRUE(
      this->Read([](UnitOfWork& u) { return u.snapshots().List(TenantId("t2"), "2026-01-01"); })
          ->empty());
}

REGISTER_TYPED_TEST_SUITE_P(
    StoreContract, OrdersRoundTripExactlyAndIdsAreUniquePerTenant,
    OrdersAreListedByStateAndTimeAndWatermarksMove, ConnectionRoundTripsWithItsStateAndSealedFields,
    ALiveLabelIsUniquePerTenantAndNothingIsWritten, ALiveKeyBelongsToOneConnection,
    ARevokedConnectionFreesItsLabelAndItsKey, ShredRemovesDataKeyAndSealedFieldsTogether,
    UpdateStateWritesTheStateButNotTheCredential, AUnitOfWorkRollsBackUnlessCommitted,
    CommitHooksRunOnlyAfterACommit, TenantsAreEnsuredIdempotently,
    UsersBelongToATenantAndHaveUniqueNames, UsersKeepTheirPasswordHashAndLoginState,
    SessionsAndTokensAreFoundByTheirHashesOnly, WorkIsLeasedToOneHolderUntilCompletedOrExpired,
    ReplaceWrappedDeksSkipsRowsThatChanged, EncryptionCounterRefusesPastItsLimit,
    VaultInitialisesOnlyOnce, SystemSecretsAreUniqueByName,
    JournalAppendsMoveTheHeadsAndScanInOrder, CheckpointsAreKeptInOrder,
    ThrottlesCountAttemptsPerKeyInFixedWindows, RateBudgetsMergeWhatEveryNodeSaw,
    BalanceSnapshotsAreReplacedPerConnectionAndDay);

}  // namespace amanah::store
