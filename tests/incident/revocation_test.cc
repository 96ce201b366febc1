// Revocation in one action against the paper exchange: the connection's plan is paused, our open
// order cancelled, a foreign order placed through the paper's admin side found by the last
// reconciliation, the secret shredded, and the incident report (JSON and HTML) lists the foreign
// order, our order, the permission history and the steps to take on the exchange.
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/json_reader.h"
#include "engine/engine_fixture.h"
#include "incident/revocation.h"
#include "keys/state_verify.h"

namespace amanah::engine {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class RevocationTest : public EngineFixture {
 protected:
  incident::Revocation& revocation() { return *env_.env().revocation().value(); }
  void CreatePlan() {
    const boost::json::value v = boost::json::parse(
        R"({"name": "btc-hourly", "kind": "dca", "connection": "main", "period": "hourly",
            "dca": {"pair": "BTCUSDT", "quote_amount": "25"}})");
    base::JsonSource src{"test plan", base::ErrorCode::kInvalidArgument};
    auto created = env_.env().plans().value()->Create(Tenant(), base::JsonView(v, "", &src));
    ASSERT_TRUE(created) << created.error();
  }
};

TEST_F(RevocationTest, RevokingPausesCancelsShredsAndReportsTheForeignOrder) {
  SubmitOutcome ours = Submit(Intent("BTCUSDT", exchange::Side::kBuy, "0.001", "60000"));
  ASSERT_EQ(ours.kind, SubmitOutcome::Kind::kPlaced);
  CreatePlan();
  PlaceForeign();

  incident::RevokeRequest request;
  request.label = "main";
  request.cancel_open_orders = true;
  request.reason = "a trade I did not make";
  auto done = Run(revocation().Revoke(Tenant(), request));
  ASSERT_TRUE(done) << done.error();
  const incident::IncidentReport& r = done->report;
  EXPECT_EQ(r.plans_paused, std::vector<std::string>{"btc-hourly"});
  ASSERT_EQ(r.orders_cancelled.size(), 1u);
  EXPECT_EQ(r.orders_cancelled[0], ours.order->id);
  ASSERT_EQ(r.foreign.size(), 1u);
  EXPECT_EQ(r.foreign[0].at("client_order_id"), "x-thief-0001");
  ASSERT_EQ(r.our_orders.size(), 1u);
  EXPECT_EQ(r.our_orders[0].state, "cancelled");
  EXPECT_FALSE(r.permissions.empty());
  EXPECT_EQ(r.permissions.front().at("kind"), "key.connected");
  ASSERT_GE(r.steps.size(), 6u);
  EXPECT_THAT(r.steps[0], HasSubstr("Delete the API key"));
  EXPECT_THAT(r.steps[1], HasSubstr("treat the key as stolen"));

  // The secret is gone and the connection can never act again.
  auto row = *env_.store().Read(
      [&](store::UnitOfWork& u) { return u.connections().FindByLabel(Tenant(), "main"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, store::ConnectionStatus::kRevoked);
  EXPECT_TRUE(row->wrapped_dek.empty());
  EXPECT_TRUE(row->sealed.empty());
  EXPECT_FALSE(env_.keys().OpenAdapter(*row));
  EXPECT_THAT(Kinds(), Contains("key.revoked"));
  EXPECT_THAT(Kinds(), Contains("incident.report"));
  EXPECT_THAT(Kinds(), Contains("plan.paused"));
  auto state = keys::VerifyStoredState(env_.store(), &env_.vault().state_mac());
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->ok) << (state->problems.empty() ? "" : state->problems[0]);

  // Both files, readable back by id; the HTML lists the foreign order.
  EXPECT_TRUE(std::filesystem::exists(done->json_file));
  auto html = revocation().Report(Tenant(), r.id, "html");
  ASSERT_TRUE(html) << html.error();
  EXPECT_THAT(*html, HasSubstr("x-thief-0001"));
  EXPECT_THAT(*html, HasSubstr("Orders Amanah did not place (1)"));
  auto json_text = revocation().Report(Tenant(), r.id, "json");
  ASSERT_TRUE(json_text);
  auto doc = base::JsonDocument::Parse(*json_text, {"report", base::ErrorCode::kDataLoss});
  ASSERT_TRUE(doc) << doc.error();
  auto listed = revocation().List(Tenant());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  auto summary = [&](std::string_view k) {
    const boost::json::value* v = listed->front().if_contains(k);
    return v ? *v : boost::json::value();
  };
  EXPECT_EQ(summary("id"), boost::json::value(r.id));
  EXPECT_EQ(summary("label"), boost::json::value("main"));
  EXPECT_EQ(summary("foreign_orders"), boost::json::value(1));
  EXPECT_EQ(summary("our_orders"), boost::json::value(1));
  EXPECT_TRUE(revocation().List(store::TenantId("other"))->empty());
  // Another tenant, or a path, finds nothing.
  EXPECT_FALSE(revocation().Report(store::TenantId("other"), r.id, "json"));
  EXPECT_FALSE(revocation().Report(Tenant(), "../../amanah.db", "json"));
  // Revoking again is refused: nothing is live.
  EXPECT_FALSE(Run(revocation().Revoke(Tenant(), request)));
}

TEST_F(RevocationTest, AKeyDeletedOnTheExchangeIsStillRevokedAndTheReportSaysWhatFailed) {
  {
    auto lock = paper_.exchange().Lock();
    ASSERT_TRUE(paper_.exchange().DeleteKey(paper_.key("main").api_key));
  }
  incident::RevokeRequest request;
  request.label = "main";
  auto done = Run(revocation().Revoke(Tenant(), request));
  ASSERT_TRUE(done) << done.error();
  EXPECT_FALSE(done->report.problems.empty());  // the last reconciliation could not read
  auto row = *env_.store().Read(
      [&](store::UnitOfWork& u) { return u.connections().FindByLabel(Tenant(), "main"); });
  EXPECT_EQ(row->status, store::ConnectionStatus::kRevoked);
}

}  // namespace
}  // namespace amanah::engine
