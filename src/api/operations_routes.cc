// /healthz, /readyz, /metrics and the OpenAPI document.
#include <boost/json.hpp>

#include "api/openapi.h"
#include "api/problem.h"
#include "api/routes.h"

namespace amanah::api {

namespace json = boost::json;
using server::HttpResponse;

namespace {

HttpResponse Text(unsigned status, std::string body, std::string type) {
  HttpResponse out;
  out.status = status;
  out.body = std::move(body);
  out.content_type = std::move(type);
  return out;
}

// Gauges read from the store when scraped: they hold for every node, not just this one.
base::Result<void> ScrapeStore(Services& s) {
  return s.env.store().Read([&](store::UnitOfWork& u) -> base::Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto orders, u.orders().CountByState());
    s.metrics.Clear("amanah_orders");
    for (const auto& [state, n] : orders) {
      s.metrics.Set("amanah_orders", {{"state", state}}, static_cast<double>(n));
    }
    AMANAH_ASSIGN_OR_RETURN(auto alerts, u.alerts().CountOpenByKind());
    s.metrics.Clear("amanah_alerts_open");
    for (const auto& [kind, n] : alerts) {
      s.metrics.Set("amanah_alerts_open", {{"kind", kind}}, static_cast<double>(n));
    }
    AMANAH_ASSIGN_OR_RETURN(auto connections, u.connections().ListStates(std::nullopt));
    std::map<std::string, int64_t> by_status;
    for (const auto& c : connections) {
      ++by_status[c.exchange + "\n" + std::string(store::ConnectionStatusName(c.status))];
    }
    s.metrics.Clear("amanah_connections");
    for (const auto& [key, n] : by_status) {
      const size_t nl = key.find('\n');
      s.metrics.Set("amanah_connections",
                    {{"exchange", std::string_view(key).substr(0, nl)},
                     {"status", std::string_view(key).substr(nl + 1)}},
                    static_cast<double>(n));
    }
    AMANAH_ASSIGN_OR_RETURN(int64_t work, u.schedule().Count());
    s.metrics.Set("amanah_scheduled_work_items", {}, static_cast<double>(work));
    return {};
  });
}

// What this node has spent of each exchange origin's request weight, as the exchange last said.
void ScrapeRates(Services& s) {
  const std::string ip = config::EgressLabel(s.env.config());
  s.metrics.Clear("amanah_exchange_request_weight_used");
  s.metrics.Clear("amanah_exchange_request_weight_limit");
  s.metrics.Clear("amanah_exchange_banned");
  s.metrics.Clear("amanah_exchange_calls_total");
  const int64_t now_ms = base::UnixMillis(s.env.clock().Now());
  for (const auto& rate : s.env.registry().Rates()) {
    const auto snap = rate.state->snapshot();
    const Labels labels{{"exchange", rate.exchange}, {"origin", rate.origin}, {"egress_ip", ip}};
    if (snap.used_weight >= 0) {
      s.metrics.Set("amanah_exchange_request_weight_used", labels,
                    static_cast<double>(snap.used_weight));
    }
    if (snap.weight_limit > 0) {
      s.metrics.Set("amanah_exchange_request_weight_limit", labels,
                    static_cast<double>(snap.weight_limit));
    }
    s.metrics.Set("amanah_exchange_banned", labels, snap.banned_until_ms > now_ms ? 1 : 0);
    for (const auto& [outcome, n] : snap.calls) {
      s.metrics.Set("amanah_exchange_calls_total",
                    {{"exchange", rate.exchange}, {"origin", rate.origin}, {"outcome", outcome}},
                    static_cast<double>(n));
    }
  }
}

}  // namespace

void AddOperationsRoutes(Router& router, Services& s) {
  s.metrics.Declare("amanah_orders", Metrics::Type::kGauge, "Orders in the store, by state.");
  s.metrics.Declare("amanah_alerts_open", Metrics::Type::kGauge, "Open alerts, by kind.");
  s.metrics.Declare("amanah_connections", Metrics::Type::kGauge,
                    "Exchange connections, by exchange and status.");
  s.metrics.Declare("amanah_scheduled_work_items", Metrics::Type::kGauge,
                    "Recurring background work items (re-audits) in the store.");
  s.metrics.Declare("amanah_exchange_request_weight_used", Metrics::Type::kGauge,
                    "Request weight used in the exchange's current window, by origin and egress "
                    "IP, as the exchange last reported it to this node.");
  s.metrics.Declare("amanah_exchange_request_weight_limit", Metrics::Type::kGauge,
                    "The request-weight limit the exchange publishes, by origin and egress IP.");
  s.metrics.Declare("amanah_exchange_calls_total", Metrics::Type::kCounter,
                    "Calls this node made to each exchange origin, by outcome (ok, a failure "
                    "class such as network or rate_limited, or held: not sent during a ban or "
                    "back-off).");
  s.metrics.Declare("amanah_exchange_banned", Metrics::Type::kGauge,
                    "1 while the exchange bans this egress IP (a 418 stops every tenant's trading "
                    "on it).");

  router.Add("GET", "/healthz", Guard::kPublic, [](Call&) -> boost::asio::awaitable<HttpResponse> {
    co_return Json(200, json::object{{"status", "ok"}});
  });

  router.Add("GET", "/readyz", Guard::kPublic, [&s](Call&) -> boost::asio::awaitable<HttpResponse> {
    json::object checks;
    // A write unit takes the store's write lock, as every journal append does: if it can be
    // taken and committed, the store and the journal are writable.
    auto writable =
        s.env.store().Write([](store::UnitOfWork&) -> base::Result<void> { return {}; });
    checks["store"] = writable ? "ok" : writable.error().message();
    checks["journal"] = writable ? "ok" : "the store is not writable";
    const bool vault = !s.options.vault_open || s.options.vault_open();
    checks["vault"] = vault ? "ok" : "not open";
    const bool ready = writable && vault;
    co_return Json(ready ? 200 : 503,
                   json::object{{"status", ready ? "ready" : "not ready"}, {"checks", checks}});
  });

  router.Add("GET", "/metrics", Guard::kPublic,
             [&s](Call&) -> boost::asio::awaitable<HttpResponse> {
               if (auto scraped = ScrapeStore(s); !scraped) {
                 co_return Problem(scraped.error(), "/metrics");
               }
               ScrapeRates(s);
               co_return Text(200, s.metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
             });

  router.Add("GET", "/api/v1/openapi.json", Guard::kPublic,
             [](Call&) -> boost::asio::awaitable<HttpResponse> {
               co_return Text(200, std::string(OpenApiDocument()), "application/json");
             });
}

}  // namespace amanah::api
