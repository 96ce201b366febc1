// Tenancy and roles over the whole route table, the secret canary, the OpenAPI document against
// the routes, and the continuous re-audit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "api/api_fixture.h"
#include "api/openapi.h"
#include "daemon/connection_scheduler.h"
#include "daemon/rate_budget_sync.h"

namespace amanah::api {
namespace {

using ::testing::HasSubstr;
namespace json = boost::json;

std::string Fill(std::string pattern, const std::map<std::string, std::string>& params) {
  for (const auto& [name, value] : params) {
    const std::string p = "{" + name + "}";
    for (size_t at; (at = pattern.find(p)) != std::string::npos;)
      pattern.replace(at, p.size(), value);
  }
  return pattern;
}

// Beta has a connection, an approved pair, an order, a token and an alert; alpha has its own
// connection. Alpha's users must reach none of beta's.
class TenancyTest : public ApiFixture {
 protected:
  void SetUp() override {
    ConnectDirect("alpha", "alpha-main", "alpha-key");
    ConnectDirect("beta", "beta-main", "beta-key");
    auto pairs = env_.env().pairs().value();
    ASSERT_TRUE(pairs->Approve(store::TenantId("beta"), "beta-main", {"BTCUSDT"}));
    Client beta = Login("beta-owner");
    Response order = Call("POST", "/api/v1/orders",
                          R"({"connection": "beta-main", "pair": "BTCUSDT", "side": "buy",
                              "quantity": "0.001", "limit": "60000"})",
                          &beta);
    ASSERT_EQ(order.status, 201u) << order.body;
    beta_order_ = order.Str("order.id").value();
    Client token = Token("beta-owner", access::Scope::kRead);
    beta_token_ = token.bearer->substr(11, 12);
    // An operator's suspension raises an alert.
    ASSERT_TRUE(env_.keys().Suspend(store::TenantId("beta"), "beta-main", "test"));
    Response alerts = Call("GET", "/api/v1/alerts", "", &beta);
    ASSERT_EQ(alerts.status, 200u);
    ASSERT_EQ(alerts.Size(), size_t{1}) << alerts.body;
    beta_alert_ = alerts.Str("[0].id").value();
    // A plan of beta's (a webhook plan: it needs no active connection).
    Response plan = Call("POST", "/api/v1/plans",
                         R"({"name": "beta-plan", "kind": "webhook", "connection": "beta-main",
                             "webhook": {}})",
                         &beta);
    ASSERT_EQ(plan.status, 201u) << plan.body;
    beta_plan_ = plan.Str("plan.id").value();
  }

  std::map<std::string, std::string> BetaParams() const {
    return {{"label", "beta-main"}, {"id", beta_order_}, {"pair", "BTCUSDT"}, {"subject", "BTC"}};
  }
  // The id parameter names a different object per resource.
  std::string BetaTarget(const Route& route) const {
    auto params = BetaParams();
    if (route.pattern.starts_with("/api/v1/tokens/")) params["id"] = beta_token_;
    if (route.pattern.starts_with("/api/v1/alerts/")) params["id"] = beta_alert_;
    if (route.pattern.starts_with("/api/v1/plans/")) params["id"] = beta_plan_;
    return Fill(route.pattern, params);
  }

  std::string beta_order_, beta_token_, beta_alert_, beta_plan_;
};

bool Scoped(const Route& route) {
  // Routes whose objects belong to a tenant (screening data and the installation's checkpoint are
  // the same for everyone).
  return route.guard != Guard::kPublic && route.pattern.find('{') != std::string::npos &&
         !route.pattern.starts_with("/api/v1/screen/");
}

