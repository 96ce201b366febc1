#include "strategy/plan.h"

#include <array>
#include <cctype>

#include <boost/json.hpp>

#include "base/utc_time.h"
#include "exchange/symbol_name.h"
#include "journal/record.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::Decimal;
using base::ErrorCode;
using base::Fail;
using base::JsonView;
using base::Result;

namespace {

constexpr std::array<std::string_view, 3> kKinds{"dca", "rebalance", "webhook"};
constexpr std::array<std::string_view, 3> kStatuses{"active", "paused", "finished"};
constexpr std::array<std::string_view, 2> kCatchUps{"once", "skip"};

template <class E, size_t N>
std::optional<E> Find(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// An upper-cased asset or pair name as exchanges write them (exchange/symbol_name.h).
Result<std::string> Symbol(const JsonView& at, std::string text, std::string_view what) {
  if (text.empty() || text.size() > 32)
    return at.Problem(std::string(what) + " is 1 to 32 characters");
  if (!exchange::IsSymbolName(text)) {
    return at.Problem(std::string(what) + " has a character no exchange uses");
  }
  return exchange::UpperSymbol(std::move(text));
}

Result<Decimal> Positive(const JsonView& v, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(Decimal d, v.DecimalString(name));
  if (!d.IsPositive()) return v.Problem(std::string(name) + " must be more than 0");
  return d;
}

Result<std::optional<Decimal>> OptionalPositive(const JsonView& v, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto d, v.OptionalDecimalString(name));
  if (d && !d->IsPositive()) return v.Problem(std::string(name) + " must be more than 0");
  return d;
}

Result<DcaSpec> ParseDca(const JsonView& v) {
  DcaSpec s;
  AMANAH_ASSIGN_OR_RETURN(std::string pair, v.String("pair"));
  AMANAH_ASSIGN_OR_RETURN(s.symbol, Symbol(v, std::move(pair), "pair"));
  AMANAH_ASSIGN_OR_RETURN(s.quote_amount, Positive(v, "quote_amount"));
  AMANAH_ASSIGN_OR_RETURN(auto order, v.OptionalString("order"));
  if (order && *order != "market" && *order != "limit") {
    return v.Problem("order is \"market\" or \"limit\", not \"" + *order + "\"");
  }
  s.limit = order && *order == "limit";
  AMANAH_ASSIGN_OR_RETURN(auto offset, v.OptionalInt("limit_offset_bips"));
  if (offset) {
    if (!s.limit) return v.Problem("limit_offset_bips goes with \"order\": \"limit\"");
    if (*offset < 0 || *offset > 5000) {
      return v.Problem("limit_offset_bips is 0 to 5000 (0 % to 50 % below the last price)");
    }
    s.limit_offset_bips = *offset;
  }
  AMANAH_ASSIGN_OR_RETURN(s.price_ceiling, OptionalPositive(v, "price_ceiling"));
  AMANAH_ASSIGN_OR_RETURN(s.total_budget, OptionalPositive(v, "total_budget"));
  if (s.total_budget && *s.total_budget < s.quote_amount) {
    return v.Problem("total_budget is less than one run's quote_amount");
  }
  AMANAH_ASSIGN_OR_RETURN(auto end, v.OptionalString("end"));
  if (end) {
    auto at = base::ParseUtcTime(*end);
    if (!at) return v.Problem("end " + at.error().message());
    s.end_at = *at;
  }
  return s;
}

Result<RebalanceSpec> ParseRebalance(const JsonView& v) {
  RebalanceSpec s;
  AMANAH_ASSIGN_OR_RETURN(std::string quote, v.String("quote"));
  AMANAH_ASSIGN_OR_RETURN(s.quote, Symbol(v, std::move(quote), "quote"));
  AMANAH_ASSIGN_OR_RETURN(JsonView targets, v.Field("targets"));
  if (!targets.IsObject() || targets.raw().as_object().empty()) {
    return targets.Problem(
        "is an object of asset → weight, e.g. {\"BTC\": \"0.6\", \"USDT\": \"0.4\"}");
  }
  Decimal sum;
  for (const auto& member : targets.raw().as_object()) {
    const std::string key(member.key());
    AMANAH_ASSIGN_OR_RETURN(std::string asset, Symbol(targets, key, "an asset"));
    AMANAH_ASSIGN_OR_RETURN(Decimal w, targets.DecimalString(key));
    if (w.IsNegative() || w > Decimal::FromInt(1)) {
      return targets.Problem("the weight of " + asset + " must be from 0 to 1");
    }
    if (!s.targets.emplace(asset, w).second) {
      return targets.Problem(asset + " is named twice");
    }
    AMANAH_ASSIGN_OR_RETURN(sum, sum.Add(w));
  }
  if (sum != Decimal::FromInt(1)) {
    return targets.Problem("the weights sum to " + sum.ToNormalizedString() + ", not 1");
  }
  if (s.targets.size() < 2) return targets.Problem("name at least two assets to balance");
  AMANAH_ASSIGN_OR_RETURN(s.band, Positive(v, "band"));
  if (s.band >= Decimal::FromUnits(5, 1).value()) {
    return v.Problem("band is a fraction below 0.5 (0.05 = five percentage points)");
  }
  AMANAH_ASSIGN_OR_RETURN(s.min_notional, Positive(v, "min_notional"));
  return s;
}

Result<WebhookSpec> ParseWebhook(const JsonView& v) {
  WebhookSpec s;
  AMANAH_ASSIGN_OR_RETURN(auto pairs, v.OptionalField("pairs"));
  if (pairs) {
    AMANAH_ASSIGN_OR_RETURN(auto items, pairs->AsArray());
    for (const auto& item : items) {
      AMANAH_ASSIGN_OR_RETURN(std::string text, item.AsString());
      AMANAH_ASSIGN_OR_RETURN(std::string symbol, Symbol(item, std::move(text), "a pair"));
      s.symbols.push_back(std::move(symbol));
    }
    std::sort(s.symbols.begin(), s.symbols.end());
    s.symbols.erase(std::unique(s.symbols.begin(), s.symbols.end()), s.symbols.end());
  }
  AMANAH_ASSIGN_OR_RETURN(auto lag, v.OptionalInt("max_lag_seconds"));
  if (lag) {
    if (*lag < 1 || *lag > 3600) return v.Problem("max_lag_seconds is 1 to 3600");
    s.max_lag = std::chrono::seconds(*lag);
  }
  AMANAH_ASSIGN_OR_RETURN(s.max_quote_amount, OptionalPositive(v, "max_quote_amount"));
  AMANAH_ASSIGN_OR_RETURN(auto nonce, v.OptionalString("nonce"));
  if (nonce) s.nonce = *nonce;
  return s;
}

Result<Spec> ParseSpec(PlanKind kind, const JsonView& v) {
  if (!v.IsObject()) return v.Problem("is an object");
  switch (kind) {
    case PlanKind::kDca: {
      AMANAH_ASSIGN_OR_RETURN(DcaSpec s, ParseDca(v));
      return Spec(std::move(s));
    }
    case PlanKind::kRebalance: {
      AMANAH_ASSIGN_OR_RETURN(RebalanceSpec s, ParseRebalance(v));
      return Spec(std::move(s));
    }
    case PlanKind::kWebhook: {
      AMANAH_ASSIGN_OR_RETURN(WebhookSpec s, ParseWebhook(v));
      return Spec(std::move(s));
    }
  }
  return v.Problem("has an unknown kind");
}

json::object SpecJson(const Spec& spec) {
  json::object o;
  if (const auto* d = std::get_if<DcaSpec>(&spec)) {
    o["pair"] = d->symbol;
    o["quote_amount"] = d->quote_amount.ToString();
    o["order"] = d->limit ? "limit" : "market";
    if (d->limit) o["limit_offset_bips"] = d->limit_offset_bips;
    if (d->price_ceiling) o["price_ceiling"] = d->price_ceiling->ToString();
    if (d->total_budget) o["total_budget"] = d->total_budget->ToString();
    if (d->end_at) o["end"] = base::UtcTime(*d->end_at);
  } else if (const auto* r = std::get_if<RebalanceSpec>(&spec)) {
    o["quote"] = r->quote;
    json::object targets;
    for (const auto& [asset, w] : r->targets) targets[asset] = w.ToString();
    o["targets"] = std::move(targets);
    o["band"] = r->band.ToString();
    o["min_notional"] = r->min_notional.ToString();
  } else if (const auto* w = std::get_if<WebhookSpec>(&spec)) {
    json::array pairs;
    for (const auto& s : w->symbols) pairs.emplace_back(s);
    o["pairs"] = std::move(pairs);
    o["max_lag_seconds"] = w->max_lag.count();
    if (w->max_quote_amount) o["max_quote_amount"] = w->max_quote_amount->ToString();
    o["nonce"] = w->nonce;
  }
  return o;
}

}  // namespace

