// The journal (verify, export, the latest signed checkpoint) and alerts.
#include <sstream>

#include <boost/json.hpp>

#include "api/problem.h"
#include "api/routes.h"
#include "base/utc_time.h"
#include "crypto/encoding.h"
#include "environment/journal_verification.h"
#include "journal/checkpoint.h"
#include "journal/report.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

// What a tenant may see of the installation's verification, in the shape `amanah journal verify
// --json` prints: whether it holds, the tenant's own chain (its records), and the problem only when
// it is in the caller's own chain (another tenant's record is that tenant's business).
json::object TenantVerification(Services& s, const environment::Verification& v,
                                const store::TenantId& own) {
  uint64_t records = 0;
  if (auto head =
          s.env.store().Read([&](store::UnitOfWork& u) { return u.journal().Head(own.value()); });
      head && *head) {
    records = (*head)->seq;
  }
  std::string problem = v.report.problem;
  if (!problem.empty() && problem.find("tenant " + own.value() + ",") == std::string::npos &&
      problem.find("tenant " + own.value() + " ") == std::string::npos) {
    problem =
        "a record outside this tenant's chain failed verification; the operator has been "
        "told by `amanah journal verify`";
  }
  return json::object{{"ok", v.ok()},
                      {"records", records},
                      {"chains", records > 0 ? 1 : 0},
                      {"checkpoints_checked", v.report.checkpoints_checked},
                      {"problem", problem},
                      {"warning", v.report.warning},
                      {"anchor", ""}};
}

json::object AlertJson(const store::Alert& a) {
  return json::object{
      {"id", a.id},
      {"kind", a.kind},
      {"subject", a.subject},
      {"message", a.message},
      {"raised_at", base::UtcTime(a.raised_at)},
      {"acknowledged_at",
       a.acknowledged_at ? json::value(base::UtcTime(*a.acknowledged_at)) : json::value(nullptr)},
      {"acknowledged_by",
       a.acknowledged_by ? json::value(*a.acknowledged_by) : json::value(nullptr)}};
}

// What a tenant may see of the latest checkpoint. The signed body names every chain's tenant and
// length, so it is shown whole only when every chain in it is the caller's own (or the
// installation's system chain, which holds no tenant's data): one tenant must not learn another's
// id or how busy it is. Otherwise the caller gets its own chain head, which the checkpoint signed,
// and `signed_body` says the body is withheld (`amanah journal checkpoint` shows the operator it).
json::object TenantCheckpoint(const store::CheckpointRow& c, const store::TenantId& own) {
  json::object out{{"time", journal::IsoMillis(c.time_ms)}, {"key_id", c.key_id}};
  auto parsed = journal::Checkpoint::ParseBody(c.body);
  bool only_own = parsed.has_value();
  json::value head = nullptr;
  if (parsed) {
    for (const auto& h : parsed->heads) {
      if (h.tenant == own.value()) {
        head = json::object{{"seq", h.seq}, {"hash", crypto::HexEncode(h.hash)}};
      } else if (h.tenant != journal::kSystemTenant) {
        only_own = false;
      }
    }
  }
  out["head"] = std::move(head);
  out["signed_body"] = only_own ? "shown" : "withheld";
  if (only_own) {
    out["records"] = c.records;
    out["body"] = c.body;
    out["signature"] = crypto::Base64Encode(c.signature);
  }
  return out;
}

}  // namespace

void AddJournalRoutes(Router& router, Services& s) {
  router.Add("GET", "/api/v1/journal/verify", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto v = environment::VerifyJournal(s.env, std::nullopt, false);
               if (!v) co_return Problem(v.error(), PathOf(call.request.target));
               co_return Json(200, TenantVerification(s, *v, call.Who().tenant));
             });

  router.Add(
      "GET", "/api/v1/journal/export", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
        const std::string_view path = PathOf(call.request.target);
        const std::string format = call.Query("format").value_or("json");
        if (format != "json" && format != "html") {
          co_return Problem(400, "invalid_argument", "format is json or html", path);
        }
        auto v = environment::VerifyJournal(s.env, std::nullopt, false);
        if (!v) co_return Problem(v.error(), path);
        journal::VerifyReport report = v->report;
        json::object own = TenantVerification(s, *v, call.Who().tenant);
        report.problem = own["problem"].as_string().c_str();
        journal::Filter filter;
        filter.tenant = call.Who().tenant.value();
        std::ostringstream text;
        auto written = format == "json"
                           ? journal::WriteJsonReport(s.env.store(), filter, report, text)
                           : journal::WriteHtmlReport(s.env.store(), filter, report, text);
        if (!written) co_return Problem(written.error(), path);
        HttpResponse out;
        out.body = text.str();
        out.content_type = format == "json" ? "application/json" : "text/html; charset=utf-8";
        out.headers.emplace_back("Content-Disposition",
                                 "attachment; filename=\"amanah-journal." + format + "\"");
        if (format == "html") {
          out.headers.emplace_back(
              "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        }
        co_return out;
      });

  router.Add("GET", "/api/v1/journal/checkpoints/latest", Guard::kAdmin,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto latest = s.env.store().Read(
                   [](store::UnitOfWork& u) { return u.journal().LatestCheckpoint(); });
               if (!latest) co_return Problem(latest.error(), PathOf(call.request.target));
               if (!*latest) {
                 co_return Problem(404, "not_found", "no checkpoint has been signed yet",
                                   PathOf(call.request.target));
               }
               co_return Json(200, TenantCheckpoint(**latest, call.Who().tenant));
             });

  router.Add("GET", "/api/v1/alerts", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    const bool all = call.Query("all").value_or("") == "true";
    auto alerts = s.env.store().Read(
        [&](store::UnitOfWork& u) { return u.alerts().List(call.Who().tenant, all); });
    if (!alerts) co_return Problem(alerts.error(), PathOf(call.request.target));
    json::array out;
    for (const auto& a : *alerts) out.push_back(AlertJson(a));
    co_return Json(200, out);
  });

  router.Add("POST", "/api/v1/alerts/{id}/acknowledge", Guard::kTrade,
             [&s](Call& call) -> awaitable<HttpResponse> {
               const auto now = s.env.clock().Now();
               auto done = s.env.store().Write([&](store::UnitOfWork& u) -> base::Result<bool> {
                 AMANAH_ASSIGN_OR_RETURN(bool acknowledged,
                                         u.alerts().Acknowledge(call.Who().tenant, call.Param("id"),
                                                                call.Who().name, now));
                 if (!acknowledged) return false;
                 json::object payload{{"alert", call.Param("id")}, {"by", call.Who().name}};
                 AMANAH_TRY(s.journal.AppendIn(u, call.Who().tenant.value(),
                                               journal::kind::kAlertAcknowledged, payload));
                 return true;
               });
               if (!done) co_return Problem(done.error(), PathOf(call.request.target));
               if (!*done) {
                 co_return Problem(404, "not_found", "no open alert with that id",
                                   PathOf(call.request.target));
               }
               HttpResponse out;
               out.status = 204;
               co_return out;
             });
}

}  // namespace amanah::api