TEST_F(TenancyTest, EveryRouteAnswersAnotherTenantsObjects404) {
  Client alpha = Login("alpha-owner");
  size_t checked = 0;
  for (const auto& route : api_->router().routes()) {
    if (!Scoped(route)) continue;
    std::string body = "{}";
    if (route.pattern.ends_with("/pairs") && route.method == "POST")
      body = R"({"pairs": ["BTCUSDT"]})";
    Response r = Call(route.method, BetaTarget(route), body, &alpha);
    EXPECT_EQ(r.status, 404u) << route.method << " " << route.pattern << ": " << r.body;
    ++checked;
  }
  EXPECT_GE(checked, 10u);
  // Lists show only the caller's own.
  Response connections = Call("GET", "/api/v1/connections", "", &alpha);
  EXPECT_THAT(connections.body, HasSubstr("alpha-main"));
  EXPECT_THAT(connections.body, ::testing::Not(HasSubstr("beta-main")));
  for (std::string list :
       {"/api/v1/orders", "/api/v1/alerts?all=true", "/api/v1/tokens", "/api/v1/users"}) {
    Response r = Call("GET", list, "", &alpha);
    EXPECT_EQ(r.status, 200u) << list;
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr("beta"))) << list << ": " << r.body;
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr(beta_order_))) << list;
  }
  // And beta's objects are untouched: its order is still open, its token still works.
  Client beta = Login("beta-owner");
  Response order = Call("GET", "/api/v1/orders/" + beta_order_, "", &beta);
  ASSERT_EQ(order.status, 200u);
  EXPECT_EQ(order.Str("order.state"), std::string("placed"));
}

TEST_F(TenancyTest, AViewerChangesNothingAndAReadTokenPlacesNoOrder) {
  Client viewer = Login("beta-viewer");
  Client read = Token("beta-owner", access::Scope::kRead);
  Client operator_token =
      Token("beta-operator", access::Scopes(access::Scope::kRead) | access::Scope::kTrade);
  size_t checked = 0;
  for (const auto& route : api_->router().routes()) {
    if (route.guard == Guard::kPublic || route.guard == Guard::kRead) continue;
    Response v = Call(route.method, BetaTarget(route), "{}", &viewer);
    EXPECT_EQ(v.status, 403u) << "viewer " << route.method << " " << route.pattern << ": "
                              << v.body;
    Response t = Call(route.method, BetaTarget(route), "{}", &read);
    EXPECT_EQ(t.status, 403u) << "read token " << route.method << " " << route.pattern;
    if (route.guard == Guard::kAdmin) {
      EXPECT_EQ(Call(route.method, BetaTarget(route), "{}", &operator_token).status, 403u)
          << "operator " << route.pattern;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8u);
  Response order = Call("POST", "/api/v1/orders",
                        R"({"connection": "beta-main", "pair": "BTCUSDT", "side": "buy",
                            "quantity": "0.001", "limit": "60000"})",
                        &read);
  EXPECT_EQ(order.status, 403u);
  EXPECT_THAT(order.body, HasSubstr("not scoped \\\"trade\\\""));
  // The viewer still reads.
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + beta_order_, "", &viewer).status, 200u);
}

TEST_F(TenancyTest, TheLatestCheckpointShowsATenantOnlyItsOwnChain) {
  auto journal = env_.env().journal();
  ASSERT_TRUE(journal);
  auto signed_checkpoint = (*journal)->WriteCheckpoint();
  ASSERT_TRUE(signed_checkpoint) << signed_checkpoint.error().ToString();
  ASSERT_THAT(signed_checkpoint->body, HasSubstr("beta"));  // it signs every chain
  Client alpha = Login("alpha-owner");
  Response r = Call("GET", "/api/v1/journal/checkpoints/latest", "", &alpha);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Str("signed_body"), std::string("withheld"));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("beta")));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("\"records\"")));  // others' activity
  ASSERT_TRUE(r.Str("head.hash"));
  EXPECT_EQ(r.Str("head.hash")->size(), 64u);
  EXPECT_NE(signed_checkpoint->body.find("alpha "), std::string::npos);
  EXPECT_NE(signed_checkpoint->body.find(*r.Str("head.hash")), std::string::npos);
}

TEST_F(TenancyTest, AnOrderIsShownWithItsChecksAndTheJournalRecordsThatProveIt) {
  Client beta = Login("beta-owner");
  Response r = Call("GET", "/api/v1/orders/" + beta_order_, "", &beta);
  ASSERT_EQ(r.status, 200u);
  // The checks as the engine decided them when the intent was recorded.
  EXPECT_EQ(r.At("checks.passed"), json::value(true)) << r.body;
  ASSERT_TRUE(r.Size("checks.checks")) << r.body;
  EXPECT_GE(*r.Size("checks.checks"), 6u);
  ASSERT_TRUE(r.Size("journal")) << r.body;
  ASSERT_GE(*r.Size("journal"), 2u);
  EXPECT_EQ(r.Str("journal[0].kind"), std::string("order.intent"));
  EXPECT_EQ(r.Str("journal[1].kind"), std::string("order.placed"));
  // Consecutive records of the tenant's chain link by hash.
  EXPECT_EQ(r.Str("journal[1].prev_hash").value(), r.Str("journal[0].hash").value());
}