std::string_view PlanKindName(PlanKind k) { return kKinds[static_cast<size_t>(k)]; }
std::optional<PlanKind> ParsePlanKind(std::string_view name) {
  return Find<PlanKind>(kKinds, name);
}
std::string_view PlanStatusName(PlanStatus s) { return kStatuses[static_cast<size_t>(s)]; }
std::optional<PlanStatus> ParsePlanStatus(std::string_view name) {
  return Find<PlanStatus>(kStatuses, name);
}
std::string_view CatchUpName(CatchUp c) { return kCatchUps[static_cast<size_t>(c)]; }
std::optional<CatchUp> ParseCatchUp(std::string_view name) {
  return Find<CatchUp>(kCatchUps, name);
}

Result<PlanDraft> ParseDraft(const JsonView& body, std::string_view default_time_zone,
                             CatchUp default_catch_up) {
  if (!body.IsObject()) return body.Problem("is a JSON object describing the plan");
  PlanDraft draft;
  Plan& p = draft.plan;
  AMANAH_ASSIGN_OR_RETURN(p.name, body.String("name"));
  if (p.name.empty() || p.name.size() > 64) return body.Problem("name is 1 to 64 characters");
  for (char c : p.name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return body.Problem("name is letters, digits, '-', '_' and '.'");
    }
  }
  AMANAH_ASSIGN_OR_RETURN(draft.connection, body.String("connection"));
  AMANAH_ASSIGN_OR_RETURN(std::string kind_name, body.String("kind"));
  const auto kind = ParsePlanKind(kind_name);
  if (!kind) {
    return body.Problem("kind is \"dca\", \"rebalance\" or \"webhook\", not \"" + kind_name + "\"");
  }
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (i != static_cast<size_t>(*kind) && body.Has(kKinds[i])) {
      return body.Problem(std::string(kKinds[i]) + " does not go with kind \"" + kind_name + "\"");
    }
  }
  AMANAH_ASSIGN_OR_RETURN(JsonView spec, body.Field(PlanKindName(*kind)));
  AMANAH_ASSIGN_OR_RETURN(p.spec, ParseSpec(*kind, spec));
  if (auto* w = std::get_if<WebhookSpec>(&p.spec)) w->nonce.clear();  // the service draws it

  AMANAH_ASSIGN_OR_RETURN(auto zone, body.OptionalString("time_zone"));
  AMANAH_ASSIGN_OR_RETURN(auto period, body.OptionalString("period"));
  if (*kind == PlanKind::kWebhook) {
    if (period) return body.Problem("period does not go with a webhook plan (signals drive it)");
  } else {
    if (!period) return body.Problem("period is missing (e.g. \"daily@09:00\", \"hourly\")");
    auto parsed = ParsePeriod(*period, zone ? *zone : default_time_zone);
    if (!parsed) return body.Problem("period: " + parsed.error().message());
    p.period = std::move(*parsed);
  }
  AMANAH_ASSIGN_OR_RETURN(auto catch_up, body.OptionalString("catch_up"));
  p.catch_up = default_catch_up;
  if (catch_up) {
    auto c = ParseCatchUp(*catch_up);
    if (!c) return body.Problem("catch_up is \"once\" or \"skip\", not \"" + *catch_up + "\"");
    p.catch_up = *c;
  }
  return draft;
}

