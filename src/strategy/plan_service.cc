#include "strategy/plan_service.h"

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "journal/record.h"
#include "keys/label.h"
#include "order/intent.h"
#include "strategy/plan_mac.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::ErrorCode;
using base::Fail;
using base::Result;

namespace {

std::string NewNonce(base::Random& random) {
  std::vector<uint8_t> bytes(16);
  random.Fill(bytes);
  return crypto::HexEncode(bytes);
}

json::object Subject(const Plan& p) {
  return json::object{{"plan", p.id}, {"name", p.name}, {"kind", PlanKindName(p.kind())}};
}

}  // namespace

Result<store::PlanRow> PlanService::FindRow(store::UnitOfWork& u, const store::TenantId& tenant,
                                            std::string_view name_or_id) const {
  AMANAH_ASSIGN_OR_RETURN(auto row, u.plans().FindByName(tenant, name_or_id));
  if (!row && order::IsIntentId(name_or_id)) {
    AMANAH_ASSIGN_OR_RETURN(row, u.plans().Get(tenant, name_or_id));
  }
  if (!row) {
    return Fail(ErrorCode::kNotFound,
                "no plan named " + keys::Display(name_or_id) + " (see `amanah plan list`)");
  }
  AMANAH_TRY(Verify(d_.vault.state_mac(), *row));
  return std::move(*row);
}

Result<Plan> PlanService::LoadIn(store::UnitOfWork& u, const store::TenantId& tenant,
                                 std::string_view id) const {
  AMANAH_ASSIGN_OR_RETURN(auto row, u.plans().Get(tenant, id));
  if (!row) return Fail(ErrorCode::kNotFound, "no plan " + std::string(id));
  AMANAH_TRY(Verify(d_.vault.state_mac(), *row));
  return FromRow(*row);
}

Result<void> PlanService::SaveIn(store::UnitOfWork& u, const Plan& plan, std::string_view kind,
                                 json::object payload) const {
  store::PlanRow row = ToRow(plan);
  Seal(d_.vault.state_mac(), row);
  AMANAH_TRY(u.plans().Update(row));
  json::object body = Subject(plan);
  for (auto& member : payload) body[member.key()] = std::move(member.value());
  AMANAH_TRY(d_.journal.AppendIn(u, plan.tenant.value(), kind, body));
  return {};
}

Result<void> PlanService::PauseIn(store::UnitOfWork& u, Plan plan, std::string_view reason) const {
  plan.status = PlanStatus::kPaused;
  plan.status_reason = std::string(reason);
  plan.next_run.reset();
  plan.updated_at = d_.clock.Now();
  return SaveIn(u, plan, journal::kind::kPlanPaused, {{"reason", reason}});
}

Result<PlanView> PlanService::ViewIn(store::UnitOfWork& u, Plan plan) const {
  AMANAH_ASSIGN_OR_RETURN(auto c, u.connections().Get(plan.connection));
  std::string label = c ? c->label : "(deleted connection)";
  return PlanView{std::move(plan), std::move(label)};
}

Result<CreatedPlan> PlanService::Create(const store::TenantId& tenant, const base::JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(PlanDraft draft, ParseDraft(body, options_.time_zone, options_.catch_up));
  return Create(tenant, std::move(draft));
}

Result<CreatedPlan> PlanService::Create(const store::TenantId& tenant, PlanDraft draft) {
  Plan& p = draft.plan;
  const base::SystemTime now = d_.clock.Now();
  p.id = order::NewIntentId(d_.random);
  p.tenant = tenant;
  p.status = PlanStatus::kActive;
  p.created_at = p.updated_at = now;
  p.spent = base::Decimal();
  p.runs = 0;
  if (p.period) p.next_run = NextRun(*p.period, now);
  std::optional<crypto::SecretBytes> secret;
  if (auto* w = std::get_if<WebhookSpec>(&p.spec)) w->nonce = NewNonce(d_.random);
  AMANAH_ASSIGN_OR_RETURN(
      PlanView view, d_.store.Write([&](store::UnitOfWork& u) -> Result<PlanView> {
        AMANAH_ASSIGN_OR_RETURN(auto c, u.connections().FindByLabel(tenant, draft.connection));
        if (!c || !store::IsLive(c->status)) {
          return Fail(ErrorCode::kNotFound, "no connection labelled " +
                                                keys::Display(draft.connection) +
                                                " (see `amanah connections`)");
        }
        AMANAH_TRY(d_.vault.VerifyState(*c));
        p.connection = c->id;
        store::PlanRow row = ToRow(p);
        Seal(d_.vault.state_mac(), row);
        AMANAH_TRY(u.plans().Insert(row));
        json::object payload = Subject(p);
        payload["connection"] = c->id.value();
        payload["label"] = c->label;
        json::object shown = ToJson(p, c->label);
        payload["plan_spec"] = shown[PlanKindName(p.kind())];
        if (p.period) {
          payload["period"] = ToString(*p.period);
          payload["time_zone"] = p.period->time_zone;
        }
        AMANAH_TRY(d_.journal.AppendIn(u, tenant.value(), journal::kind::kPlanCreated, payload));
        return PlanView{p, c->label};
      }));
  if (const auto* w = std::get_if<WebhookSpec>(&p.spec)) {
    secret = WebhookSecret(d_.vault.state_mac(), p.id, w->nonce);
  }
  return CreatedPlan{std::move(view), std::move(secret)};
}

