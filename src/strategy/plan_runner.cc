#include "strategy/plan_runner.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "base/utc_time.h"
#include "crypto/encoding.h"
#include "journal/record.h"
#include "order/intent_input.h"
#include "strategy/plan_mac.h"
#include "strategy/rebalance.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::Decimal;
using base::ErrorCode;
using base::Fail;
using base::Result;
using base::Rounding;

namespace {

template <class T>
using Task = boost::asio::awaitable<Result<T>>;

// An intent as the run stores it, and back (through the one parser of order words).
json::object IntentJson(const order::Intent& i) {
  json::object o{{"id", i.id},
                 {"pair", i.symbol},
                 {"side", exchange::SideName(i.side)},
                 {"type", exchange::OrderTypeName(i.type)}};
  if (i.quantity) o["quantity"] = i.quantity->ToString();
  if (i.quote_amount) o["quote_amount"] = i.quote_amount->ToString();
  if (i.limit_price) o["limit"] = i.limit_price->ToString();
  return o;
}

Result<std::vector<order::Intent>> IntentsOf(const store::PlanRunRow& run,
                                             const order::Intent& base) {
  auto doc = base::JsonDocument::Parse(run.intents, {"the stored run", ErrorCode::kDataLoss});
  if (!doc) return doc.error();
  AMANAH_ASSIGN_OR_RETURN(auto items, doc->Root().AsArray());
  std::vector<order::Intent> out;
  for (const auto& item : items) {
    order::IntentInput in;
    in.connection = base.connection_label;
    AMANAH_ASSIGN_OR_RETURN(in.id, item.String("id"));
    AMANAH_ASSIGN_OR_RETURN(in.pair, item.String("pair"));
    AMANAH_ASSIGN_OR_RETURN(in.side, item.String("side"));
    AMANAH_ASSIGN_OR_RETURN(in.type, item.String("type"));
    AMANAH_ASSIGN_OR_RETURN(auto q, item.OptionalString("quantity"));
    AMANAH_ASSIGN_OR_RETURN(auto qa, item.OptionalString("quote_amount"));
    AMANAH_ASSIGN_OR_RETURN(auto l, item.OptionalString("limit"));
    in.quantity = q.value_or("");
    in.quote_amount = qa.value_or("");
    in.limit = l.value_or("");
    AMANAH_ASSIGN_OR_RETURN(order::Intent i, order::BuildIntent(in, base));
    out.push_back(std::move(i));
  }
  return out;
}

// What an intent may spend in its quote asset (a buy's quote amount, or quantity × limit).
Decimal QuoteOf(const order::Intent& i) {
  if (i.side != exchange::Side::kBuy) return Decimal();
  if (i.quote_amount) return *i.quote_amount;
  if (i.quantity && i.limit_price) {
    auto q = i.quantity->Mul(*i.limit_price, Rounding::kHalfEven);
    if (q) return *q;
  }
  return Decimal();
}

// The order is (or was) on the exchange: it spends the plan's budget.
bool Placed(const engine::SubmitOutcome& out) {
  using K = engine::SubmitOutcome::Kind;
  if (out.kind != K::kPlaced && out.kind != K::kExisting) return false;
  return out.order && out.order->state != order::StateName(order::State::kRejected);
}

}  // namespace

std::string PlanIntentId(std::string_view plan_id, int64_t slot_ms, size_t index) {
  return order::DerivedIntentId("amanah/plan-intent/v1",
                                {plan_id, std::to_string(slot_ms), std::to_string(index)});
}

