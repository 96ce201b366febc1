#include "keys/outcome_json.h"

#include <boost/json.hpp>

#include "base/utc_time.h"

namespace amanah::keys {

namespace json = boost::json;

namespace {

std::string Iso(base::SystemTime t) { return base::UtcTime(t); }

json::value OptionalTime(const std::optional<base::SystemTime>& t) {
  return t ? json::value(Iso(*t)) : json::value(nullptr);
}

}  // namespace

json::array FindingsJson(const audit::KeyVerdict& v) {
  json::array a;
  for (const auto& f : v.findings) {
    a.push_back({{"code", f.code},
                 {"severity", audit::SeverityName(f.severity)},
                 {"found", f.found},
                 {"concern", f.concern},
                 {"why", f.why},
                 {"fix", f.fix}});
  }
  return a;
}

json::object VerdictJson(const audit::KeyVerdict& v) {
  json::array checklist;
  for (const auto& item : v.checklist) {
    checklist.push_back({{"label", item.label},
                         {"value", exchange::FlagName(item.value)},
                         {"want", item.want_on ? "on" : "off"},
                         {"ok", item.ok()},
                         {"meaning", item.meaning}});
  }
  json::array notes;
  for (const auto& n : v.notes) notes.push_back(json::value(n));
  json::array ips;
  for (const auto& ip : v.egress_ips) ips.push_back(json::value(ip));
  return {{"compliant", v.compliant},           {"findings", FindingsJson(v)},
          {"checklist", std::move(checklist)},  {"margin_exclusion", v.margin_exclusion},
          {"ip_instruction", v.ip_instruction}, {"egress_ips", std::move(ips)},
          {"notes", std::move(notes)}};
}

json::object DiagnosisJson(const Diagnosis& d) {
  json::object o{{"failure", exchange::FailureName(d.failure)},
                 {"code", base::ErrorCodeName(d.code)},
                 {"explanation", d.explanation}};
  if (d.exchange) {
    o["exchange_code"] = d.exchange->code;
    o["exchange_message"] = d.exchange->message;
  }
  if (d.retry_at_ms > 0) o["retry_at_ms"] = d.retry_at_ms;
  return o;
}

json::object ConnectionJson(const ConnectionView& c) {
  return {{"id", c.id.value()},
          {"label", c.label},
          {"exchange", c.exchange},
          {"api_key", c.api_key_id},
          {"key_type", c.key_type},
          {"status", store::ConnectionStatusName(c.status)},
          {"account_id", c.account_id.value_or("")},
          {"endpoint", c.endpoint.value_or("")},
          {"created_at", Iso(c.created_at)},
          {"audited_at", OptionalTime(c.audited_at)},
          {"key_created_at", OptionalTime(c.key_created_at)},
          {"integrity", c.integrity_problem.empty() ? "ok" : "failed"},
          {"integrity_problem", c.integrity_problem},
          {"rotation", RotationJson(c.rotation)},
          {"old_keys", OldKeysJson(c.old_keys)},
          {"health", HealthJson(c.health)}};
}

json::object HealthJson(const std::optional<store::ConnectionHealth>& h) {
  if (!h) return {{"state", "unknown"}};
  json::object o{{"state", h->state}, {"since", Iso(h->since)}};
  if (h->state == "lost") {
    o["cause"] = h->cause;
    o["title"] = h->title;
    o["explanation"] = h->explanation;
    o["fix"] = h->fix;
    if (h->retry_at_ms > 0) o["retry_at_ms"] = h->retry_at_ms;
  }
  return o;
}

json::object DoctorOutcomeJson(const DoctorOutcome& d) {
  json::array steps;
  for (const auto& s : d.steps) {
    steps.push_back({{"name", s.name}, {"ok", s.ok}, {"detail", s.detail}});
  }
  json::object out{{"outcome", d.kind == DoctorOutcome::Kind::kHealthy   ? "healthy"
                               : d.kind == DoctorOutcome::Kind::kProblem ? "problem"
                                                                         : "failed"},
                   {"steps", std::move(steps)},
                   {"recorded", HealthJson(d.recorded)}};
  if (!d.connection.label.empty()) out["connection"] = ConnectionJson(d.connection);
  if (d.lost) {
    out["lost"] = {{"cause", exchange::LostCauseName(d.lost->cause)},
                   {"title", d.lost->title},
                   {"explanation", d.lost->explanation},
                   {"fix", d.lost->fix}};
    if (d.lost->retry_at_ms > 0) out["lost"].as_object()["retry_at_ms"] = d.lost->retry_at_ms;
  }
  if (d.verdict) out["verdict"] = VerdictJson(*d.verdict);
  if (d.failure) out["failure"] = DiagnosisJson(*d.failure);
  return out;
}

json::object RotationJson(const RotationStanding& r) {
  return {{"state", RotationStateName(r.state)}, {"age_days", r.age_days},
          {"counted_from", Iso(r.counted_from)}, {"from_exchange", r.from_exchange},
          {"reminder_at", Iso(r.reminder_at)},   {"due_at", Iso(r.due_at)}};
}

json::array OldKeysJson(const std::vector<OldKeyView>& keys) {
  json::array a;
  for (const auto& k : keys) {
    a.push_back({{"api_key", k.api_key_id},
                 {"retired_at", Iso(k.retired_at)},
                 {"probed_at", OptionalTime(k.probed_at)},
                 {"probe_note", k.probe_note}});
  }
  return a;
}

json::object RotateOutcomeJson(const RotateOutcome& o) {
  json::object out{{"outcome", o.kind == RotateOutcome::Kind::kRotated   ? "rotated"
                               : o.kind == RotateOutcome::Kind::kRefused ? "refused"
                                                                         : "failed"},
                   {"exchange", o.exchange_name},
                   {"label", o.label},
                   {"old_api_key", o.old_api_key},
                   {"new_api_key", o.new_api_key}};
  if (o.kind != RotateOutcome::Kind::kFailed) out["verdict"] = VerdictJson(o.verdict);
  if (o.connection) out["connection"] = ConnectionJson(*o.connection);
  if (o.kind == RotateOutcome::Kind::kRotated) {
    out["old_key_probe"] = o.old_key_probe;
    out["old_key_gone"] = o.old_key_gone;
  }
  if (o.failure) out["failure"] = DiagnosisJson(*o.failure);
  if (o.journal_problem) out["journal_problem"] = *o.journal_problem;
  return out;
}

json::array BalancesJson(const std::vector<exchange::Balance>& balances) {
  json::array a;
  for (const auto& b : balances) {
    a.push_back({{"asset", b.asset}, {"free", b.free.ToString()}, {"locked", b.locked.ToString()}});
  }
  return a;
}

json::object ConnectOutcomeJson(const ConnectOutcome& o) {
  json::object out{{"outcome", o.kind == ConnectOutcome::Kind::kAccepted  ? "accepted"
                               : o.kind == ConnectOutcome::Kind::kRefused ? "refused"
                                                                          : "failed"},
                   {"exchange", o.exchange_name}};
  if (o.kind != ConnectOutcome::Kind::kFailed) out["verdict"] = VerdictJson(o.verdict);
  if (o.connection) out["connection"] = ConnectionJson(*o.connection);
  if (o.kind == ConnectOutcome::Kind::kAccepted) out["balances"] = BalancesJson(o.balances);
  if (o.balances_failure) out["balances_failure"] = DiagnosisJson(*o.balances_failure);
  if (o.failure) out["failure"] = DiagnosisJson(*o.failure);
  if (o.journal_problem) out["journal_problem"] = *o.journal_problem;
  return out;
}

json::object AuditOutcomeJson(const AuditOutcome& o) {
  json::object out{{"label", o.connection.label},
                   {"compliant", o.kind == AuditOutcome::Kind::kCompliant},
                   {"outcome", o.kind == AuditOutcome::Kind::kCompliant      ? "compliant"
                               : o.kind == AuditOutcome::Kind::kNonCompliant ? "non_compliant"
                                                                             : "failed"},
                   {"exchange", o.exchange_name},
                   {"findings", FindingsJson(o.verdict)},
                   {"suspended", o.suspended},
                   {"reactivated", o.reactivated},
                   {"connection", ConnectionJson(o.connection)}};
  if (o.kind != AuditOutcome::Kind::kFailed) out["verdict"] = VerdictJson(o.verdict);
  if (o.failure) out["failure"] = DiagnosisJson(*o.failure);
  return out;
}

json::object ValueHistoryJson(const ValueHistory& h) {
  json::array days;
  for (const auto& d : h.days) days.emplace_back(d);
  json::array series;
  for (const auto& s : h.series) {
    json::array values;
    for (const auto& v : s.values) {
      values.push_back(v ? json::value(v->ToNormalizedString()) : json::value(nullptr));
    }
    series.push_back({{"asset", s.asset}, {"values", std::move(values)}});
  }
  return {{"quote", h.quote}, {"days", std::move(days)}, {"series", std::move(series)}};
}

}  // namespace amanah::keys
