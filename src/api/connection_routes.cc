// Exchange connections: connect (the key and its secret in the JSON body, never in a URL), list,
// get, audit, balances, approved pairs, disconnect — all within the caller's tenant.
#include <charconv>

#include <boost/json.hpp>

#include "api/body.h"
#include "api/problem.h"
#include "api/routes.h"
#include "exchange/key_material.h"
#include "keys/label.h"
#include "keys/outcome_json.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

// The key's material from a request body: api_key, and secret (HMAC) or private_key (PEM), and
// an optional passphrase — copied straight into locked memory; Body wipes its own copy when it
// goes.
base::Result<exchange::KeyMaterial> ReadKeyMaterial(const base::JsonView& v) {
  exchange::KeyMaterial key;
  AMANAH_ASSIGN_OR_RETURN(key.api_key, v.String("api_key"));
  AMANAH_ASSIGN_OR_RETURN(auto secret, v.OptionalField("secret"));
  AMANAH_ASSIGN_OR_RETURN(auto private_key, v.OptionalField("private_key"));
  if (secret.has_value() == private_key.has_value()) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "give the key's secret (HMAC) or its private_key (Ed25519 or RSA PEM), one "
                      "of them");
  }
  const auto& field = secret ? *secret : *private_key;
  if (!field.IsString()) return field.Problem("must be a string");
  const auto& text = field.raw().get_string();
  key.secret = crypto::SecretBytes::CopyFrom(
      std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  if (secret) {
    key.key_type = "hmac";
  } else {
    AMANAH_ASSIGN_OR_RETURN(key.key_type, exchange::PrivateKeyType(key.secret.view()));
  }
  AMANAH_ASSIGN_OR_RETURN(auto passphrase, v.OptionalField("passphrase"));
  if (passphrase) {
    if (!passphrase->IsString()) return passphrase->Problem("must be a string");
    const auto& p = passphrase->raw().get_string();
    key.passphrase = crypto::SecretBytes::CopyFrom(
        std::span(reinterpret_cast<const uint8_t*>(p.data()), p.size()));
  }
  // Where the exchange answers comes from the operator's configuration only: a user who could
  // name an endpoint could make the daemon send requests anywhere.
  if (v.Has("endpoint")) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "endpoint is set by the operator ([exchanges.<name>] endpoint), not per "
                      "connection through the API");
  }
  return key;
}

base::Result<keys::KeyInput> ReadKey(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  auto v = body.view();
  keys::KeyInput in;
  AMANAH_ASSIGN_OR_RETURN(in.exchange, v.String("exchange"));
  AMANAH_ASSIGN_OR_RETURN(in.label, v.String("label"));
  AMANAH_ASSIGN_OR_RETURN(in.key, ReadKeyMaterial(v));
  return in;
}

base::Result<exchange::KeyMaterial> ReadRotationKey(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  return ReadKeyMaterial(body.view());
}

base::Result<keys::ConnectionView> Find(Services& s, const Call& call) {
  return s.keys.Find(call.Who().tenant, call.Param("label"));
}

HttpResponse Done(const base::Result<json::value>& r, const Call& call, unsigned status = 200) {
  if (!r) return Problem(r.error(), PathOf(call.request.target));
  return Json(status, *r);
}

base::Result<std::vector<std::string>> ReadPairs(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(Body body, Body::Of(call));
  AMANAH_ASSIGN_OR_RETURN(auto items, body.view().Array("pairs"));
  std::vector<std::string> out;
  for (const auto& item : items) {
    AMANAH_ASSIGN_OR_RETURN(std::string pair, item.AsString());
    out.push_back(std::move(pair));
  }
  return out;
}

json::object PairsJson(const std::string& label, const std::vector<std::string>& pairs) {
  json::array list;
  for (const auto& p : pairs) list.emplace_back(p);
  return json::object{{"connection", label}, {"pairs", std::move(list)}};
}

