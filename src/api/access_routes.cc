// Setup, login and logout, the caller, users and personal access tokens.
#include <boost/json.hpp>

#include "access/access_json.h"
#include "api/body.h"
#include "api/off_thread.h"
#include "api/problem.h"
#include "api/routes.h"
#include "base/utc_time.h"
#include "base/wipe.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

std::string SessionCookie(const Services& s, const std::string& token,
                          std::chrono::seconds max_age) {
  return s.cookie + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count()) +
         (s.options.tls ? "; Secure" : "");
}

HttpResponse LoggedInResponse(Services& s, unsigned status, const access::LoggedIn& in) {
  json::object body = access::PrincipalJson(in.principal);
  body["csrf_token"] = in.csrf_token;
  body["expires_at"] = base::UtcTime(in.expires_at);
  HttpResponse out = Json(status, body);
  const auto ttl =
      std::chrono::duration_cast<std::chrono::seconds>(in.expires_at - s.env.clock().Now());
  out.headers.emplace_back("Set-Cookie", SessionCookie(s, in.session_token, ttl));
  return out;
}

struct Login {
  std::string name;
  std::string password;
};

base::Result<Login> ReadLogin(const base::JsonView& v) {
  Login out;
  AMANAH_ASSIGN_OR_RETURN(out.name, v.String("name"));
  AMANAH_ASSIGN_OR_RETURN(out.password, v.String("password"));
  return out;
}

void Wipe(std::string& secret) {
  base::Wipe(secret);
  secret.clear();
}

base::Result<access::NewUser> ReadNewUser(const base::JsonView& v, bool with_role) {
  access::NewUser out;
  AMANAH_ASSIGN_OR_RETURN(out.name, v.String("name"));
  AMANAH_ASSIGN_OR_RETURN(out.password, v.String("password"));
  if (with_role) {
    AMANAH_ASSIGN_OR_RETURN(std::string role, v.String("role"));
    auto parsed = store::ParseUserRole(role);
    if (!parsed) {
      return base::Fail(base::ErrorCode::kInvalidArgument,
                        "role \"" + role.substr(0, 32) + "\" is not owner, operator or viewer");
    }
    out.role = *parsed;
  }
  return out;
}

base::Result<access::IssuedToken> CreateToken(Services& s, const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  auto v = body.view();
  AMANAH_ASSIGN_OR_RETURN(std::string name, v.String("name"));
  AMANAH_ASSIGN_OR_RETURN(auto scope_items, v.Array("scopes"));
  std::string scope_text;
  for (const auto& item : scope_items) {
    AMANAH_ASSIGN_OR_RETURN(std::string scope, item.AsString());
    scope_text += (scope_text.empty() ? "" : ",") + scope;
  }
  AMANAH_ASSIGN_OR_RETURN(access::Scopes scopes, access::ParseScopes(scope_text));
  AMANAH_ASSIGN_OR_RETURN(auto days, v.OptionalInt("expires_in_days"));
  const int64_t d = days.value_or(90);
  if (d < 1 || d > 366) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "expires_in_days must be 1 to 366");
  }
  return s.access.CreateToken(call.Who(), name, scopes, std::chrono::days(d));
}

}  // namespace

