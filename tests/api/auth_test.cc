// Login, sessions, CSRF, lockout, tokens and setup through the API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api/api_fixture.h"

namespace amanah::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace json = boost::json;

std::string LoginBody(const std::string& name, std::string_view password) {
  return json::serialize(json::object{{"name", name}, {"password", password}});
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(ApiFixture, LoginSetsAStrictHttpOnlyCookieAndMeShowsTheCallerAndItsCsrfToken) {
  Response r = Call("POST", "/api/v1/session", LoginBody("alpha-owner", kPassword));
  ASSERT_EQ(r.status, 200u) << r.body;
  const std::string cookie = r.Header("Set-Cookie").value();
  EXPECT_THAT(cookie, HasSubstr("amanah_session="));
  EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(cookie, HasSubstr("; Path=/"));
  EXPECT_THAT(cookie, Not(HasSubstr("Secure")));  // plain HTTP on loopback
  Client c = Login("alpha-owner");
  Response me = Call("GET", "/api/v1/me", "", &c);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.Str("name"), std::string("alpha-owner"));
  EXPECT_EQ(me.Str("tenant"), std::string("alpha"));
  EXPECT_EQ(me.Str("role"), std::string("owner"));
  EXPECT_EQ(me.Str("csrf_token"), *c.csrf);
  EXPECT_EQ(me.Header("Cache-Control"), "no-store");
  EXPECT_EQ(me.Header("X-Frame-Options"), "DENY");
  // Logging out ends the session on the server, not only in the browser.
  ASSERT_EQ(Call("DELETE", "/api/v1/session", "", &c).status, 204u);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", &c).status, 401u);
}

TEST_F(ApiFixture, UnderTlsTheCookieIsSecureAndHostPrefixed) {
  ApiOptions options;
  options.tls = true;
  auto tls_api = Api::Create(env_.env(), std::move(options)).value();
  server::HttpRequest r;
  r.method = "POST";
  r.target = "/api/v1/session";
  r.body = LoginBody("alpha-owner", kPassword);
  r.headers.emplace_back("content-type", "application/json");
  auto out = transport::RunBlocking(env_.env().io(), tls_api->Handle(r));
  ASSERT_EQ(out.status, 200u) << out.body;
  std::string cookie;
  bool hsts = false;
  for (const auto& [k, v] : out.headers) {
    if (k == "Set-Cookie") cookie = v;
    if (k == "Strict-Transport-Security") hsts = true;
  }
  EXPECT_THAT(cookie, HasSubstr("__Host-amanah_session="));
  EXPECT_THAT(cookie, HasSubstr("; Secure"));
  EXPECT_TRUE(hsts);
}

TEST_F(ApiFixture, FiveWrongPasswordsLockTheAccountEvenForTheRightOne) {
  for (int i = 0; i < 4; ++i) {
    Response r = Call("POST", "/api/v1/session", LoginBody("alpha-viewer", "wrong password!!"));
    EXPECT_EQ(r.status, 401u);
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(r.Str("detail"), std::string("wrong user name or password"));
  }
  // The fifth locks it; from then on even the right password is refused, with when it ends.
  EXPECT_EQ(Call("POST", "/api/v1/session", LoginBody("alpha-viewer", "wrong password!!")).status,
            401u);
  Response locked = Call("POST", "/api/v1/session", LoginBody("alpha-viewer", kPassword));
  EXPECT_EQ(locked.status, 429u);
  EXPECT_THAT(locked.Str("detail").value(), HasSubstr("locked after 5 wrong passwords until"));
  // A wrong name answers exactly as a wrong password does.
  Response unknown = Call("POST", "/api/v1/session", LoginBody("nobody", kPassword));
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(unknown.Str("detail"), std::string("wrong user name or password"));
  // After the lockout it works again, and the lock is journaled.
  env_.clock().Advance(std::chrono::minutes(16));
  EXPECT_EQ(Call("POST", "/api/v1/session", LoginBody("alpha-viewer", kPassword)).status, 200u);
  auto kinds = env_.JournalKinds();
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "user.locked"), kinds.end());
}