// A connection as the API shows it: its view, and its real-time stream where one follows it.
json::object ViewJson(const Services& s, const keys::ConnectionView& c) {
  json::object out = keys::ConnectionJson(c);
  if (s.options.stream_status) {
    if (auto stream = s.options.stream_status(c.id)) out["stream"] = std::move(*stream);
  }
  return out;
}

}  // namespace

void AddConnectionRoutes(Router& router, Services& s) {
  s.metrics.Declare("amanah_audits_total", Metrics::Type::kCounter,
                    "Key audits run, by exchange and result (compliant, non_compliant, failed).");

  router.Add("GET", "/api/v1/connections", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto list = s.keys.List(call.Who().tenant);
               if (!list) co_return Problem(list.error(), PathOf(call.request.target));
               json::array out;
               for (const auto& c : *list) out.push_back(ViewJson(s, c));
               co_return Json(200, out);
             });

  router.Add("POST", "/api/v1/connections", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto input = ReadKey(call);
               if (!input) co_return Problem(input.error(), PathOf(call.request.target));
               keys::ConnectOutcome outcome =
                   co_await s.keys.Connect(call.Who().tenant, std::move(*input));
               using Kind = keys::ConnectOutcome::Kind;
               if (outcome.kind == Kind::kFailed) {
                 co_return Problem(base::Error(outcome.failure->code, outcome.failure->explanation),
                                   PathOf(call.request.target));
               }
               if (outcome.kind == Kind::kAccepted && s.options.connections_changed) {
                 s.options.connections_changed();
               }
               co_return Json(outcome.kind == Kind::kAccepted ? 201 : 422,
                              keys::ConnectOutcomeJson(outcome));
             });

  // Rotation: the new key of the same account replaces the old, once it passes the audit.
  router.Add("POST", "/api/v1/connections/{label}/rotate", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               // Whose connection first: another tenant's is a 404 whatever the body says.
               auto c = Find(s, call);
               if (!c) co_return Problem(c.error(), PathOf(call.request.target));
               auto key = ReadRotationKey(call);
               if (!key) co_return Problem(key.error(), PathOf(call.request.target));
               keys::RotateOutcome outcome =
                   co_await s.keys.Rotate(call.Who().tenant, call.Param("label"), std::move(*key));
               using Kind = keys::RotateOutcome::Kind;
               if (outcome.kind == Kind::kFailed) {
                 co_return Problem(base::Error(outcome.failure->code, outcome.failure->explanation),
                                   PathOf(call.request.target));
               }
               if (outcome.kind == Kind::kRotated && s.options.connections_changed) {
                 s.options.connections_changed();
               }
               co_return Json(outcome.kind == Kind::kRotated ? 200 : 422,
                              keys::RotateOutcomeJson(outcome));
             });

  router.Add("GET", "/api/v1/connections/{label}", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto c = Find(s, call);
               co_return Done(c ? base::Result<json::value>(ViewJson(s, *c))
                                : base::Result<json::value>(c.error()),
                              call);
             });

  router.Add(
      "POST", "/api/v1/connections/{label}/audit", Guard::kTrade,
      [&s](Call& call) -> awaitable<HttpResponse> {
        auto c = Find(s, call);
        if (!c) co_return Problem(c.error(), PathOf(call.request.target));
        keys::AuditOutcome outcome = co_await s.keys.Audit(call.Who().tenant, call.Param("label"));
        using Kind = keys::AuditOutcome::Kind;
        std::string_view result = outcome.kind == Kind::kCompliant      ? "compliant"
                                  : outcome.kind == Kind::kNonCompliant ? "non_compliant"
                                                                        : "failed";
        s.metrics.Add("amanah_audits_total", {{"exchange", c->exchange}, {"result", result}});
        co_return Json(200, keys::AuditOutcomeJson(outcome));
      });

  // A check made now, step by step, with the problem found and its fix (it reads only).
  router.Add("POST", "/api/v1/connections/{label}/doctor", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto c = Find(s, call);
               if (!c) co_return Problem(c.error(), PathOf(call.request.target));
               keys::DoctorOutcome outcome =
                   co_await s.keys.Doctor(call.Who().tenant, call.Param("label"));
               if (outcome.kind == keys::DoctorOutcome::Kind::kFailed && outcome.failure) {
                 co_return Problem(base::Error(outcome.failure->code, outcome.failure->explanation),
                                   PathOf(call.request.target));
               }
               co_return Json(200, keys::DoctorOutcomeJson(outcome));
             });

  router.Add("POST", "/api/v1/connections/{label}/reconcile", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto c = Find(s, call);
               if (!c) co_return Problem(c.error(), PathOf(call.request.target));
               auto reconciler = s.env.reconciler();
               if (!reconciler) co_return Problem(reconciler.error(), PathOf(call.request.target));
               auto report =
                   co_await (*reconciler)->Reconcile(call.Who().tenant, call.Param("label"));
               if (!report) co_return Problem(report.error(), PathOf(call.request.target));
               co_return Json(200, report->ToJson());
             });

  router.Add("GET", "/api/v1/connections/{label}/balances", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto c = Find(s, call);
               if (!c) co_return Problem(c.error(), PathOf(call.request.target));
               auto balances = co_await s.keys.Balances(call.Who().tenant, call.Param("label"));
               if (!balances) co_return Problem(balances.error(), PathOf(call.request.target));
               co_return Json(200, keys::BalancesJson(balances->balances));
             });

  router.Add("GET", "/api/v1/balances/history", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const std::string_view path = PathOf(call.request.target);
               int days = 365;
               if (auto q = call.Query("days")) {
                 int v = 0;
                 auto [end, ec] = std::from_chars(q->data(), q->data() + q->size(), v);
                 if (ec != std::errc() || end != q->data() + q->size() || v < 1 || v > 3660) {
                   co_return Problem(400, "invalid_argument",
                                     "days must be a whole number from 1 to 3660", path);
                 }
                 days = v;
               }
               auto snapshots = s.env.snapshots();
               if (!snapshots) co_return Problem(snapshots.error(), path);
               auto history = (*snapshots)->History(call.Who().tenant, days);
               if (!history) co_return Problem(history.error(), path);
               co_return Json(200, keys::ValueHistoryJson(*history));
             });

  router.Add("DELETE", "/api/v1/connections/{label}", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto c = Find(s, call);
               if (!c) co_return Problem(c.error(), PathOf(call.request.target));
               auto out = s.keys.Disconnect(call.Who().tenant, call.Param("label"));
               if (!out) co_return Problem(out.error(), PathOf(call.request.target));
               if (s.options.connections_changed) s.options.connections_changed();
               co_return Json(200, keys::ConnectionJson(out->connection));
             });

  router.Add("GET", "/api/v1/connections/{label}/pairs", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto pairs = s.env.pairs();
               if (!pairs) co_return Problem(pairs.error(), PathOf(call.request.target));
               auto list = (*pairs)->List(call.Who().tenant, call.Param("label"));
               if (!list) co_return Problem(list.error(), PathOf(call.request.target));
               co_return Json(200, PairsJson(call.Param("label"), *list));
             });

  router.Add("POST", "/api/v1/connections/{label}/pairs", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto pairs = s.env.pairs();
               auto wanted = ReadPairs(call);
               if (!pairs) co_return Problem(pairs.error(), PathOf(call.request.target));
               if (!wanted) co_return Problem(wanted.error(), PathOf(call.request.target));
               auto list = (*pairs)->Approve(call.Who().tenant, call.Param("label"), *wanted);
               if (!list) co_return Problem(list.error(), PathOf(call.request.target));
               co_return Json(200, PairsJson(call.Param("label"), *list));
             });

  router.Add("DELETE", "/api/v1/connections/{label}/pairs/{pair}", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto pairs = s.env.pairs();
               if (!pairs) co_return Problem(pairs.error(), PathOf(call.request.target));
               std::vector<std::string> one{call.Param("pair")};
               auto list = (*pairs)->Revoke(call.Who().tenant, call.Param("label"), one);
               if (!list) co_return Problem(list.error(), PathOf(call.request.target));
               co_return Json(200, PairsJson(call.Param("label"), *list));
             });
}

}  // namespace amanah::api
