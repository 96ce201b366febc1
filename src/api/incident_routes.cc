// Revocation and incident reports: revoke a connection in one action (its plans paused, a last
// reconciliation, optionally its open orders cancelled, the secret crypto-shredded) and read the
// incident reports written, as JSON or as a standalone HTML page — all within the caller's tenant.
#include <boost/json.hpp>

#include "api/body.h"
#include "api/problem.h"
#include "api/routes.h"
#include "incident/revocation.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

base::Result<incident::RevokeRequest> ReadRevoke(const Call& call) {
  incident::RevokeRequest r;
  r.label = call.Param("label");
  if (call.request.body.empty()) return r;
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  auto v = body.view();
  AMANAH_ASSIGN_OR_RETURN(auto cancel, v.OptionalBool("cancel_open_orders"));
  if (cancel) r.cancel_open_orders = *cancel;
  AMANAH_ASSIGN_OR_RETURN(auto reason, v.OptionalString("reason"));
  if (reason && !reason->empty()) {
    if (reason->size() > 500) {
      return base::Fail(base::ErrorCode::kInvalidArgument, "reason: at most 500 characters");
    }
    r.reason = *reason;
  }
  return r;
}

}  // namespace

void AddIncidentRoutes(Router& router, Services& s) {
  router.Add("POST", "/api/v1/connections/{label}/revoke", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto revocation = s.env.revocation();
               if (!revocation) co_return Problem(revocation.error(), path);
               // Whose connection first: another tenant's is a 404 whatever the body says.
               auto mine = s.keys.Find(call.Who().tenant, call.Param("label"));
               if (!mine) co_return Problem(mine.error(), path);
               auto request = ReadRevoke(call);
               if (!request) co_return Problem(request.error(), path);
               auto done = co_await (*revocation)->Revoke(call.Who().tenant, std::move(*request));
               if (!done) co_return Problem(done.error(), path);
               if (s.options.connections_changed) s.options.connections_changed();
               co_return Json(200, json::object{{"outcome", "revoked"},
                                                {"report", incident::IncidentJson(done->report)},
                                                {"html", "/api/v1/incidents/" + done->report.id +
                                                             "?format=html"}});
             });

  router.Add("GET", "/api/v1/incidents", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    const std::string_view path = PathOf(call.request.target);
    auto revocation = s.env.revocation();
    if (!revocation) co_return Problem(revocation.error(), path);
    auto summaries = (*revocation)->List(call.Who().tenant);
    if (!summaries) co_return Problem(summaries.error(), path);
    json::array out(summaries->begin(), summaries->end());
    co_return Json(200, out);
  });

  router.Add(
      "GET", "/api/v1/incidents/{id}", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
        const std::string_view path = PathOf(call.request.target);
        const std::string format = call.Query("format").value_or("json");
        if (format != "json" && format != "html") {
          co_return Problem(400, "invalid_argument", "format is json or html", path);
        }
        auto revocation = s.env.revocation();
        if (!revocation) co_return Problem(revocation.error(), path);
        auto text = (*revocation)->Report(call.Who().tenant, call.Param("id"), format);
        if (!text) co_return Problem(text.error(), path);
        HttpResponse out;
        out.body = std::move(*text);
        out.content_type = format == "json" ? "application/json" : "text/html; charset=utf-8";
        if (format == "html") {
          out.headers.emplace_back(
              "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        }
        co_return out;
      });
}

}  // namespace amanah::api