TEST_F(ApiFixture, AKeyConnectedThroughTheApiNeverAppearsInAnAnswerALogOrTheDatabase) {
  Client owner = Login("alpha-owner");
  const auto& k = paper_.key("alpha-key");
  const std::string body = json::serialize(json::object{
      {"exchange", "binance"}, {"label", "main"}, {"api_key", k.api_key}, {"secret", k.secret}});
  Response connected = Call("POST", "/api/v1/connections", body, &owner);
  ASSERT_EQ(connected.status, 201u) << connected.body;
  EXPECT_THAT(connected.body, HasSubstr("\"balances\""));
  Call("GET", "/api/v1/connections", "", &owner);
  Call("GET", "/api/v1/connections/main", "", &owner);
  Call("GET", "/api/v1/connections/main/balances", "", &owner);
  Call("POST", "/api/v1/connections/main/audit", "", &owner);
  Call("GET", "/api/v1/journal/export?format=json", "", &owner);
  Call("GET", "/api/v1/journal/export?format=html", "", &owner);
  Call("GET", "/metrics");
  for (const auto& r : responses_) EXPECT_EQ(r.find(k.secret), std::string::npos) << r;
  for (const auto& l : log_lines_) EXPECT_EQ(l.find(k.secret), std::string::npos) << l;
  std::ifstream db(env_.db_path(), std::ios::binary),
      wal(env_.db_path() + "-wal", std::ios::binary);
  std::stringstream bytes;
  bytes << db.rdbuf() << wal.rdbuf();
  EXPECT_EQ(bytes.str().find(k.secret), std::string::npos);
  // An endpoint of the user's choosing is refused (the daemon must not call where users say).
  json::value with_endpoint_value = json::parse(body);
  json::object& with_endpoint = with_endpoint_value.get_object();
  with_endpoint["label"] = "elsewhere";
  with_endpoint["endpoint"] = "http://169.254.169.254";
  Response refused = Call("POST", "/api/v1/connections", json::serialize(with_endpoint), &owner);
  EXPECT_EQ(refused.status, 400u);
  // The access log says who did what, never a body.
  ASSERT_FALSE(log_lines_.empty());
  EXPECT_THAT(log_lines_.front(), HasSubstr(R"("route":"/api/v1/session")"));
}

TEST_F(ApiFixture, TheOpenApiDocumentDescribesExactlyTheRoutes) {
  Response served = Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(served.status, 200u);
  EXPECT_EQ(served.Str("openapi"), std::string("3.1.0"));
  const json::value paths_value = served.At("paths").value();
  ASSERT_TRUE(paths_value.is_object());
  const json::object& paths = paths_value.get_object();
  std::set<std::string> documented, routed;
  for (const auto& [path, item] : paths) {
    ASSERT_TRUE(item.is_object()) << path;
    for (const auto& [method, op] : item.get_object()) {
      std::string m(method);
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(m + " " + std::string(path));
      // Each operation says which scope it needs, or that it is public.
      ASSERT_TRUE(op.is_object()) << m << " " << path;
      EXPECT_TRUE(op.get_object().contains("x-amanah-scope") ||
                  op.get_object().contains("security"))
          << m << " " << path;
    }
  }
  for (const auto& route : api_->router().routes()) {
    routed.insert(route.method + " " + route.pattern);
    std::string_view want = route.guard == Guard::kRead    ? "read"
                            : route.guard == Guard::kTrade ? "trade"
                            : route.guard == Guard::kAdmin ? "admin"
                                                           : "";
    const json::value* item = paths.if_contains(route.pattern);
    if (!item || !item->is_object()) continue;
    std::string m = route.method;
    for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json::value* o = item->get_object().if_contains(m);
    if (!o || !o->is_object()) continue;
    if (want.empty()) {
      EXPECT_TRUE(o->get_object().contains("security")) << route.pattern;
    } else {
      const json::value* scope = o->get_object().if_contains("x-amanah-scope");
      ASSERT_NE(scope, nullptr) << route.pattern;
      EXPECT_EQ(*scope, json::value(want)) << route.method << " " << route.pattern;
    }
  }
  EXPECT_EQ(documented, routed);
  EXPECT_EQ(served.body, OpenApiDocument());
}

