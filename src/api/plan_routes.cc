// Plans: create (DCA, rebalance, webhook), list, show with recent runs, pause, resume, run now,
// history, delete, the webhook URL and a new secret; and the webhook receiver itself
// (POST /api/v1/hooks/{plan}), public but authenticated by the plan's secret.
#include <boost/json.hpp>

#include "api/body.h"
#include "api/problem.h"
#include "api/routes.h"
#include "strategy/plan_history_json.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

// Where senders reach this plan's webhook: the configured public origin, else the one the caller
// reached the API at.
std::string WebhookUrl(Services& s, const Call& call, const std::string& plan_id) {
  std::string origin;
  if (s.env.config().plans.public_url) {
    origin = *s.env.config().plans.public_url;
  } else {
    auto host = call.request.Header("host");
    origin = std::string(s.options.tls ? "https://" : "http://") +
             std::string(host ? *host : std::string_view("127.0.0.1"));
  }
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  return origin + "/api/v1/hooks/" + plan_id;
}

json::object WebhookJson(Services& s, const Call& call, const strategy::CreatedPlan& created) {
  json::object o{{"url", WebhookUrl(s, call, created.view.plan.id)},
                 {"signature_header", "X-Amanah-Signature"},
                 {"timestamp_header", "X-Amanah-Timestamp"}};
  if (created.webhook_secret) {
    o["secret"] = created.webhook_secret->view();  // shown this once
    o["secret_shown_once"] = true;
  }
  return o;
}

json::object Shown(const strategy::PlanView& v) {
  return strategy::ToJson(v.plan, v.connection_label);
}

}  // namespace

