// KeyService's health of connections: what each check of a connection found — working, or lost
// with its cause in the classes of exchange/lost_connection.h and the fix — recorded when it
// changes, with its connection.lost or connection.restored record (so that the dashboard, `amanah
// doctor` and the notifications say why a connection stopped and what to do); and `amanah doctor`,
// a check made now, step by step.
#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "base/utc_time.h"
#include "journal/record.h"
#include "keys/key_service.h"
#include "keys/label.h"
#include "keys/outcome_json.h"

namespace amanah::keys {

namespace net = boost::asio;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;
using exchange::Failure;
using store::UnitOfWork;
namespace kind = journal::kind;

namespace {

// The step failed with `d`: said, classified, and the check ends there (`going` is cleared).
void Failed(DoctorOutcome& out, bool& going, std::string step, const Diagnosis& d) {
  out.steps.push_back(DoctorStep{std::move(step), false, d.explanation});
  out.lost = exchange::LostConnectionOf(d, out.connection.exchange_name);
  out.kind = DoctorOutcome::Kind::kProblem;
  going = false;
}

}  // namespace

Result<void> KeyService::RecordHealth(const store::Connection& c,
                                      const std::optional<exchange::LostConnection>& lost) {
  const base::SystemTime now = d_.clock.Now();
  return d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto before, u.connections().Health(c.id));
    store::ConnectionHealth h;
    h.connection = c.id;
    h.tenant = c.tenant;
    h.since = now;
    if (lost) {
      h.state = "lost";
      h.cause = std::string(exchange::LostCauseName(lost->cause));
      h.title = lost->title;
      h.explanation = lost->explanation;
      h.fix = lost->fix;
      h.retry_at_ms = lost->retry_at_ms;
    }
    // Checks run often: only a change is written.
    if (before && before->state == h.state && before->cause == h.cause) return {};
    AMANAH_TRY(u.connections().PutHealth(h));
    if (!before && !lost) return {};  // the first check found it working: nothing to tell
    json::object payload{
        {"connection", c.id.value()}, {"label", c.label}, {"exchange", c.exchange}};
    if (lost) {
      payload["cause"] = h.cause;
      payload["title"] = h.title;
      payload["explanation"] = h.explanation;
      payload["fix"] = h.fix;
      if (h.retry_at_ms > 0) payload["retry_at_ms"] = h.retry_at_ms;
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kConnectionLost, payload));
    } else {
      payload["was"] = before->cause;
      payload["lost_since"] = base::UtcTime(before->since);
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kConnectionRestored, payload));
    }
    return {};
  });
}

void KeyService::RecordAuditHealth(const store::Connection& c, const AuditOutcome& out) {
  std::optional<exchange::LostConnection> lost;
  if (out.failure) lost = exchange::LostConnectionOf(*out.failure, out.exchange_name);
  // A failure that is not the exchange's (our own state, the store) says nothing of the link.
  if (!lost && out.kind == AuditOutcome::Kind::kFailed) return;
  if (auto recorded = RecordHealth(c, lost); !recorded) {
    spdlog::error("the health of {} could not be recorded: {}", c.id.value(),
                  recorded.error().ToString());
  }
}

net::awaitable<DoctorOutcome> KeyService::Doctor(store::TenantId tenant, std::string label) {
  DoctorOutcome out;
  auto found = FindLive(tenant, label);
  if (!found) {
    out.failure = LocalFailure(found.error());
    co_return out;
  }
  const store::Connection c = std::move(*found);
  auto view = ViewWithOldKeys(c);
  if (!view) {
    out.failure = LocalFailure(view.error());
    co_return out;
  }
  out.connection = std::move(*view);
  out.recorded = out.connection.health;
  if (!store::IsLive(c.status)) {
    out.failure = LocalFailure(Error(ErrorCode::kFailedPrecondition,
                                     Display(c.label) + " was revoked; it is never used again"));
    co_return out;
  }
  auto driver = d_.registry.Find(c.exchange);
  if (!driver) {
    out.failure = LocalFailure(driver.error());
    co_return out;
  }
  auto adapter = OpenAdapter(c);  // its stored state is checked first
  if (!adapter) {
    out.failure = LocalFailure(adapter.error());
    co_return out;
  }
  exchange::SpotExchange& ex = **adapter;
  const std::string& name = out.connection.exchange_name;
  out.kind = DoctorOutcome::Kind::kHealthy;
  bool going = true;

  auto offset = co_await ex.SyncTime();
  if (!offset) {
    Failed(out, going, "clock", exchange::DefaultDiagnosis(offset.error()));
  } else {
    out.steps.push_back(DoctorStep{
        "clock", true,
        "this machine's clock is " + std::to_string(*offset) + " ms from " + name + "'s"});
  }
  if (going) {
    auto s = co_await ex.Status();
    if (!s) {
      Diagnosis d = co_await ex.Diagnose(s.error());
      Failed(out, going, "status", d);
    } else if (!s->normal) {
      Failed(out, going, "status",
             Diagnosis{Failure::kMaintenance, ErrorCode::kUnavailable,
                       name + " reports system maintenance", std::nullopt, 0});
    } else {
      out.steps.push_back(DoctorStep{"status", true, name + " reports its status normal"});
    }
  }
  std::optional<exchange::AccountState> account;
  if (going) {
    auto a = co_await ex.Account();
    if (!a) {
      Diagnosis d = co_await ex.Diagnose(a.error());
      Failed(out, going, "key", d);
    } else {
      out.steps.push_back(
          DoctorStep{"key", true, name + " accepts the key (account " + a->account_id + ")"});
      account = std::move(*a);
    }
  }
  if (going) {
    auto p = co_await ex.Permissions();
    if (!p) {
      Diagnosis d = co_await ex.Diagnose(p.error());
      Failed(out, going, "permissions", d);
    } else {
      out.steps.push_back(DoctorStep{"permissions", true, "the key's restrictions were read"});
      out.verdict = audit::AuditKey((*driver)->audit_texts(), *p, *account, policy_.audit,
                                    base::UnixMillis(d_.clock.Now()));
      std::string hard;
      for (const auto& f : out.verdict->findings) {
        if (f.severity == audit::Severity::kHard) hard += (hard.empty() ? "" : "; ") + f.found;
      }
      if (!out.verdict->compliant) out.kind = DoctorOutcome::Kind::kProblem;
      out.steps.push_back(DoctorStep{
          "audit", out.verdict->compliant,
          out.verdict->compliant ? "the key passes the audit"
                                 : "the key fails the audit: " + hard +
                                       " (run `amanah audit` to record it; it is suspended then)"});
    }
  }
  if (out.lost || out.verdict) {
    if (auto recorded = RecordHealth(c, out.lost); !recorded) {
      spdlog::error("the health of {} could not be recorded: {}", c.id.value(),
                    recorded.error().ToString());
    }
  }
  co_return out;
}

}  // namespace amanah::keys