TEST_F(ApiFixture, HealthReadinessAndMetrics) {
  EXPECT_EQ(Call("GET", "/healthz").status, 200u);
  Response ready = Call("GET", "/readyz");
  EXPECT_EQ(ready.status, 200u) << ready.body;
  EXPECT_EQ(ready.Str("checks.store"), std::string("ok"));
  ConnectDirect("alpha", "main", "alpha-key");
  Call("GET", "/api/v1/connections");
  Response m = Call("GET", "/metrics");
  EXPECT_EQ(m.status, 200u);
  EXPECT_THAT(m.content_type, HasSubstr("text/plain; version=0.0.4"));
  EXPECT_THAT(m.body, HasSubstr("# TYPE amanah_http_requests_total counter"));
  EXPECT_THAT(
      m.body,
      HasSubstr(
          R"(amanah_http_requests_total{route="/api/v1/connections",method="GET",status="401"} 1)"));
  EXPECT_THAT(m.body, HasSubstr(R"(amanah_connections{exchange="binance",status="active"} 1)"));
  // The weight the paper exchange reported to the connect's calls, by origin and egress IP.
  const std::string where = R"(exchange="binance",origin=")" + paper_.url() + "\"";
  EXPECT_THAT(m.body, HasSubstr("amanah_exchange_request_weight_used{" + where +
                                R"(,egress_ip="127.0.0.1"})"));
  EXPECT_THAT(m.body,
              HasSubstr("amanah_exchange_banned{" + where + R"(,egress_ip="127.0.0.1"} 0)"));
  // The connect's calls (time, account, permissions, …) all ended well, and were counted.
  const std::string ok = "amanah_exchange_calls_total{" + where + R"(,outcome="ok"} )";
  const size_t at = m.body.find(ok);
  ASSERT_NE(at, std::string::npos) << m.body;
  EXPECT_GE(std::stoi(m.body.substr(at + ok.size())), 3);
  EXPECT_THAT(m.body, ::testing::Not(HasSubstr(R"(outcome="network")")));
}

TEST_F(ApiFixture, AKeyThatGainsWithdrawalsIsSuspendedWithinOneAuditPeriodAndAnAlertRaised) {
  ConnectDirect("alpha", "main", "alpha-key");
  daemon::ConnectionScheduler::Options o;
  o.audit_every = std::chrono::hours(1);
  daemon::ConnectionScheduler scheduler(
      {env_.store(), env_.keys(), nullptr, env_.env().registry(), env_.clock(), &api_->metrics()},
      o);
  auto plan = scheduler.Plan();
  ASSERT_TRUE(plan) << plan.error();
  ASSERT_EQ(plan->size(), 1u);  // audits only: no reconciler given
  EXPECT_EQ((*plan)[0].period, std::chrono::hours(1));
  EXPECT_FALSE((*plan)[0].lengthened);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("alpha-key").api_key)->permissions.withdraw = true;
  }
  // Within one period the key's turn comes (its first slot is spread inside the period).
  size_t audited = 0;
  for (int minute = 0; minute <= 60 && audited == 0; ++minute) {
    audited += transport::RunBlocking(env_.env().io(), scheduler.Tick()).value();
    env_.clock().Advance(std::chrono::minutes(1));
  }
  ASSERT_EQ(audited, 1u);
  auto connections = env_.keys().List(store::TenantId("alpha")).value();
  EXPECT_EQ(connections[0].status, store::ConnectionStatus::kSuspended);
  Client owner = Login("alpha-owner");
  Response alerts = Call("GET", "/api/v1/alerts", "", &owner);
  ASSERT_EQ(alerts.Size(), size_t{1}) << alerts.body;
  EXPECT_EQ(alerts.Str("[0].kind"), std::string("key.suspended"));
  // Acknowledged, it leaves the open list and is journaled.
  const std::string id = alerts.Str("[0].id").value();
  EXPECT_EQ(Call("POST", "/api/v1/alerts/" + id + "/acknowledge", "", &owner).status, 204u);
  EXPECT_EQ(Call("GET", "/api/v1/alerts", "", &owner).body, "[]");
  EXPECT_EQ(api_->metrics().Value("amanah_audits_total",
                                  {{"exchange", "binance"}, {"result", "non_compliant"}}),
            1);
  // The next audit is a period later, not at once again.
  EXPECT_EQ(transport::RunBlocking(env_.env().io(), scheduler.Tick()).value(), 0u);
}

