// Outbound notifications: the tenant's endpoints (add, list, remove, a new secret, a test) and the
// notifications sent to them with their delivery state (list, retry one that was undeliverable).
// Endpoints are an admin's: their URLs may carry a token, and a new one receives the tenant's
// alerts.
#include <boost/json.hpp>

#include "api/body.h"
#include "api/problem.h"
#include "api/routes.h"
#include "notify/notify_json.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

struct NewEndpoint {
  std::string url;
  std::vector<std::string> events;
  std::string description;
};

base::Result<NewEndpoint> ReadEndpoint(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  auto v = body.view();
  NewEndpoint e;
  AMANAH_ASSIGN_OR_RETURN(e.url, v.String("url"));
  AMANAH_ASSIGN_OR_RETURN(auto description, v.OptionalString("description"));
  if (description) e.description = *description;
  AMANAH_ASSIGN_OR_RETURN(auto events, v.OptionalField("events"));
  if (events) {
    AMANAH_ASSIGN_OR_RETURN(auto items, events->AsArray());
    for (const auto& item : items) {
      AMANAH_ASSIGN_OR_RETURN(std::string type, item.AsString());
      e.events.push_back(std::move(type));
    }
  }
  return e;
}

}  // namespace

void AddNotifyRoutes(Router& router, Services& s) {
  router.Add("GET", "/api/v1/notify/endpoints", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto list = (*notifier)->Endpoints(call.Who().tenant);
               if (!list) co_return Problem(list.error(), path);
               json::array out;
               for (const auto& e : *list) out.push_back(notify::EndpointJson(e));
               co_return Json(200, out);
             });

  router.Add("POST", "/api/v1/notify/endpoints", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto request = ReadEndpoint(call);
               if (!request) co_return Problem(request.error(), path);
               auto made = (*notifier)->AddEndpoint(call.Who().tenant, std::move(request->url),
                                                    std::move(request->events),
                                                    std::move(request->description));
               if (!made) co_return Problem(made.error(), path);
               co_return Json(201, notify::EndpointJson(*made));
             });

  router.Add("DELETE", "/api/v1/notify/endpoints/{id}", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto removed = (*notifier)->RemoveEndpoint(call.Who().tenant, call.Param("id"));
               if (!removed) co_return Problem(removed.error(), path);
               co_return Json(200, json::object{{"removed", call.Param("id")}});
             });

  router.Add("POST", "/api/v1/notify/endpoints/{id}/secret", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto made = (*notifier)->NewSecret(call.Who().tenant, call.Param("id"));
               if (!made) co_return Problem(made.error(), path);
               co_return Json(200, notify::EndpointJson(*made));
             });

  router.Add("POST", "/api/v1/notify/endpoints/{id}/test", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto queued = (*notifier)->SendTest(call.Who().tenant, call.Param("id"));
               if (!queued) co_return Problem(queued.error(), path);
               co_return Json(200, notify::NotificationJson(*queued));
             });

  router.Add("GET", "/api/v1/notifications", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto list = (*notifier)->List(call.Who().tenant);
               if (!list) co_return Problem(list.error(), path);
               json::array out;
               for (const auto& n : *list) out.push_back(notify::NotificationJson(n));
               co_return Json(200, out);
             });

  router.Add("POST", "/api/v1/notifications/{id}/retry", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               auto notifier = s.env.notifier();
               if (!notifier) co_return Problem(notifier.error(), path);
               auto again = (*notifier)->Retry(call.Who().tenant, call.Param("id"));
               if (!again) co_return Problem(again.error(), path);
               co_return Json(200, notify::NotificationJson(*again));
             });
}

}  // namespace amanah::api