void AddPlanRoutes(Router& router, Services& s) {
  router.Add("POST", "/api/v1/plans", Guard::kTrade, [&s](Call& call) -> awaitable<HttpResponse> {
    auto body = Body::Of(call);
    if (!body) co_return Problem(body.error(), PathOf(call.request.target));
    auto created = s.plans.Create(call.Who().tenant, body->view());
    if (!created) co_return Problem(created.error(), PathOf(call.request.target));
    json::object out{{"plan", Shown(created->view)}};
    if (created->view.plan.kind() == strategy::PlanKind::kWebhook) {
      out["webhook"] = WebhookJson(s, call, *created);
    }
    co_return Json(201, out);
  });

  router.Add("GET", "/api/v1/plans", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    auto plans = s.plans.List(call.Who().tenant);
    if (!plans) co_return Problem(plans.error(), PathOf(call.request.target));
    json::array out;
    for (const auto& v : *plans) out.push_back(Shown(v));
    co_return Json(200, out);
  });

  router.Add("GET", "/api/v1/plans/{id}", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto v = s.plans.Find(call.Who().tenant, call.Param("id"));
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               auto runs = s.plans.History(call.Who().tenant, v->plan.id, 20);
               if (!runs) co_return Problem(runs.error(), PathOf(call.request.target));
               json::object out = Shown(*v);
               json::array recent;
               for (const auto& r : *runs) recent.push_back(strategy::RunJson(r));
               out["recent_runs"] = std::move(recent);
               co_return Json(200, out);
             });

  router.Add("POST", "/api/v1/plans/{id}/pause", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto found = s.plans.Find(call.Who().tenant, call.Param("id"));
               if (!found) co_return Problem(found.error(), PathOf(call.request.target));
               std::string reason;
               if (!call.request.body.empty()) {
                 auto body = Body::Of(call);
                 if (!body) co_return Problem(body.error(), PathOf(call.request.target));
                 auto r = body->view().OptionalString("reason");
                 if (!r) co_return Problem(r.error(), PathOf(call.request.target));
                 if (*r) reason = "paused by " + call.Who().name + ": " + **r;
               }
               if (reason.empty()) reason = "paused by " + call.Who().name;
               auto v = s.plans.Pause(call.Who().tenant, call.Param("id"), reason);
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               co_return Json(200, Shown(*v));
             });

  router.Add("POST", "/api/v1/plans/{id}/resume", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto v = s.plans.Resume(call.Who().tenant, call.Param("id"));
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               co_return Json(200, Shown(*v));
             });

  router.Add("POST", "/api/v1/plans/{id}/run", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto v = s.plans.Find(call.Who().tenant, call.Param("id"));
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               strategy::RunRequest request{call.Who().tenant, v->plan.id, s.env.clock().Now(),
                                            std::nullopt};
               auto run = co_await s.runner.Run(std::move(request));
               if (!run) co_return Problem(run.error(), PathOf(call.request.target));
               co_return Json(201, strategy::RunJson(*run));
             });

  router.Add("POST", "/api/v1/plans/{id}/simulate", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               // Another tenant's plan is a 404 whatever the body says.
               auto v = s.plans.Find(call.Who().tenant, call.Param("id"));
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               auto body = Body::Of(call);
               if (!body) co_return Problem(body.error(), PathOf(call.request.target));
               auto request =
                   strategy::ParseSimulationRequest(body->view(), call.Who().tenant, v->plan.id);
               if (!request) co_return Problem(request.error(), PathOf(call.request.target));
               auto simulator = s.env.simulator();
               if (!simulator) co_return Problem(simulator.error(), PathOf(call.request.target));
               auto result = co_await (*simulator)->Run(std::move(*request));
               if (!result) co_return Problem(result.error(), PathOf(call.request.target));
               co_return Json(200, strategy::SimulationJson(*result));
             });

  router.Add("GET", "/api/v1/plans/{id}/history", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto runs = s.plans.History(call.Who().tenant, call.Param("id"), 500);
               if (!runs) co_return Problem(runs.error(), PathOf(call.request.target));
               json::array out;
               for (const auto& r : *runs) out.push_back(strategy::RunJson(r));
               auto signals = s.plans.Signals(call.Who().tenant, call.Param("id"), 500);
               if (!signals) co_return Problem(signals.error(), PathOf(call.request.target));
               json::array received;
               for (const auto& sig : *signals) received.push_back(strategy::SignalRowJson(sig));
               co_return Json(
                   200, json::object{{"runs", std::move(out)}, {"signals", std::move(received)}});
             });

  router.Add("DELETE", "/api/v1/plans/{id}", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto deleted = s.plans.Delete(call.Who().tenant, call.Param("id"));
               if (!deleted) co_return Problem(deleted.error(), PathOf(call.request.target));
               co_return Json(200, json::object{{"deleted", call.Param("id")}});
             });

  router.Add("GET", "/api/v1/plans/{id}/webhook", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto v = s.plans.Find(call.Who().tenant, call.Param("id"));
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               if (v->plan.kind() != strategy::PlanKind::kWebhook) {
                 co_return Problem(409, "not-a-webhook-plan",
                                   "plan " + v->plan.name + " runs on a schedule, not on signals",
                                   PathOf(call.request.target));
               }
               co_return Json(200, WebhookJson(s, call, strategy::CreatedPlan{*v, std::nullopt}));
             });

  router.Add("POST", "/api/v1/plans/{id}/webhook/secret", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto created = s.plans.RotateSecret(call.Who().tenant, call.Param("id"));
               if (!created) co_return Problem(created.error(), PathOf(call.request.target));
               co_return Json(201, WebhookJson(s, call, *created));
             });

  // The receiver: no session or token — the plan's secret authenticates the sender.
  router.Add("POST", "/api/v1/hooks/{plan}", Guard::kPublic,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto header = [&](std::string_view name) -> std::optional<std::string> {
                 auto h = call.request.Header(name);
                 if (!h) return std::nullopt;
                 return std::string(*h);
               };
               auto received =
                   s.signals.Receive(call.Param("plan"), call.request.body,
                                     header("x-amanah-signature"), header("x-amanah-timestamp"));
               if (auto* refused = std::get_if<strategy::SignalRefusal>(&received)) {
                 co_return Problem(refused->status, refused->type, refused->detail,
                                   PathOf(call.request.target));
               }
               const auto& row = std::get<store::SignalRow>(received);
               co_return Json(202, json::object{{"signal", row.signal_id},
                                                {"state", row.state},
                                                {"detail",
                                                 "queued; it is placed through the "
                                                 "plan's checks within seconds"}});
             });
}

}  // namespace amanah::api