TEST_F(ApiFixture, OneAddressGuessingManyNamesIsRefusedUntilTheWindowEnds) {
  // Twenty failed logins from one address, each for a different name (no account locks)...
  peer_ = "192.0.2.9";
  for (int i = 0; i < 20; ++i) {
    Response r = Call("POST", "/api/v1/session", LoginBody("guess" + std::to_string(i), kPassword));
    EXPECT_EQ(r.status, 401u) << i;
  }
  // ...and the address is refused, even with a right password, before any hash is computed.
  Response refused = Call("POST", "/api/v1/session", LoginBody("alpha-owner", kPassword));
  EXPECT_EQ(refused.status, 429u);
  EXPECT_THAT(refused.Str("detail").value(),
              HasSubstr("too many failed logins from this address (20); try again after"));
  // Another address is not affected, nor is the account.
  peer_ = "127.0.0.1";
  EXPECT_EQ(Call("POST", "/api/v1/session", LoginBody("alpha-owner", kPassword)).status, 200u);
  // The count is in the store (every node sees it), and ends with its window.
  peer_ = "192.0.2.9";
  env_.clock().Advance(std::chrono::minutes(15));
  EXPECT_EQ(Call("POST", "/api/v1/session", LoginBody("alpha-owner", kPassword)).status, 200u);
}

TEST_F(ApiFixture, EveryStateChangingRouteRefusesASessionWithoutTheCsrfToken) {
  Client c = Login("alpha-owner");
  c.send_csrf = false;
  Client wrong = c;
  wrong.send_csrf = true;
  wrong.csrf = "not-the-token";
  size_t checked = 0;
  for (const auto& route : api_->router().routes()) {
    if (!route.ChangesState() || route.guard == Guard::kPublic) continue;
    std::string target = route.pattern;
    for (std::string param : {"{label}", "{id}", "{pair}", "{subject}"}) {
      for (size_t at; (at = target.find(param)) != std::string::npos;)
        target.replace(at, param.size(), "x");
    }
    Response r = Call(route.method, target, "{}", &c);
    EXPECT_EQ(r.status, 403u) << route.method << " " << route.pattern << ": " << r.body;
    EXPECT_THAT(r.body, HasSubstr("/api/v1/problems/csrf")) << route.pattern;
    EXPECT_EQ(Call(route.method, target, "{}", &wrong).status, 403u) << route.pattern;
    ++checked;
  }
  EXPECT_GE(checked, 12u);
  // With the token the same session gets past the guard.
  c.send_csrf = true;
  EXPECT_EQ(Call("POST", "/api/v1/tokens",
                 R"({"name": "ci", "scopes": ["read"], "expires_in_days": 7})", &c)
                .status,
            201u);
}