void AddAccessRoutes(Router& router, Services& s) {
  router.Add("GET", "/api/v1/setup", Guard::kPublic, [&s](Call& call) -> awaitable<HttpResponse> {
    auto has = s.access.HasUsers();
    if (!has) co_return Problem(has.error(), PathOf(call.request.target));
    co_return Json(200, json::object{{"set_up", *has}});
  });

  router.Add("POST", "/api/v1/setup", Guard::kPublic, [&s](Call& call) -> awaitable<HttpResponse> {
    const std::string_view path = PathOf(call.request.target);
    auto body = Body::Of(call);
    if (!body) co_return Problem(body.error(), path);
    auto v = body->view();
    auto token = v.String("setup_token");
    auto tenant = v.String("tenant");
    auto owner = ReadNewUser(v, false);
    if (!token) co_return Problem(token.error(), path);
    if (!tenant) co_return Problem(tenant.error(), path);
    if (!owner) co_return Problem(owner.error(), path);
    std::string password = owner->password;
    auto work = [&]() -> base::Result<access::LoggedIn> {
      auto user = s.access.Bootstrap(*token, *tenant, std::move(*owner));
      if (!user) return user.error();
      return s.access.Login(user->name, password, call.request.peer_ip);
    };
    auto result = co_await OffThread(s.blocking, std::move(work));
    Wipe(password);
    if (!result) co_return Problem(result.error(), path);
    co_return LoggedInResponse(s, 201, *result);
  });

  router.Add("POST", "/api/v1/session", Guard::kPublic,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto body = Body::Of(call);
               if (!body) co_return Problem(body.error(), path);
               auto login = ReadLogin(body->view());
               if (!login) co_return Problem(login.error(), path);
               auto work = [&] {
                 return s.access.Login(login->name, login->password, call.request.peer_ip);
               };
               auto result = co_await OffThread(s.blocking, std::move(work));
               Wipe(login->password);
               if (!result) co_return Problem(result.error(), path);
               co_return LoggedInResponse(s, 200, *result);
             });

  router.Add(
      "DELETE", "/api/v1/session", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
        if (call.session_token) {
          if (auto out = s.access.Logout(*call.session_token); !out) {
            co_return Problem(out.error(), PathOf(call.request.target));
          }
        }
        HttpResponse out;
        out.status = 204;
        out.headers.emplace_back("Set-Cookie", SessionCookie(s, "", std::chrono::seconds(0)));
        co_return out;
      });

  router.Add("GET", "/api/v1/me", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    json::object body = access::PrincipalJson(call.Who());
    if (call.session_token) body["csrf_token"] = s.access.CsrfFor(*call.session_token);
    co_return Json(200, body);
  });

  router.Add("GET", "/api/v1/users", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    auto users = s.access.ListUsers(call.Who());
    if (!users) co_return Problem(users.error(), PathOf(call.request.target));
    json::array out;
    for (const auto& u : *users) out.push_back(access::UserJson(u));
    co_return Json(200, out);
  });

  router.Add("POST", "/api/v1/users", Guard::kAdmin, [&s](Call& call) -> awaitable<HttpResponse> {
    const std::string_view path = PathOf(call.request.target);
    auto body = Body::Of(call);
    if (!body) co_return Problem(body.error(), path);
    auto input = ReadNewUser(body->view(), true);
    if (!input) co_return Problem(input.error(), path);
    auto work = [&] { return s.access.AddUserAs(call.Who(), std::move(*input)); };
    auto user = co_await OffThread(s.blocking, std::move(work));
    if (!user) co_return Problem(user.error(), path);
    co_return Json(201, access::UserJson(*user));
  });

  router.Add("GET", "/api/v1/tokens", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    auto tokens = s.access.ListTokens(call.Who());
    if (!tokens) co_return Problem(tokens.error(), PathOf(call.request.target));
    json::array out;
    for (const auto& t : *tokens) out.push_back(access::TokenJson(t));
    co_return Json(200, out);
  });

  router.Add("POST", "/api/v1/tokens", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    auto issued = CreateToken(s, call);
    if (!issued) co_return Problem(issued.error(), PathOf(call.request.target));
    json::object body = access::TokenJson(issued->token);
    body["secret"] = issued->secret;  // shown this once
    co_return Json(201, body);
  });

  router.Add("DELETE", "/api/v1/tokens/{id}", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto out = s.access.RevokeToken(call.Who(), call.Param("id"));
               if (!out) co_return Problem(out.error(), PathOf(call.request.target));
               HttpResponse done;
               done.status = 204;
               co_return done;
             });
}

}  // namespace amanah::api