TEST_F(ApiFixture, AnOrderWeDidNotPlaceIsFoundByTheScheduledReconciliationAndSuspendsTheKey) {
  ConnectDirect("alpha", "main", "alpha-key");
  daemon::ConnectionScheduler::Options o;
  o.reconcile_every = std::chrono::minutes(5);
  daemon::ConnectionScheduler scheduler({env_.store(), env_.keys(), env_.env().reconciler().value(),
                                         env_.env().registry(), env_.clock(), &api_->metrics()},
                                        o);
  auto plan = scheduler.Plan();
  ASSERT_TRUE(plan) << plan.error();
  ASSERT_EQ(plan->size(), 2u);  // the audit and the reconciliation, each with its budget
  const daemon::WorkBudget& reconcile = (*plan)[1];
  EXPECT_EQ(reconcile.work, daemon::Work::kReconcile);
  EXPECT_EQ(reconcile.weight, 81);
  EXPECT_EQ(reconcile.period, std::chrono::minutes(5));
  EXPECT_EQ(env_.store().Read([](store::UnitOfWork& u) { return u.schedule().Count(); }).value(),
            2);
  // A thief places an order with the key, on the exchange.
  env_.clock().Advance(std::chrono::minutes(2));
  {
    auto lock = paper_.exchange().Lock();
    paper::NewOrder thief;
    thief.symbol = "BTCUSDT";
    thief.side = paper::Side::kSell;
    thief.type = paper::OrderType::kLimit;
    thief.quantity = base::Decimal::Parse("0.01").value();
    thief.price = base::Decimal::Parse("90000").value();
    thief.client_order_id = "x-thief-0001";
    thief.placed_by_admin = true;
    auto* key = paper_.exchange().FindKey(paper_.key("alpha-key").api_key);
    ASSERT_TRUE(key);
    ASSERT_TRUE(paper_.exchange().PlaceOrder(key->account, thief));
  }
  // Within one reconciliation period the connection's turn comes.
  for (int minute = 0; minute <= 5; ++minute) {
    ASSERT_TRUE(transport::RunBlocking(env_.env().io(), scheduler.Tick()));
    env_.clock().Advance(std::chrono::minutes(1));
  }
  auto connections = env_.keys().List(store::TenantId("alpha")).value();
  EXPECT_EQ(connections[0].status, store::ConnectionStatus::kSuspended);
  EXPECT_EQ(api_->metrics().Value("amanah_reconciliations_total",
                                  {{"exchange", "binance"}, {"result", "foreign"}}),
            1);
  // A suspended key is still watched (an audit may reactivate it; the thief may trade on); a
  // disconnected one's work leaves the schedule.
  ASSERT_TRUE(scheduler.Plan());
  EXPECT_EQ(env_.store().Read([](store::UnitOfWork& u) { return u.schedule().Count(); }).value(),
            2);
  ASSERT_TRUE(env_.keys().Disconnect(store::TenantId("alpha"), "main"));
  ASSERT_TRUE(scheduler.Plan());
  EXPECT_EQ(env_.store().Read([](store::UnitOfWork& u) { return u.schedule().Count(); }).value(),
            0);
}