store::PlanRow ToRow(const Plan& p) {
  store::PlanRow r;
  r.id = p.id;
  r.tenant = p.tenant;
  r.connection = p.connection;
  r.name = p.name;
  r.kind = std::string(PlanKindName(p.kind()));
  r.status = std::string(PlanStatusName(p.status));
  r.status_reason = p.status_reason;
  r.period = p.period ? ToString(*p.period) : "";
  r.time_zone = p.period ? p.period->time_zone : "UTC";
  r.catch_up = std::string(CatchUpName(p.catch_up));
  r.spec = journal::CanonicalJson(SpecJson(p.spec)).value();
  r.created_at = p.created_at;
  r.updated_at = p.updated_at;
  r.next_run = p.next_run;
  r.spent = p.spent;
  r.runs = p.runs;
  return r;
}

Result<Plan> FromRow(const store::PlanRow& r) {
  auto broken = [&](std::string_view what) {
    return Fail(ErrorCode::kDataLoss, "plan " + r.id + " has " + std::string(what));
  };
  Plan p;
  p.id = r.id;
  p.tenant = r.tenant;
  p.connection = r.connection;
  p.name = r.name;
  const auto kind = ParsePlanKind(r.kind);
  const auto status = ParsePlanStatus(r.status);
  const auto catch_up = ParseCatchUp(r.catch_up);
  if (!kind || !status || !catch_up) return broken("an unknown kind, status or catch-up");
  p.status = *status;
  p.status_reason = r.status_reason;
  p.catch_up = *catch_up;
  if (*kind != PlanKind::kWebhook) {
    auto period = ParsePeriod(r.period, r.time_zone);
    if (!period) return broken("a malformed period: " + period.error().message());
    p.period = std::move(*period);
  }
  auto doc = base::JsonDocument::Parse(r.spec, {"plan " + r.id + " spec", ErrorCode::kDataLoss});
  if (!doc) return doc.error();
  AMANAH_ASSIGN_OR_RETURN(p.spec, ParseSpec(*kind, doc->Root()));
  p.created_at = r.created_at;
  p.updated_at = r.updated_at;
  p.next_run = r.next_run;
  p.spent = r.spent;
  p.runs = r.runs;
  return p;
}

json::object ToJson(const Plan& p, std::string_view connection_label) {
  json::object o{{"id", p.id},
                 {"name", p.name},
                 {"kind", PlanKindName(p.kind())},
                 {"connection", connection_label},
                 {"status", PlanStatusName(p.status)},
                 {"catch_up", CatchUpName(p.catch_up)},
                 {"created_at", base::UtcTime(p.created_at)},
                 {"updated_at", base::UtcTime(p.updated_at)},
                 {"spent", p.spent.ToString()},
                 {"runs", p.runs}};
  if (!p.status_reason.empty()) o["status_reason"] = p.status_reason;
  if (p.period) {
    o["period"] = ToString(*p.period);
    o["time_zone"] = p.period->time_zone;
  }
  o["next_run"] = p.next_run ? json::value(base::UtcTime(*p.next_run)) : json::value(nullptr);
  json::object spec = SpecJson(p.spec);
  spec.erase("nonce");  // what the secret is derived from stays inside
  o[PlanKindName(p.kind())] = std::move(spec);
  return o;
}

}  // namespace amanah::strategy
