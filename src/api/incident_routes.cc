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
               auto list = s.keys.List(call.Who().tenant);
               if (!list) co_return Problem(list.error(), path);
               bool mine = false;
               for (const auto& c : *list) {
                 mine = mine || (c.label == call.Param("label") && store::IsLive(c.status));
               }
               if (!mine) co_return Problem(404, "not_found", "no such live connection", path);
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
    auto ids = (*revocation)->List(call.Who().tenant);
    if (!ids) co_return Problem(ids.error(), path);
    json::array out;
    for (const auto& id : *ids) {
      auto text = (*revocation)->Report(call.Who().tenant, id, "json");
      if (!text) continue;
      boost::system::error_code ec;
      json::value v = json::parse(*text, ec);
      if (ec || !v.is_object()) continue;
      const json::object& o = v.get_object();
      json::object summary;
      for (const char* k : {"id", "reason", "period", "connection"}) {
        if (auto it = o.find(k); it != o.end()) summary[k] = it->value();
      }
      if (auto it = o.find("foreign_orders"); it != o.end() && it->value().is_array()) {
        summary["foreign_orders"] = it->value().get_array().size();
      }
      out.push_back(std::move(summary));
    }
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