TEST_F(ApiFixture, ABanOneNodeSawStopsTheOtherNodesOnTheSameEgressIp) {
  // Two nodes on one store: this environment's registry and a second one.
  exchange::Registry& here = env_.env().registry();
  testing::TestEnvironment other_env(false, Vars(paper_.url()));
  exchange::Registry& there = other_env.env().registry();
  const int64_t now_ms = base::UnixMillis(env_.clock().Now());
  here.RateFor("binance", paper_.url())->Hold(exchange::Failure::kBanned, now_ms + 120'000);
  here.RateFor("binance", paper_.url())->RecordWeight(5990, now_ms);
  daemon::RateBudgetSync a(env_.store(), here, env_.clock(), "203.0.113.7");
  ASSERT_EQ(a.Sync().value(), 1u);
  // The other node has not called the origin yet; once it has, its sync takes the ban in.
  auto rate = there.RateFor("binance", paper_.url());
  EXPECT_FALSE(rate->Refuse(now_ms, "binance"));
  daemon::RateBudgetSync b(env_.store(), there, env_.clock(), "203.0.113.7");
  ASSERT_EQ(b.Sync().value(), 1u);
  auto refused = rate->Refuse(now_ms + 1000, "binance");
  ASSERT_TRUE(refused);
  EXPECT_EQ(exchange::FailureOf(*refused), exchange::Failure::kBanned);
  EXPECT_EQ(rate->snapshot().used_weight, 5990);
  // A node on another egress IP has its own budget.
  testing::TestEnvironment third_env(false, Vars(paper_.url()));
  auto third = third_env.env().registry().RateFor("binance", paper_.url());
  daemon::RateBudgetSync c(env_.store(), third_env.env().registry(), env_.clock(), "198.51.100.2");
  ASSERT_TRUE(c.Sync());
  EXPECT_FALSE(third->Refuse(now_ms + 1000, "binance"));
}

TEST(BudgetedPeriod, LengthensThePeriodRatherThanExceedTheWeightBudget) {
  using std::chrono::hours;
  using std::chrono::seconds;
  // 21 weight per audit, 6000/min, half the budget: 142.86 audits a minute per IP.
  EXPECT_EQ(daemon::BudgetedPeriod(100, 1, 21, 6000, 0.5, hours(1)), hours(1));
  EXPECT_EQ(daemon::BudgetedPeriod(10000, 1, 21, 6000, 0.5, hours(1)), seconds(4200));  // 70 min
  EXPECT_EQ(daemon::BudgetedPeriod(20000, 1, 21, 6000, 0.5, hours(1)), seconds(8400));
  EXPECT_EQ(daemon::BudgetedPeriod(20000, 2, 21, 6000, 0.5, hours(1)), seconds(4200));
  EXPECT_EQ(daemon::BudgetedPeriod(100000, 1, 21, 6000, 1.0, hours(1)), seconds(21000));
  // The defaults: 30 % each for audits and reconciliation, 40 % left to trading.
  EXPECT_EQ(daemon::BudgetedPeriod(10000, 1, 21, 6000, 0.3, hours(1)), seconds(7000));
  EXPECT_EQ(daemon::BudgetedPeriod(10000, 1, 81, 6000, 0.3, std::chrono::minutes(5)),
            seconds(27000));
}

}  // namespace
}  // namespace amanah::api

namespace amanah::api {
namespace {

TEST_F(ApiFixture, AnOrderRefusedForAPermissionAsksForAnAuditAtOnce) {
  std::vector<store::ConnectionId> asked;
  ApiOptions options;
  options.audit_soon = [&](const store::ConnectionId& id) { asked.push_back(id); };
  api_ = Api::Create(env_.env(), std::move(options)).value();
  ConnectDirect("alpha", "main", "alpha-key");
  ASSERT_TRUE(env_.env().pairs().value()->Approve(store::TenantId("alpha"), "main", {"BTCUSDT"}));
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().FindKey(paper_.key("alpha-key").api_key)->permissions.spot_trade = false;
  }
  Client owner = Login("alpha-owner");
  Response r = Call("POST", "/api/v1/orders",
                    R"({"connection": "main", "pair": "BTCUSDT", "side": "buy",
                        "quantity": "0.001", "limit": "60000"})",
                    &owner);
  EXPECT_EQ(r.status, 422u) << r.body;
  ASSERT_EQ(asked.size(), 1u) << r.body;
  EXPECT_EQ(asked[0], env_.keys().List(store::TenantId("alpha")).value()[0].id);
}

}  // namespace
}  // namespace amanah::api