Task<PlanRunner::Decided> PlanRunner::DecideDca(const Plan& plan, const DcaSpec& spec,
                                                const store::Connection& c, base::SystemTime slot) {
  Decided out;
  if (spec.end_at && slot >= *spec.end_at) {
    out.skip = "the plan ended at " + base::UtcTime(*spec.end_at);
    out.finish = true;
    co_return out;
  }
  Decimal amount = spec.quote_amount;
  if (spec.total_budget) {
    auto left = spec.total_budget->Sub(plan.spent);
    if (!left || !left->IsPositive()) {
      out.skip = "the total budget of " + spec.total_budget->ToNormalizedString() + " is spent";
      out.finish = true;
      co_return out;
    }
    if (*left < amount) amount = *left;
    if (*left <= amount) out.finish = true;  // this run spends the last of it
  }
  std::optional<Decimal> last;
  if (spec.price_ceiling || spec.limit) {
    auto adapter = d_.keys.OpenAdapter(c);
    if (!adapter) co_return adapter.error();
    auto ticker = co_await (*adapter)->Ticker24h(spec.symbol);
    if (!ticker) {
      co_return Fail(
          ErrorCode::kUnavailable,
          "the price of " + spec.symbol + " could not be read: " + ticker.error().message());
    }
    last = ticker->last_price;
  }
  if (spec.price_ceiling && last && *last > *spec.price_ceiling) {
    out.finish = false;
    out.skip = spec.symbol + " is at " + last->ToNormalizedString() + ", above the ceiling of " +
               spec.price_ceiling->ToNormalizedString();
    co_return out;
  }
  order::Intent i = d_.engine.NewIntent(plan.tenant);
  i.id = PlanIntentId(plan.id, base::UnixMillis(slot), 0);
  i.connection_label = c.label;
  i.symbol = spec.symbol;
  i.side = exchange::Side::kBuy;
  i.source = order::Source::kPlan;
  i.source_ref = plan.id;
  if (spec.limit) {
    // Below the last price by the offset; the filters round it down to the tick and the quantity
    // down to the lot.
    const Decimal factor = Decimal::FromInt(10000 - spec.limit_offset_bips)
                               .Div(Decimal::FromInt(10000), 8, Rounding::kDown)
                               .value();
    auto price = last->Mul(factor, Rounding::kDown);
    if (!price || !price->IsPositive()) co_return Fail(ErrorCode::kFailedPrecondition, "no price");
    auto qty = amount.Div(*price, 12, Rounding::kDown);
    if (!qty) co_return qty.error();
    i.type = exchange::OrderType::kLimit;
    i.limit_price = price->Rescale(std::min(price->scale(), 12), Rounding::kDown).value();
    i.quantity = *qty;
  } else {
    i.type = exchange::OrderType::kMarket;
    i.quote_amount = amount;
  }
  out.intents.push_back(std::move(i));
  co_return out;
}

Task<PlanRunner::Decided> PlanRunner::DecideRebalance(const Plan& plan, const RebalanceSpec& spec,
                                                      const store::Connection& c,
                                                      base::SystemTime slot) {
  Decided out;
  auto adapter = d_.keys.OpenAdapter(c);
  if (!adapter) co_return adapter.error();
  auto balances = co_await (*adapter)->Balances();
  if (!balances) {
    co_return Fail(ErrorCode::kUnavailable,
                   "the balances could not be read: " + balances.error().message());
  }
  auto symbols = co_await (*adapter)->Symbols();
  if (!symbols) {
    co_return Fail(ErrorCode::kUnavailable,
                   "the exchange's pairs could not be read: " + symbols.error().message());
  }
  RebalanceInput in;
  in.fee_rate = d_.fee_rate;
  for (const auto& b : *balances) {
    in.free[b.asset] = b.free;
    auto total = b.free.Add(b.locked);
    in.total[b.asset] = total ? *total : b.free;
  }
  for (const auto& [asset, weight] : spec.targets) {
    if (asset == spec.quote) continue;
    const exchange::SymbolInfo* info = nullptr;
    for (const auto& s : *symbols) {
      if (s.base == asset && s.quote == spec.quote && s.spot) info = &s;
    }
    if (!info) {
      co_return Fail(ErrorCode::kFailedPrecondition,
                     "the exchange has no spot pair of " + asset + " in " + spec.quote);
    }
    auto ticker = co_await (*adapter)->Ticker24h(info->symbol);
    if (!ticker) {
      co_return Fail(
          ErrorCode::kUnavailable,
          "the price of " + info->symbol + " could not be read: " + ticker.error().message());
    }
    // A market sell is rounded to the market lot where the pair has one.
    const Decimal step =
        info->market_step_size.IsPositive() ? info->market_step_size : info->step_size;
    in.markets[asset] = AssetMarket{info->symbol, ticker->last_price, step, info->min_notional};
  }
  auto decision = strategy::DecideRebalance(spec, in);
  if (!decision) co_return decision.error();
  if (decision->trades.empty()) {
    out.skip = decision->inside_band
                   ? "every weight is inside the band of " + spec.band.ToNormalizedString()
                   : "no trade above the minimum: " +
                         (decision->notes.empty() ? std::string() : decision->notes.front());
    co_return out;
  }
  size_t index = 0;
  for (const auto& t : decision->trades) {
    order::Intent i = d_.engine.NewIntent(plan.tenant);
    i.id = PlanIntentId(plan.id, base::UnixMillis(slot), index++);
    i.connection_label = c.label;
    i.symbol = t.symbol;
    i.side = t.side;
    i.type = exchange::OrderType::kMarket;
    i.quantity = t.quantity;
    i.quote_amount = t.quote_amount;
    i.source = order::Source::kPlan;
    i.source_ref = plan.id;
    out.intents.push_back(std::move(i));
  }
  co_return out;
}

