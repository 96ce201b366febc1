// The daemon's side of the dashboard: the built files served from memory with the strict headers
// (a Content-Security-Policy with no inline script, no framing), gzip twins to browsers that take
// them, app pages answered with index.html, and nothing outside the site; and the live event
// stream: one Server-Sent Event per journal record of the caller's tenant only, resumable after
// Last-Event-ID, ended when the daemon stops.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "daemon/connection_scheduler.h"
#include "server/static_site.h"
#include "testing/temp_dir.h"

namespace amanah::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::optional<std::string> HeaderOf(const server::HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

class StaticSiteTest : public ::testing::Test {
 protected:
  StaticSiteTest() {
    Write(dir_.File("site/index.html"), "<!doctype html><title>Amanah</title>");
    Write(dir_.File("site/assets/app-1234.js"), "console.log('plain')");
    Write(dir_.File("site/assets/app-1234.js.gz"), "GZIPPED");
    Write(dir_.File("site/favicon.svg"), "<svg/>");
  }
  testing::TempDir dir_;
};

TEST_F(StaticSiteTest, FilesPagesAndNothingElse) {
  auto site = server::StaticSite::Load(dir_.File("site"));
  ASSERT_TRUE(site) << site.error();
  EXPECT_EQ(site->files(), 3u);  // the .gz is a twin, not a file of its own

  auto index = site->Answer("GET", "/", true);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, "<!doctype html><title>Amanah</title>");
  EXPECT_EQ(index->content_type, "text/html;charset=UTF-8");
  EXPECT_EQ(HeaderOf(*index, "Cache-Control"), std::optional<std::string>("no-cache"));

  // A page of the app is the app; a missing file is not.
  auto page = site->Answer("GET", "/orders/0123abcd", false);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body, index->body);
  EXPECT_FALSE(site->Answer("GET", "/assets/gone-9999.js", true));
  EXPECT_FALSE(site->Answer("POST", "/", true));
  // Lookups are exact names in the table: no path leaves the root.
  auto climb = site->Answer("GET", "/../../etc/passwd", false);
  ASSERT_TRUE(climb);
  EXPECT_EQ(climb->body, index->body);
  EXPECT_FALSE(site->Answer("GET", "/assets/../../site/favicon.svg", false));

  auto gz = site->Answer("GET", "/assets/app-1234.js", true);
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->body, "GZIPPED");
  EXPECT_EQ(HeaderOf(*gz, "Content-Encoding"), std::optional<std::string>("gzip"));
  EXPECT_EQ(HeaderOf(*gz, "Cache-Control"),
            std::optional<std::string>("public, max-age=31536000, immutable"));
  EXPECT_EQ(HeaderOf(*gz, "Vary"), std::optional<std::string>("Accept-Encoding"));
  auto plain = site->Answer("GET", "/assets/app-1234.js", false);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body, "console.log('plain')");
  EXPECT_EQ(HeaderOf(*plain, "Content-Encoding"), std::nullopt);
  EXPECT_EQ(plain->content_type, "text/javascript;charset=UTF-8");
  auto head = site->Answer("HEAD", "/favicon.svg", false);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->body, "");
  EXPECT_EQ(head->content_type, "image/svg+xml");
}

TEST_F(StaticSiteTest, ADirectoryThatIsNotABuiltDashboardIsRefusedAtStart) {
  auto missing = server::StaticSite::Load(dir_.File("nowhere"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), base::ErrorCode::kNotFound);
  Write(dir_.File("empty/readme.txt"), "x");
  auto no_index = server::StaticSite::Load(dir_.File("empty"));
  ASSERT_FALSE(no_index);
  EXPECT_EQ(no_index.error().code(), base::ErrorCode::kFailedPrecondition);
  EXPECT_THAT(no_index.error().message(), HasSubstr("index.html"));
}

TEST(ContentSecurityPolicy, NoInlineScriptNoFramingNoOtherOrigin) {
  const std::string csp(server::StaticSite::ContentSecurityPolicy());
  EXPECT_THAT(csp, HasSubstr("default-src 'none'"));
  EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(csp, Not(HasSubstr("unsafe")));
  EXPECT_THAT(csp, Not(HasSubstr("*")));
}

class DashboardApi : public ApiFixture {
 protected:
  DashboardApi() {
    Write(site_dir_.File("index.html"), "<!doctype html><title>Amanah</title>");
    Write(site_dir_.File("assets/app-1.js"), "x");
    ApiOptions options;
    options.site = std::make_shared<const server::StaticSite>(
        server::StaticSite::Load(site_dir_.File("")).value());
    api_ = Api::Create(env_.env(), std::move(options)).value();
  }

