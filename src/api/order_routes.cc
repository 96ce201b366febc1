// Orders: place (or dry-run) through the engine's fail-closed checks, list, get with its check
// decisions and the journal records that prove its history, cancel.
#include <boost/json.hpp>

#include "api/body.h"
#include "api/problem.h"
#include "api/routes.h"
#include "base/json_reader.h"
#include "crypto/encoding.h"
#include "engine/submit_outcome_json.h"
#include "journal/report.h"
#include "order/intent_input.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

struct OrderBody {
  order::Intent intent;
  bool dry_run = false;
};

base::Result<OrderBody> ReadOrder(Services& s, const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  auto v = body.view();
  order::IntentInput in;
  AMANAH_ASSIGN_OR_RETURN(in.connection, v.String("connection"));
  AMANAH_ASSIGN_OR_RETURN(in.pair, v.String("pair"));
  AMANAH_ASSIGN_OR_RETURN(in.side, v.String("side"));
  for (auto [name, field] :
       {std::pair{"quantity", &in.quantity}, std::pair{"quote_amount", &in.quote_amount},
        std::pair{"limit", &in.limit}, std::pair{"type", &in.type},
        std::pair{"trigger", &in.trigger}, std::pair{"id", &in.id}}) {
    AMANAH_ASSIGN_OR_RETURN(auto text, v.OptionalString(name));
    if (text) *field = std::move(*text);
  }
  AMANAH_ASSIGN_OR_RETURN(auto tif, v.OptionalString("tif"));
  if (tif) in.tif = *tif;
  AMANAH_ASSIGN_OR_RETURN(auto trailing, v.OptionalInt("trailing_bips"));
  in.trailing_bips = trailing.value_or(0);
  OrderBody out;
  AMANAH_ASSIGN_OR_RETURN(auto dry, v.OptionalBool("dry_run"));
  out.dry_run = dry.value_or(false);
  AMANAH_ASSIGN_OR_RETURN(out.intent,
                          order::BuildIntent(in, s.engine.NewIntent(call.Who().tenant)));
  out.intent.source = order::Source::kManual;
  return out;
}

bool LooksLikeAPermissionChange(exchange::Failure f) {
  using exchange::Failure;
  return f == Failure::kKeyInvalid || f == Failure::kKeyRefused || f == Failure::kKeyOrIpRefused ||
         f == Failure::kIpNotWhitelisted || f == Failure::kPermissionMissing;
}

unsigned StatusOf(engine::SubmitOutcome::Kind kind) {
  using Kind = engine::SubmitOutcome::Kind;
  switch (kind) {
    case Kind::kPlaced:
      return 201;
    case Kind::kUnknown:
      return 202;
    case Kind::kRejected:
      return 422;
    default:
      return 200;
  }
}

// The order, the checks its intent passed or failed, and every journal record about it with the
// hashes that chain it (a client can recompute them from the export).
base::Result<json::object> OrderProof(Services& s, const Call& call) {
  const auto& tenant = call.Who().tenant;
  AMANAH_ASSIGN_OR_RETURN(store::OrderRow row, s.engine.Get(tenant, call.Param("id")));
  json::object out{{"order", order::RowJson(row)}};
  json::array records;
  journal::Filter filter;
  filter.tenant = tenant.value();
  filter.kind = "order.";
  filter.since_ms = base::UnixMillis(row.created_at) - 1000;
  const std::string needle = "\"" + row.id + "\"";
  AMANAH_TRY(journal::Visit(s.env.store(), filter, [&](const store::JournalRow& r) {
    if (r.payload.find(needle) == std::string::npos) return;
    // Our own canonical JSON; read through the checked reader all the same.
    auto doc = base::JsonDocument::Parse(r.payload, {"journal record " + std::to_string(r.seq)});
    if (doc && !out.contains("checks")) {
      if (auto checks = doc->Root().OptionalField("checks"); checks && *checks) {
        out["checks"] = (*checks)->raw();
      }
    }
    records.push_back(json::object{{"seq", r.seq},
                                   {"time", journal::IsoMillis(r.time_ms)},
                                   {"kind", r.kind},
                                   {"prev_hash", crypto::HexEncode(r.prev_hash)},
                                   {"hash", crypto::HexEncode(r.hash)},
                                   {"payload", doc ? doc->value() : json::value(r.payload)}});
  }));
  if (!out.contains("checks")) out["checks"] = nullptr;
  out["journal"] = std::move(records);
  return out;
}

}  // namespace

void AddOrderRoutes(Router& router, Services& s) {
  s.metrics.Declare(
      "amanah_check_outcomes_total", Metrics::Type::kCounter,
      "Pre-trade check decisions, by check and outcome (pass, reject, shadow_reject).");
  s.metrics.Declare("amanah_order_submissions_total", Metrics::Type::kCounter,
                    "Orders submitted through the API, by outcome.");

  router.Add("POST", "/api/v1/orders", Guard::kTrade, [&s](Call& call) -> awaitable<HttpResponse> {
    auto body = ReadOrder(s, call);
    if (!body) co_return Problem(body.error(), PathOf(call.request.target));
    auto outcome = co_await s.engine.Submit(std::move(body->intent), body->dry_run);
    if (!outcome) co_return Problem(outcome.error(), PathOf(call.request.target));
    for (const auto& c : outcome->chain.outcomes) {
      if (!c.ran) continue;
      std::string_view result = !c.decision                       ? "pass"
                                : c.mode == policy::Mode::kShadow ? "shadow_reject"
                                                                  : "reject";
      s.metrics.Add("amanah_check_outcomes_total", {{"check", c.check}, {"outcome", result}});
    }
    s.metrics.Add("amanah_order_submissions_total", {{"outcome", engine::KindName(outcome->kind)}});
    if (outcome->exchange_failure && outcome->order && s.options.audit_soon &&
        LooksLikeAPermissionChange(outcome->exchange_failure->failure)) {
      s.options.audit_soon(outcome->order->connection);
    }
    co_return Json(StatusOf(outcome->kind), engine::SubmitOutcomeJson(*outcome));
  });

  router.Add("GET", "/api/v1/orders", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    auto open = call.Query("open");
    auto rows = s.engine.List(call.Who().tenant, call.Query("connection"),
                              open && (*open == "true" || *open == "1"));
    if (!rows) co_return Problem(rows.error(), PathOf(call.request.target));
    json::array out;
    for (const auto& r : *rows) out.push_back(order::RowJson(r));
    co_return Json(200, out);
  });

  router.Add("GET", "/api/v1/orders/{id}", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto proof = OrderProof(s, call);
               if (!proof) co_return Problem(proof.error(), PathOf(call.request.target));
               co_return Json(200, *proof);
             });

  router.Add("DELETE", "/api/v1/orders/{id}", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto row = co_await s.engine.Cancel(call.Who().tenant, call.Param("id"));
               if (!row) co_return Problem(row.error(), PathOf(call.request.target));
               co_return Json(200, order::RowJson(*row));
             });
}

}  // namespace amanah::api