Task<PlanRunner::Decided> PlanRunner::Decide(const Plan& plan, const store::Connection& c,
                                             base::SystemTime slot) {
  if (const auto* dca = std::get_if<DcaSpec>(&plan.spec)) {
    co_return co_await DecideDca(plan, *dca, c, slot);
  }
  if (const auto* rebalance = std::get_if<RebalanceSpec>(&plan.spec)) {
    co_return co_await DecideRebalance(plan, *rebalance, c, slot);
  }
  co_return Fail(ErrorCode::kFailedPrecondition,
                 "plan " + plan.name + " runs on signals, not on a schedule");
}

Result<store::PlanRunRow> PlanRunner::Skip(const RunRequest& r, const std::string& note,
                                           bool finish, bool pause) {
  const base::SystemTime now = d_.clock.Now();
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<store::PlanRunRow> {
    AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, r.tenant, r.plan_id));
    store::PlanRunRow run{
        r.tenant, r.plan_id, base::UnixMillis(r.slot), "skipped", now, now, "[]", "[]", note, {}};
    Seal(d_.vault.state_mac(), run);
    AMANAH_TRY(u.plans().InsertRun(run));
    if (r.next_run && !pause) p.next_run = *r.next_run;
    p.updated_at = now;
    if (finish) {
      p.status = PlanStatus::kFinished;
      p.status_reason = note;
      p.next_run.reset();
    }
    json::object payload{{"slot_ms", run.slot_ms}, {"reason", note}};
    if (pause) {
      AMANAH_TRY(d_.plans.PauseIn(u, p, note));
      AMANAH_TRY(d_.journal.AppendIn(
          u, r.tenant.value(), journal::kind::kPlanRunSkipped,
          json::object{
              {"plan", p.id}, {"name", p.name}, {"slot_ms", run.slot_ms}, {"reason", note}}));
      return run;
    }
    AMANAH_TRY(d_.plans.SaveIn(
        u, p, finish ? journal::kind::kPlanFinished : journal::kind::kPlanRunSkipped,
        std::move(payload)));
    return run;
  });
}

Result<store::PlanRunRow> PlanRunner::RecordFailure(const RunRequest& r, const std::string& why) {
  const base::SystemTime now = d_.clock.Now();
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<store::PlanRunRow> {
    AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, r.tenant, r.plan_id));
    const int64_t slot_ms = base::UnixMillis(r.slot);
    AMANAH_ASSIGN_OR_RETURN(auto existing, u.plans().GetRun(r.plan_id, slot_ms));
    store::PlanRunRow run =
        existing ? *existing : store::PlanRunRow{r.tenant,     r.plan_id, slot_ms, "", now,
                                                 std::nullopt, "[]",      "[]",    "", {}};
    run.state = "failed";
    run.finished_at = now;
    run.note = why;
    Seal(d_.vault.state_mac(), run);
    if (existing) {
      AMANAH_TRY(u.plans().UpdateRun(run));
    } else {
      AMANAH_TRY(u.plans().InsertRun(run));
    }
    if (r.next_run && p.status == PlanStatus::kActive) p.next_run = *r.next_run;
    p.updated_at = now;
    AMANAH_TRY(d_.plans.SaveIn(u, p, journal::kind::kPlanRunFailed,
                               {{"slot_ms", slot_ms}, {"reason", why}}));
    return run;
  });
}