  /// Opens the event stream as `client`; the first chunk (the retry hint) is read.
  server::HttpResponse Open(const Client& client,
                            std::vector<std::pair<std::string, std::string>> headers = {}) {
    server::HttpRequest r;
    r.method = "GET";
    r.target = "/api/v1/events";
    r.peer_ip = "127.0.0.1";
    r.headers = std::move(headers);
    if (client.cookie) r.headers.emplace_back("cookie", "amanah_session=" + *client.cookie);
    if (client.bearer) r.headers.emplace_back("authorization", "Bearer " + *client.bearer);
    server::HttpResponse out = transport::RunBlocking(env_.env().io(), api_->Handle(r));
    if (out.stream) {
      auto first = Next(out);
      EXPECT_THAT(first.value_or(""), HasSubstr("retry:"));
    }
    return out;
  }
  std::optional<std::string> Next(server::HttpResponse& stream) {
    return transport::RunBlocking(env_.env().io(), stream.stream());
  }

  testing::TempDir site_dir_;
};

TEST_F(DashboardApi, PagesCarryTheStrictHeadersAndTheApiStaysTheApi) {
  Response page = Call("GET", "/connections");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.content_type, "text/html;charset=UTF-8");
  EXPECT_EQ(page.Header("Content-Security-Policy"),
            std::optional<std::string>(server::StaticSite::ContentSecurityPolicy()));
  EXPECT_EQ(page.Header("X-Frame-Options"), std::optional<std::string>("DENY"));
  EXPECT_EQ(page.Header("Referrer-Policy"), std::optional<std::string>("no-referrer"));
  EXPECT_EQ(page.Header("X-Content-Type-Options"), std::optional<std::string>("nosniff"));
  EXPECT_EQ(page.Header("Cache-Control"), std::optional<std::string>("no-cache"));
  // An unknown API path is the API's 404, never the app's page.
  Response missing = Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_EQ(Call("GET", "/assets/missing.js").status, 404u);
  EXPECT_EQ(Call("GET", "/healthz").status, 200u);
}

TEST_F(DashboardApi, EachJournalRecordOfTheTenantIsAnEventAndOnlyItsOwn) {
  Client alpha = Login("alpha-owner");
  Client beta = Login("beta-owner");
  EXPECT_EQ(Open(Client{}).status, 401u);
  server::HttpResponse a = Open(alpha);
  ASSERT_EQ(a.status, 200u);
  ASSERT_TRUE(a.stream);
  EXPECT_EQ(a.content_type, "text/event-stream");
  server::HttpResponse b = Open(beta);
  ASSERT_TRUE(b.stream);

  ConnectDirect("alpha", "main", "alpha-key");  // journals key.connected (and more) for alpha
  auto events = Next(a);
  ASSERT_TRUE(events);
  EXPECT_THAT(*events, HasSubstr("event: change\n"));
  EXPECT_THAT(*events, HasSubstr("\"kind\":\"key."));
  EXPECT_THAT(*events, HasSubstr("id: "));
  // Nothing of the key itself: kind, seq and time only.
  EXPECT_THAT(*events, Not(HasSubstr(paper_.key("alpha-key").api_key)));
  const size_t last_id_at = events->rfind("id: ");
  const std::string last_id =
      events->substr(last_id_at + 4, events->find('\n', last_id_at) - last_id_at - 4);

  // Alpha's audit is journaled in alpha's chain; beta's stream, which then sees beta's own
  // connect, carries none of alpha's records.
  Response audit = Call("POST", "/api/v1/connections/main/audit", "", &alpha);
  ASSERT_EQ(audit.status, 200u) << audit.body;
  ConnectDirect("beta", "main", "beta-key");
  auto beta_events = Next(b);
  ASSERT_TRUE(beta_events);
  EXPECT_THAT(*beta_events, HasSubstr("\"kind\":\"key.connected\""));
  EXPECT_THAT(*beta_events, Not(HasSubstr("key.audited")));

  // A reconnect resumes after the last event seen: the earlier ones are not sent again.
  server::HttpResponse again = Open(alpha, {{"last-event-id", last_id}});
  auto resumed = Next(again);
  ASSERT_TRUE(resumed);
  EXPECT_THAT(*resumed, HasSubstr("\"kind\":\"key.audited\""));
  EXPECT_THAT(*resumed, Not(HasSubstr("key.connected")));

  // When the daemon stops, the streams end.
  api_->StopStreams();
  EXPECT_EQ(Next(a), std::nullopt);
}