Result<std::vector<PlanView>> PlanService::List(const store::TenantId& tenant) {
  return d_.store.Read([&](store::UnitOfWork& u) -> Result<std::vector<PlanView>> {
    AMANAH_ASSIGN_OR_RETURN(auto rows, u.plans().List(tenant, std::nullopt));
    std::vector<PlanView> out;
    for (const auto& row : rows) {
      AMANAH_TRY(Verify(d_.vault.state_mac(), row));
      AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
      AMANAH_ASSIGN_OR_RETURN(PlanView v, ViewIn(u, std::move(p)));
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<PlanView> PlanService::Find(const store::TenantId& tenant, std::string_view name_or_id) {
  return d_.store.Read([&](store::UnitOfWork& u) -> Result<PlanView> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
    return ViewIn(u, std::move(p));
  });
}

Result<PlanView> PlanService::Pause(const store::TenantId& tenant, std::string_view name_or_id,
                                    std::string_view reason) {
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<PlanView> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
    if (p.status == PlanStatus::kFinished) {
      return Fail(ErrorCode::kFailedPrecondition, "plan " + p.name + " has finished");
    }
    if (p.status == PlanStatus::kActive) {
      AMANAH_TRY(PauseIn(u, p, reason.empty() ? "paused by a user" : reason));
    }
    AMANAH_ASSIGN_OR_RETURN(Plan now, LoadIn(u, tenant, p.id));
    return ViewIn(u, std::move(now));
  });
}

Result<PlanView> PlanService::Resume(const store::TenantId& tenant, std::string_view name_or_id) {
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<PlanView> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
    if (p.status == PlanStatus::kFinished) {
      return Fail(
          ErrorCode::kFailedPrecondition,
          "plan " + p.name + " has finished (" + p.status_reason + "); create a new plan to go on");
    }
    AMANAH_ASSIGN_OR_RETURN(auto c, u.connections().Get(p.connection));
    if (!c || c->status != store::ConnectionStatus::kActive) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the plan's connection is " +
                      std::string(c ? store::ConnectionStatusName(c->status) : "gone") +
                      "; it can be resumed once the connection passes an audit again");
    }
    if (p.status == PlanStatus::kPaused) {
      const base::SystemTime now = d_.clock.Now();
      p.status = PlanStatus::kActive;
      p.status_reason.clear();
      p.updated_at = now;
      if (p.period) p.next_run = NextRun(*p.period, now);
      json::object payload;
      if (p.next_run) payload["next_run_ms"] = base::UnixMillis(*p.next_run);
      AMANAH_TRY(SaveIn(u, p, journal::kind::kPlanResumed, std::move(payload)));
    }
    return ViewIn(u, std::move(p));
  });
}

Result<void> PlanService::Delete(const store::TenantId& tenant, std::string_view name_or_id) {
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
    AMANAH_TRY(u.plans().Remove(tenant, p.id));
    json::object payload = Subject(p);
    payload["runs"] = p.runs;
    payload["spent"] = p.spent.ToString();
    AMANAH_TRY(d_.journal.AppendIn(u, tenant.value(), journal::kind::kPlanDeleted, payload));
    return {};
  });
}

Result<std::vector<store::PlanRunRow>> PlanService::History(const store::TenantId& tenant,
                                                            std::string_view name_or_id,
                                                            size_t limit) {
  return d_.store.Read([&](store::UnitOfWork& u) -> Result<std::vector<store::PlanRunRow>> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(auto runs, u.plans().ListRuns(row.id, limit));
    for (const auto& r : runs) AMANAH_TRY(Verify(d_.vault.state_mac(), r));
    return runs;
  });
}

Result<std::vector<store::SignalRow>> PlanService::Signals(const store::TenantId& tenant,
                                                           std::string_view name_or_id,
                                                           size_t limit) {
  return d_.store.Read([&](store::UnitOfWork& u) -> Result<std::vector<store::SignalRow>> {
    AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
    AMANAH_ASSIGN_OR_RETURN(auto signals, u.plans().ListSignals(row.id, limit));
    for (const auto& s : signals) AMANAH_TRY(Verify(d_.vault.state_mac(), s));
    return signals;
  });
}

Result<CreatedPlan> PlanService::RotateSecret(const store::TenantId& tenant,
                                              std::string_view name_or_id) {
  AMANAH_ASSIGN_OR_RETURN(
      PlanView view, d_.store.Write([&](store::UnitOfWork& u) -> Result<PlanView> {
        AMANAH_ASSIGN_OR_RETURN(store::PlanRow row, FindRow(u, tenant, name_or_id));
        AMANAH_ASSIGN_OR_RETURN(Plan p, FromRow(row));
        auto* w = std::get_if<WebhookSpec>(&p.spec);
        if (!w) {
          return Fail(ErrorCode::kFailedPrecondition,
                      "plan " + p.name + " is not a webhook plan: it has no secret");
        }
        w->nonce = NewNonce(d_.random);
        p.updated_at = d_.clock.Now();
        AMANAH_TRY(SaveIn(u, p, journal::kind::kPlanSecretRotated, {}));
        return ViewIn(u, std::move(p));
      }));
  const auto& w = std::get<WebhookSpec>(view.plan.spec);
  crypto::SecretBytes secret = WebhookSecret(d_.vault.state_mac(), view.plan.id, w.nonce);
  return CreatedPlan{std::move(view), std::move(secret)};
}

}  // namespace amanah::strategy