Result<store::PlanRunRow> PlanRunner::Finish(const RunRequest& r, store::PlanRunRow run,
                                             const json::array& outcome, const Decimal& spent) {
  const base::SystemTime now = d_.clock.Now();
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<store::PlanRunRow> {
    AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, r.tenant, r.plan_id));
    run.state = "done";
    run.finished_at = now;
    run.outcome = journal::CanonicalJson(outcome).value();
    Seal(d_.vault.state_mac(), run);
    AMANAH_TRY(u.plans().UpdateRun(run));
    p.runs += 1;
    AMANAH_ASSIGN_OR_RETURN(p.spent, p.spent.Add(spent));
    p.updated_at = now;
    if (r.next_run && p.status == PlanStatus::kActive) p.next_run = *r.next_run;
    std::string finished;
    if (const auto* dca = std::get_if<DcaSpec>(&p.spec)) {
      if (dca->total_budget && p.spent >= *dca->total_budget) {
        finished = "the total budget of " + dca->total_budget->ToNormalizedString() + " is spent";
      } else if (dca->end_at && p.next_run && *p.next_run >= *dca->end_at) {
        finished = "the plan ended at " + base::UtcTime(*dca->end_at);
      }
    }
    json::object payload{
        {"slot_ms", run.slot_ms}, {"orders", outcome}, {"spent", spent.ToString()}};
    AMANAH_TRY(d_.plans.SaveIn(u, p, journal::kind::kPlanRun, std::move(payload)));
    if (!finished.empty() && p.status == PlanStatus::kActive) {
      p.status = PlanStatus::kFinished;
      p.status_reason = finished;
      p.next_run.reset();
      AMANAH_TRY(d_.plans.SaveIn(u, p, journal::kind::kPlanFinished, {{"reason", finished}}));
    }
    return run;
  });
}