TEST_F(DashboardApi, DailySnapshotsBecomeTheTenantsValueOverTime) {
  ConnectDirect("alpha", "main", "alpha-key");
  daemon::ConnectionScheduler::Options o;
  o.audit_every = std::chrono::hours(1);
  daemon::ConnectionScheduler scheduler(
      {env_.store(), env_.keys(), nullptr, env_.env().registry(), env_.clock(), &api_->metrics(),
       env_.env().snapshots().value()},
      o);
  auto plan = scheduler.Plan();
  ASSERT_TRUE(plan) << plan.error();
  ASSERT_EQ(plan->size(), 2u);  // audits and snapshots
  // Within a day each kind of work comes round once.
  size_t done = 0;
  for (int hour = 0; hour < 24; ++hour) {
    done += transport::RunBlocking(env_.env().io(), scheduler.Tick()).value();
    env_.clock().Advance(std::chrono::hours(1));
  }
  EXPECT_GE(done, 2u);
  EXPECT_EQ(api_->metrics().Value("amanah_balance_snapshots_total",
                                  {{"exchange", "binance"}, {"result", "taken"}}),
            1);
  Client alpha = Login("alpha-owner");
  Response h = Call("GET", "/api/v1/balances/history?days=30", "", &alpha);
  ASSERT_EQ(h.status, 200u) << h.body;
  EXPECT_EQ(h.Str("quote"), std::optional<std::string>("USDT"));
  EXPECT_EQ(h.Size("days"), size_t{1});
  // aisha holds 0.25 BTC at 65000 and 2500 USDT: valued exactly, as decimal strings.
  EXPECT_EQ(h.Str("series[0].asset"), std::optional<std::string>("BTC"));
  EXPECT_EQ(h.Str("series[0].values[0]"), std::optional<std::string>("16250"));
  EXPECT_EQ(h.Str("series[1].asset"), std::optional<std::string>("USDT"));
  EXPECT_EQ(h.Str("series[1].values[0]"), std::optional<std::string>("2500"));
  // The next day's snapshot is a second point.
  for (int hour = 0; hour < 24; ++hour) {
    ASSERT_TRUE(transport::RunBlocking(env_.env().io(), scheduler.Tick()));
    env_.clock().Advance(std::chrono::hours(1));
  }
  alpha = Login("alpha-owner");  // the first session has expired meanwhile
  EXPECT_EQ(Call("GET", "/api/v1/balances/history", "", &alpha).Size("days"), size_t{2});
  // Another tenant has no history; a bad window is a clear 400.
  Client beta = Login("beta-owner");
  EXPECT_EQ(Call("GET", "/api/v1/balances/history", "", &beta).Size("days"), size_t{0});
  EXPECT_EQ(Call("GET", "/api/v1/balances/history?days=0", "", &alpha).status, 400u);
  EXPECT_EQ(Call("GET", "/api/v1/balances/history?days=x", "", &alpha).status, 400u);
}

TEST_F(DashboardApi, TheScreenAnswersUnderAnyShippedRulesetAndNeverReadsAFileFromARequest) {
  Client alpha = Login("alpha-owner");
  Response in_use = Call("GET", "/api/v1/screen/assets/USDC", "", &alpha);
  ASSERT_EQ(in_use.status, 200u) << in_use.body;
  EXPECT_EQ(in_use.Str("verdicts[0].ruleset.id"), std::optional<std::string>("default"));
  for (std::string name : {"cautious", "strict", "default"}) {
    Response r = Call("GET", "/api/v1/screen/assets/USDC?ruleset=" + name, "", &alpha);
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.Str("verdicts[0].ruleset.id"), std::optional<std::string>(name));
    Response all = Call("GET", "/api/v1/screen/assets?ruleset=" + name, "", &alpha);
    EXPECT_EQ(all.Str("ruleset"), std::optional<std::string>(name));
  }
  // Only shipped names: a path is a 404 that lists the shipped ones, and loads nothing.
  for (std::string bad : {"nope", "..%2F..%2Fetc%2Fpasswd", "%2Ftmp%2Fx.toml"}) {
    Response r = Call("GET", "/api/v1/screen/assets/BTC?ruleset=" + bad, "", &alpha);
    EXPECT_EQ(r.status, 404u) << bad;
    EXPECT_THAT(r.body, HasSubstr("default, cautious, strict")) << r.body;
  }
}

}  // namespace
}  // namespace amanah::api
