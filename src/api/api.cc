#include "api/api.h"

#include <boost/json.hpp>

#include "api/problem.h"
#include "api/routes.h"
#include "base/utc_time.h"

namespace amanah::api {

namespace json = boost::json;
using server::HttpRequest;
using server::HttpResponse;

namespace {

/// The value of cookie `name` in the request's Cookie headers.
std::optional<std::string> CookieOf(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return std::nullopt;
}

access::Scope ScopeOf(Guard guard) {
  switch (guard) {
    case Guard::kTrade:
      return access::Scope::kTrade;
    case Guard::kAdmin:
      return access::Scope::kAdmin;
    default:
      return access::Scope::kRead;
  }
}

}  // namespace

base::Result<std::unique_ptr<Api>> Api::Create(environment::Environment& env, ApiOptions options) {
  AMANAH_ASSIGN_OR_RETURN(access::AccessService * access, env.access());
  AMANAH_ASSIGN_OR_RETURN(keys::KeyService * keys, env.keys());
  AMANAH_ASSIGN_OR_RETURN(engine::OrderEngine * engine, env.engine());
  AMANAH_ASSIGN_OR_RETURN(journal::Journal * journal, env.journal());
  AMANAH_ASSIGN_OR_RETURN(strategy::PlanService * plans, env.plans());
  AMANAH_ASSIGN_OR_RETURN(strategy::PlanRunner * runner, env.plan_runner());
  AMANAH_ASSIGN_OR_RETURN(strategy::SignalReceiver * signals, env.signals());
  AMANAH_TRY(env.revocation());  // made once here; the routes only read it
  return std::unique_ptr<Api>(new Api(env, std::move(options), *access, *keys, *engine, *journal,
                                      PlanParts{*plans, *runner, *signals}));
}

Api::Api(environment::Environment& env, ApiOptions options, access::AccessService& access,
         keys::KeyService& keys, engine::OrderEngine& engine, journal::Journal& journal,
         PlanParts plans)
    : options_(std::move(options)),
      services_{
          env,          access,      keys,
          engine,       journal,     metrics_,
          options_,     blocking_,   options_.tls ? "__Host-amanah_session" : "amanah_session",
          stopping_,    plans.plans, plans.runner,
          plans.signals} {
  metrics_.Declare("amanah_http_requests_total", Metrics::Type::kCounter,
                   "HTTP requests answered, by route pattern, method and status.");
  AddOperationsRoutes(router_, services_);
  AddAccessRoutes(router_, services_);
  AddConnectionRoutes(router_, services_);
  AddIncidentRoutes(router_, services_);
  AddNotifyRoutes(router_, services_);
  AddOrderRoutes(router_, services_);
  AddJournalRoutes(router_, services_);
  AddScreenRoutes(router_, services_);
  AddEventRoutes(router_, services_);
  AddPlanRoutes(router_, services_);
}

Api::~Api() { blocking_.join(); }

server::AsyncHttpHandler Api::Handler() {
  return [this](const HttpRequest& request) { return Handle(request); };
}

boost::asio::awaitable<HttpResponse> Api::Handle(const HttpRequest& request) {
  const auto start = services_.env.clock().Monotonic();
  Trace trace;
  HttpResponse response = co_await Dispatch(request, trace);
  Finish(request, trace, response, start);
  co_return response;
}

boost::asio::awaitable<HttpResponse> Api::Dispatch(const HttpRequest& request, Trace& trace) {
  const std::string_view path = PathOf(request.target);
  Router::Match match = router_.Find(request.method, path);
  if (!match.route) {
    if (match.allow.empty() && options_.site && !path.starts_with("/api/")) {
      const auto encoding = request.Header("accept-encoding");
      if (auto page = options_.site->Answer(
              request.method, path, encoding && encoding->find("gzip") != std::string_view::npos)) {
        trace.site = true;
        co_return std::move(*page);
      }
    }
    if (!match.allow.empty()) {
      HttpResponse out =
          Problem(405, "method-not-allowed",
                  request.method.substr(0, 16) + " is not allowed here; use " + match.allow, path);
      out.headers.emplace_back("Allow", match.allow);
      co_return out;
    }
    co_return Problem(404, "not_found", "no such resource", path);
  }
  const Route& route = *match.route;
  trace.route = &route;
  Call call{request, nullptr, std::nullopt, std::move(match.params)};
  std::optional<access::Principal> principal;
  if (route.guard != Guard::kPublic) {
    auto authorization = request.Header("authorization");
    if (authorization && authorization->starts_with("Bearer ")) {
      auto found = services_.access.AuthenticateToken(authorization->substr(7));
      if (!found) co_return Problem(found.error(), path);
      principal = std::move(*found);
    } else if (auto cookie = CookieOf(request, services_.cookie)) {
      auto found = services_.access.AuthenticateSession(*cookie);
      if (!found) co_return Problem(found.error(), path);
      if (route.ChangesState()) {
        auto csrf = request.Header("x-csrf-token");
        if (!csrf || !services_.access.CheckCsrf(*cookie, *csrf)) {
          co_return Problem(403, "csrf",
                            "a state-changing request with a session needs the X-CSRF-Token "
                            "header from login or GET /api/v1/me",
                            path);
        }
      }
      principal = std::move(*found);
      call.session_token = std::move(*cookie);
    } else {
      co_return Problem(401, "unauthenticated",
                        "log in (POST /api/v1/session) or send Authorization: Bearer <token>",
                        path);
    }
    trace.user = principal->name;
    if (auto allowed = principal->Require(ScopeOf(route.guard)); !allowed) {
      co_return Problem(allowed.error(), path);
    }
    call.principal = &*principal;
  }
  co_return co_await route.handler(call);
}

void Api::Finish(const HttpRequest& request, const Trace& trace, HttpResponse& response,
                 base::MonotonicTime start) {
  auto& h = response.headers;
  if (!trace.site) h.emplace_back("Cache-Control", "no-store");  // a file says its own
  h.emplace_back("X-Content-Type-Options", "nosniff");
  h.emplace_back("X-Frame-Options", "DENY");
  h.emplace_back("Referrer-Policy", "no-referrer");
  h.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  h.emplace_back("Content-Security-Policy",
                 trace.site ? std::string(server::StaticSite::ContentSecurityPolicy())
                            : std::string("default-src 'none'; frame-ancestors 'none'"));
  if (options_.tls) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  const std::string route = trace.route ? trace.route->pattern : trace.site ? "site" : "unmatched";
  const std::string status = std::to_string(response.status);
  metrics_.Add("amanah_http_requests_total",
               {{"route", route},
                {"method", trace.route ? trace.route->method : "other"},
                {"status", status}});
  if (options_.access_log) {
    const auto& clock = services_.env.clock();
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(clock.Monotonic() - start).count();
    json::object line{{"time", base::UtcTime(clock.Now())},
                      {"method", request.method.substr(0, 16)},
                      {"route", route},
                      {"status", response.status},
                      {"ms", static_cast<double>(us) / 1000.0},
                      {"user", trace.user},
                      {"peer", request.peer_ip}};
    options_.access_log(json::serialize(line));
  }
}

}  // namespace amanah::api