Task<store::PlanRunRow> PlanRunner::Run(RunRequest r) {
  const int64_t slot_ms = base::UnixMillis(r.slot);
  struct Loaded {
    Plan plan;
    std::optional<store::Connection> connection;
    std::optional<store::PlanRunRow> run;
  };
  auto loaded = d_.store.Read([&](store::UnitOfWork& u) -> Result<Loaded> {
    AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, r.tenant, r.plan_id));
    AMANAH_ASSIGN_OR_RETURN(auto c, u.connections().Get(p.connection));
    AMANAH_ASSIGN_OR_RETURN(auto run, u.plans().GetRun(r.plan_id, slot_ms));
    if (run) AMANAH_TRY(Verify(d_.vault.state_mac(), *run));
    return Loaded{std::move(p), std::move(c), std::move(run)};
  });
  if (!loaded) co_return loaded.error();
  const Plan& plan = loaded->plan;

  // 1. A finished run of this slot is reported, not made again (a restart's second look).
  if (loaded->run && loaded->run->state != "started") {
    if (r.next_run && plan.next_run && *plan.next_run <= r.slot) {
      auto moved = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
        AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, r.tenant, r.plan_id));
        p.next_run = *r.next_run;
        p.updated_at = d_.clock.Now();
        return d_.plans.SaveIn(u, p, journal::kind::kPlanRunSkipped,
                               {{"slot_ms", slot_ms}, {"reason", "this slot was already run"}});
      });
      if (!moved) co_return moved.error();
    }
    co_return *loaded->run;
  }
  if (plan.status != PlanStatus::kActive && !loaded->run) {
    co_return Fail(ErrorCode::kFailedPrecondition,
                   "plan " + plan.name + " is " + std::string(PlanStatusName(plan.status)) +
                       (plan.status_reason.empty() ? "" : " (" + plan.status_reason + ")"));
  }

  // 2. The connection must be able to trade, under a fresh audit.
  const std::optional<store::Connection>& c = loaded->connection;
  if (!c || c->status != store::ConnectionStatus::kActive) {
    const std::string why =
        !c ? "its connection is gone"
           : "its connection " + c->label + " is " +
                 std::string(store::ConnectionStatusName(c->status)) +
                 (c->status == store::ConnectionStatus::kSuspended
                      ? " (see `amanah alerts`); resume the plan once an audit passes again"
                      : "");
    if (loaded->run) co_return Fail(ErrorCode::kUnavailable, "plan " + plan.name + ": " + why);
    co_return Skip(r, "paused: " + why, false, true);
  }
  if (auto vs = d_.vault.VerifyState(*c); !vs) co_return vs.error();
  const base::SystemTime now = d_.clock.Now();
  if (!c->audited_at || now - *c->audited_at > d_.keys.policy().audit_max_age) {
    keys::AuditOutcome audit = co_await d_.keys.Audit(c->tenant, c->label);
    if (audit.kind == keys::AuditOutcome::Kind::kNonCompliant) {
      co_return Skip(
          r,
          "paused: the key of " + c->label + " failed its audit before the run and was suspended",
          false, true);
    }
    if (audit.kind == keys::AuditOutcome::Kind::kFailed) {
      co_return Fail(ErrorCode::kUnavailable,
                     "the key of " + c->label + " could not be audited before the run: " +
                         (audit.failure ? audit.failure->explanation : std::string("unknown")));
    }
  }

  // 3. The intents: the stored ones of a run left started, else decided now and stored.
  order::Intent base = d_.engine.NewIntent(plan.tenant);
  base.connection_label = c->label;
  base.source = order::Source::kPlan;
  base.source_ref = plan.id;
  store::PlanRunRow run;
  std::vector<order::Intent> intents;
  if (loaded->run) {
    run = *loaded->run;
    auto stored = IntentsOf(run, base);
    if (!stored) co_return stored.error();
    intents = std::move(*stored);
  } else {
    auto decided = co_await Decide(plan, *c, r.slot);
    if (!decided) co_return decided.error();
    if (decided->intents.empty()) co_return Skip(r, decided->skip, decided->finish, false);
    intents = std::move(decided->intents);
    json::array stored;
    for (const auto& i : intents) stored.push_back(IntentJson(i));
    run = store::PlanRunRow{r.tenant,
                            plan.id,
                            slot_ms,
                            "started",
                            now,
                            std::nullopt,
                            journal::CanonicalJson(stored).value(),
                            "[]",
                            "",
                            {}};
    Seal(d_.vault.state_mac(), run);
    auto started = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
      AMANAH_TRY(u.plans().InsertRun(run));
      AMANAH_TRY(d_.journal.AppendIn(
          u, r.tenant.value(), journal::kind::kPlanRunStarted,
          json::object{
              {"plan", plan.id}, {"name", plan.name}, {"slot_ms", slot_ms}, {"intents", stored}}));
      return {};
    });
    if (!started) co_return started.error();
  }

  // 4. Each intent through the engine, in order (sells first). One the engine concluded never
  // placed is sent again under its resend id; one whose answer is still lost leaves the run
  // started, to be settled and recorded at the next look.
  json::array outcome;
  Decimal spent;
  for (order::Intent& i : intents) {
    i.source = order::Source::kPlan;
    i.source_ref = plan.id;
    const std::string id = i.id;
    const Decimal quote = QuoteOf(i);
    auto submitted = co_await d_.engine.SubmitResending(std::move(i));
    if (!submitted) {
      if (submitted.error().code() == ErrorCode::kUnavailable) {
        co_return Fail(ErrorCode::kUnavailable, "plan " + plan.name + ": " +
                                                    submitted.error().message() +
                                                    "; the run goes on at the next look");
      }
      outcome.push_back(json::object{
          {"intent", id}, {"outcome", "error"}, {"reason", submitted.error().message()}});
      continue;
    }
    if (submitted->kind == engine::SubmitOutcome::Kind::kUnknown) {
      co_return Fail(ErrorCode::kUnavailable,
                     "plan " + plan.name + ": the answer to order " + id +
                         " was lost; it is settled and the run recorded at the next look");
    }
    json::object o{{"intent", id}, {"outcome", engine::KindName(submitted->kind)}};
    if (submitted->order) {
      if (submitted->order->id != id) o["order"] = submitted->order->id;
      o["state"] = submitted->order->state;
      if (!submitted->order->reason.empty()) o["reason"] = submitted->order->reason;
    }
    o["checks"] = submitted->chain.ToJson();
    if (Placed(*submitted)) {
      auto s = spent.Add(quote);
      if (s) spent = *s;
    }
    outcome.push_back(std::move(o));
  }

  // 5. Recorded, and the plan moves on.
  co_return Finish(r, std::move(run), outcome, spent);
}

}  // namespace amanah::strategy