TEST_F(ApiFixture, TokensAreScopedExpiringRevocableAndNeverStoredInTheClear) {
  Client owner = Login("alpha-owner");
  Response made = Call("POST", "/api/v1/tokens",
                       R"({"name": "script", "scopes": ["read"], "expires_in_days": 1})", &owner);
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string secret = made.Str("secret").value();
  const std::string id = made.Str("id").value();
  EXPECT_THAT(secret, ::testing::StartsWith("amanah_pat_" + id + "_"));
  Client token;
  token.bearer = secret;
  Response me = Call("GET", "/api/v1/me", "", &token);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.Str("via"), std::string("token"));
  EXPECT_EQ(me.At("scopes"), json::value(json::array{"read"}));
  // A token cannot make tokens, and its secret is listed nowhere.
  EXPECT_EQ(Call("POST", "/api/v1/tokens", R"({"name": "x", "scopes": ["read"]})", &token).status,
            403u);
  Response listed = Call("GET", "/api/v1/tokens", "", &owner);
  EXPECT_THAT(listed.body, Not(HasSubstr(secret.substr(24))));
  // A viewer cannot mint a trade token.
  Client viewer = Login("alpha-viewer");
  EXPECT_EQ(Call("POST", "/api/v1/tokens", R"({"name": "x", "scopes": ["trade"]})", &viewer).status,
            403u);
  // Expired, then revoked: refused.
  env_.clock().Advance(std::chrono::hours(25));
  EXPECT_EQ(Call("GET", "/api/v1/me", "", &token).status, 401u);
  Client fresh = Token("alpha-owner", access::Scope::kRead);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", &fresh).status, 200u);
  owner = Login("alpha-owner");
  const std::string fresh_id = fresh.bearer->substr(11, 12);
  EXPECT_EQ(Call("DELETE", "/api/v1/tokens/" + fresh_id, "", &owner).status, 204u);
  EXPECT_EQ(Call("GET", "/api/v1/me", "", &fresh).status, 401u);
  // Neither passwords nor token secrets nor session tokens are in the database file.
  const std::string db = ReadAll(env_.db_path()) + ReadAll(env_.db_path() + "-wal");
  EXPECT_EQ(db.find(std::string(kPassword)), std::string::npos);
  EXPECT_EQ(db.find(secret.substr(24)), std::string::npos);
  EXPECT_EQ(db.find(fresh.bearer->substr(24)), std::string::npos);
  EXPECT_EQ(db.find(*owner.cookie), std::string::npos);
}

TEST_F(ApiFixture, TheSetupTokenMakesTheFirstOwnerOnceOnANewInstallation) {
  // A fresh installation (this fixture's users are in another data directory).
  testing::TestEnvironment fresh(true, Vars(paper_.url()));
  auto api = Api::Create(fresh.env(), {}).value();
  auto call = [&](const std::string& method, const std::string& target, const std::string& body) {
    server::HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    if (!body.empty()) r.headers.emplace_back("content-type", "application/json");
    return transport::RunBlocking(fresh.env().io(), api->Handle(r));
  };
  EXPECT_EQ(call("GET", "/api/v1/setup", "").body, R"({"set_up":false})");
  auto* service = fresh.env().access().value();
  const std::string token = service->IssueSetupToken().value();
  auto body = [&](const std::string& t) {
    return json::serialize(json::object{
        {"setup_token", t}, {"tenant", "home"}, {"name", "fatima"}, {"password", kPassword}});
  };
  EXPECT_EQ(call("POST", "/api/v1/setup", body("wrong-token")).status, 401u);
  auto made = call("POST", "/api/v1/setup", body(token));
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_THAT(made.body, HasSubstr(R"("role":"owner")"));
  // Spent: a second use is refused, and no new token can be issued once a user exists.
  EXPECT_EQ(call("POST", "/api/v1/setup", body(token)).status, 409u);
  EXPECT_FALSE(service->IssueSetupToken());
  EXPECT_EQ(call("GET", "/api/v1/setup", "").body, R"({"set_up":true})");
}

TEST_F(ApiFixture, ErrorsAreProblemDetails) {
  Response missing = Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_EQ(missing.At("status"), json::value(404));
  EXPECT_EQ(missing.Str("instance"), std::string("/api/v1/nothing-here"));
  EXPECT_TRUE(missing.Str("type") && missing.Str("title") && missing.Str("detail"));
  Response method = Call("PUT", "/api/v1/connections");
  EXPECT_EQ(method.status, 405u);
  EXPECT_EQ(method.Header("Allow"), "GET, POST");
  Response anonymous = Call("GET", "/api/v1/connections");
  EXPECT_EQ(anonymous.status, 401u);
  EXPECT_TRUE(anonymous.Header("WWW-Authenticate"));
  Client c = Login("alpha-owner");
  Response bad = Call("POST", "/api/v1/tokens", "{not json", &c);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_THAT(bad.body, HasSubstr("not JSON"));
  Response field = Call("POST", "/api/v1/tokens", R"({"name": 7, "scopes": []})", &c);
  EXPECT_EQ(field.status, 400u);
  EXPECT_THAT(field.body, HasSubstr("name"));
}

}  // namespace
}  // namespace amanah::api
