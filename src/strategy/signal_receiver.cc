#include "strategy/signal_receiver.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "base/wipe.h"
#include "crypto/constant_time.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "journal/record.h"
#include "keys/label.h"
#include "strategy/plan_mac.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::Decimal;
using base::ErrorCode;
using base::Fail;
using base::Result;
using base::Rounding;

namespace {

SignalRefusal Refuse(unsigned status, std::string type, std::string detail) {
  return SignalRefusal{status, std::move(type), std::move(detail)};
}

// The signature header's hex, without a "sha256=" prefix.
std::string_view HexOf(std::string_view header) {
  if (header.starts_with("sha256=")) header.remove_prefix(7);
  return header;
}

}  // namespace

std::string SignalIntentId(std::string_view plan_id, std::string_view signal_id) {
  return order::DerivedIntentId("amanah/signal-intent/v1", {plan_id, signal_id});
}

std::variant<store::SignalRow, SignalRefusal> SignalReceiver::Receive(
    std::string_view plan_id, std::string_view body,
    const std::optional<std::string>& signature_header,
    const std::optional<std::string>& timestamp_header) {
  const SignalRefusal unknown =
      Refuse(404, "no-such-webhook", "no webhook plan answers at this URL");
  if (!order::IsIntentId(plan_id)) return unknown;
  auto found = d_.store.Read([&](store::UnitOfWork& u) -> Result<std::optional<store::PlanRow>> {
    return u.plans().GetById(plan_id);
  });
  if (!found) return Refuse(503, "unavailable", found.error().message());
  if (!*found || (*found)->kind != "webhook") return unknown;
  const store::PlanRow& row = **found;
  if (auto verified = Verify(d_.vault.state_mac(), row); !verified) {
    return Refuse(500, "data-loss", verified.error().message());
  }
  auto plan = FromRow(row);
  if (!plan) return Refuse(500, "data-loss", plan.error().message());
  const WebhookSpec& spec = std::get<WebhookSpec>(plan->spec);

  // Who sent it: the HMAC of the timestamp and body, else the secret in the body.
  crypto::SecretBytes secret = WebhookSecret(d_.vault.state_mac(), plan->id, spec.nonce);
  auto doc = base::JsonDocument::Parse(body, {"the signal", ErrorCode::kInvalidArgument});
  if (signature_header) {
    if (!timestamp_header) {
      return Refuse(401, "bad-signature",
                    "a signed signal carries X-Amanah-Timestamp with X-Amanah-Signature");
    }
    const std::string message = *timestamp_header + "." + std::string(body);
    std::string expected = crypto::HmacSha256Hex(secret.bytes(), crypto::AsBytes(message));
    const bool good = crypto::ConstantTimeEquals(expected, HexOf(*signature_header));
    base::Wipe(expected);
    if (!good) {
      return Refuse(401, "bad-signature",
                    "the signature does not match: sign timestamp + \".\" + body with the plan's "
                    "secret (HMAC-SHA256, hex)");
    }
  } else {
    std::optional<std::string> given;
    if (doc && doc->Root().IsObject()) {
      if (auto s = doc->Root().OptionalString("secret"); s && *s) given = **s;
    }
    if (!given) {
      return Refuse(401, "unsigned-signal",
                    "the signal is neither signed (X-Amanah-Signature) nor carries the plan's "
                    "secret (\"secret\" in the body)");
    }
    const bool good = crypto::ConstantTimeEquals(secret.view(), *given);
    base::Wipe(*given);
    if (!good) return Refuse(401, "bad-signature", "the secret in the body is not this plan's");
  }
  if (!doc) return Refuse(400, "bad-signal", doc.error().message());
  if (auto* o = doc->mutable_value().if_object()) {
    if (auto* s = o->if_contains("secret")) base::Wipe(*s);  // not kept past this point
    o->erase("secret");
  }
  auto signal = ParseSignal(doc->Root(), timestamp_header);
  if (!signal) return Refuse(400, "bad-signal", signal.error().message());

  if (plan->status != PlanStatus::kActive) {
    return Refuse(409, "plan-paused",
                  "plan " + plan->name + " is " + std::string(PlanStatusName(plan->status)) +
                      (plan->status_reason.empty() ? "" : ": " + plan->status_reason));
  }
  const base::SystemTime now = d_.clock.Now();
  const auto lag = now > signal->sent_at ? now - signal->sent_at : signal->sent_at - now;
  if (lag > spec.max_lag) {
    return Refuse(
        422, "stale-signal",
        "the signal's timestamp is " +
            std::to_string(std::chrono::duration_cast<std::chrono::seconds>(lag).count()) +
            " s from now, more than the plan's max_lag of " + std::to_string(spec.max_lag.count()) +
            " s (check the sender's clock)");
  }

  // The pair: the plan's list, the connection's approvals, the screening.
  if (!spec.symbols.empty() &&
      std::find(spec.symbols.begin(), spec.symbols.end(), signal->symbol) == spec.symbols.end()) {
    return Refuse(422, "pair-not-allowed",
                  signal->symbol + " is not one of the pairs plan " + plan->name + " may trade");
  }
  auto connection =
      d_.store.Read([&](store::UnitOfWork& u) { return u.connections().Get(plan->connection); });
  if (!connection) return Refuse(503, "unavailable", connection.error().message());
  if (!*connection || !store::IsLive((*connection)->status)) {
    return Refuse(409, "connection-gone", "the plan's connection was revoked");
  }
  if (d_.require_approved_pairs) {
    auto approved = d_.pairs.Of(**connection);
    if (!approved) return Refuse(503, "unavailable", approved.error().message());
    if (std::find(approved->begin(), approved->end(), signal->symbol) == approved->end()) {
      return Refuse(422, "pair-not-approved",
                    signal->symbol + " is not approved on " + (*connection)->label +
                        " (`amanah pairs " + (*connection)->label + " allow " + signal->symbol +
                        "`)");
    }
  }
  const screen::Verdict verdict = d_.screening.screener().Screen(signal->symbol);
  if (verdict.level == screen::Level::kNonCompliant ||
      (verdict.level == screen::Level::kDoubtful && !d_.allow_doubtful)) {
    std::string why;
    for (const auto& f : verdict.fired) {
      if (f.level == verdict.level && f.rule) {
        why = f.rule->id + ": " + f.rule->summary;
        break;
      }
    }
    return Refuse(422, "non-compliant-pair",
                  signal->symbol + " is " + std::string(screen::Name(verdict.level)) +
                      (why.empty() ? "" : " (" + why + ")") + "; nothing was placed");
  }

  // Queued durably, with its record, before the answer.
  store::SignalRow queued{
      row.tenant, plan->id, signal->id, now, journal::CanonicalJson(SignalJson(*signal)).value(),
      "queued",   "",       "",         {}};
  Seal(d_.vault.state_mac(), queued);
  auto stored = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_TRY(u.plans().InsertSignal(queued));
    AMANAH_TRY(d_.journal.AppendIn(
        u, row.tenant.value(), journal::kind::kPlanSignal,
        json::object{{"plan", plan->id}, {"name", plan->name}, {"signal", SignalJson(*signal)}}));
    return {};
  });
  if (!stored) {
    if (stored.error().code() == ErrorCode::kAlreadyExists) {
      return Refuse(409, "replayed-signal",
                    "a signal with id \"" + keys::Display(signal->id) +
                        "\" was received before; each id is accepted once");
    }
    return Refuse(503, "unavailable", stored.error().message());
  }
  return queued;
}

Result<void> SignalReceiver::Settle(store::SignalRow row, std::string state, std::string order_id,
                                    std::string reason, const Decimal& spent) {
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, row.tenant, row.plan_id));
    row.state = std::move(state);
    row.order_id = std::move(order_id);
    row.reason = std::move(reason);
    Seal(d_.vault.state_mac(), row);
    AMANAH_TRY(u.plans().UpdateSignal(row));
    p.runs += 1;
    AMANAH_ASSIGN_OR_RETURN(p.spent, p.spent.Add(spent));
    p.updated_at = d_.clock.Now();
    json::object payload{{"signal", row.signal_id}, {"state", row.state}};
    if (!row.order_id.empty()) payload["order"] = row.order_id;
    if (!row.reason.empty()) payload["reason"] = row.reason;
    return d_.plans.SaveIn(
        u, p, row.state == "done" ? journal::kind::kPlanRun : journal::kind::kPlanSignalRejected,
        std::move(payload));
  });
}

boost::asio::awaitable<Result<void>> SignalReceiver::Place(store::SignalRow row) {
  if (auto v = Verify(d_.vault.state_mac(), row); !v) co_return v.error();
  auto doc = base::JsonDocument::Parse(row.body, {"a stored signal", ErrorCode::kDataLoss});
  if (!doc) co_return doc.error();
  auto signal = SignalFromJson(doc->Root());
  if (!signal) co_return signal.error();
  auto loaded =
      d_.store.Read([&](store::UnitOfWork& u) -> Result<std::pair<Plan, store::Connection>> {
        AMANAH_ASSIGN_OR_RETURN(Plan p, d_.plans.LoadIn(u, row.tenant, row.plan_id));
        AMANAH_ASSIGN_OR_RETURN(auto c, u.connections().Get(p.connection));
        if (!c) return Fail(ErrorCode::kNotFound, "the plan's connection is gone");
        return std::pair{std::move(p), std::move(*c)};
      });
  if (!loaded) {
    co_return Settle(row, "rejected", "", loaded.error().message(), Decimal());
  }
  const Plan& plan = loaded->first;
  const store::Connection& c = loaded->second;
  const WebhookSpec& spec = std::get<WebhookSpec>(plan.spec);

  order::Intent i = d_.engine.NewIntent(plan.tenant);
  i.id = SignalIntentId(plan.id, signal->id);
  i.connection_label = c.label;
  i.symbol = signal->symbol;
  i.side = signal->side;
  i.type = exchange::OrderType::kMarket;
  i.source = order::Source::kWebhook;
  i.source_ref = plan.id;
  if (signal->percent) {
    // A share of what is free now: the quote for a buy, the base for a sell.
    auto adapter = d_.keys.OpenAdapter(c);
    if (!adapter) co_return adapter.error();
    auto symbols = co_await (*adapter)->Symbols();
    if (!symbols) {
      co_return Fail(ErrorCode::kUnavailable,
                     "the exchange's pairs could not be read: " + symbols.error().message());
    }
    const exchange::SymbolInfo* info = nullptr;
    for (const auto& s : *symbols) {
      if (s.symbol == signal->symbol) info = &s;
    }
    if (!info) {
      co_return Settle(row, "rejected", "", "the exchange has no pair " + signal->symbol,
                       Decimal());
    }
    auto balances = co_await (*adapter)->Balances();
    if (!balances) {
      co_return Fail(ErrorCode::kUnavailable,
                     "the balances could not be read: " + balances.error().message());
    }
    const std::string asset = i.side == exchange::Side::kBuy ? info->quote : info->base;
    Decimal free;
    for (const auto& b : *balances) {
      if (b.asset == asset) free = b.free;
    }
    auto share = free.Mul(*signal->percent, Rounding::kDown);
    if (!share) co_return share.error();
    auto amount = share->Div(Decimal::FromInt(100), 8, Rounding::kDown);
    if (!amount) co_return amount.error();
    if (i.side == exchange::Side::kBuy) {
      // The fee comes on top of a buy: spend the share less the fee, so the Funds check passes.
      auto net = amount->Div(Decimal::FromInt(1).Add(d_.fee_rate).value(), 8, Rounding::kDown);
      if (!net) co_return net.error();
      i.quote_amount = *net;
    } else {
      i.quantity = *amount;
    }
  } else if (signal->quote_amount) {
    i.quote_amount = *signal->quote_amount;
  } else {
    i.quantity = *signal->quantity;
  }
  if (spec.max_quote_amount && i.quote_amount && *i.quote_amount > *spec.max_quote_amount) {
    co_return Settle(row, "rejected", "",
                     "the buy of " + i.quote_amount->ToNormalizedString() +
                         " is above the plan's max_quote_amount of " +
                         spec.max_quote_amount->ToNormalizedString(),
                     Decimal());
  }
  const Decimal quote = i.quote_amount.value_or(Decimal());
  // An order concluded never placed is sent again under its resend id; a lost answer keeps the
  // signal queued until its order is settled.
  auto submitted = co_await d_.engine.SubmitResending(std::move(i));
  if (!submitted) {
    if (submitted.error().code() == ErrorCode::kUnavailable) co_return submitted.error();
    co_return Settle(row, "rejected", "", submitted.error().message(), Decimal());
  }
  using K = engine::SubmitOutcome::Kind;
  if (submitted->kind == K::kUnknown) {
    co_return Fail(ErrorCode::kUnavailable,
                   "the answer to its order was lost; it is settled at the next look");
  }
  const std::string order_id = submitted->order ? submitted->order->id : "";
  if (submitted->kind == K::kRejected ||
      (submitted->order && submitted->order->state == order::StateName(order::State::kRejected))) {
    std::string why = submitted->order ? submitted->order->reason : "refused";
    co_return Settle(row, "rejected", order_id, why, Decimal());
  }
  co_return Settle(row, "done", order_id, "", quote);
}

boost::asio::awaitable<Result<size_t>> SignalReceiver::Drain(size_t limit) {
  auto queued =
      d_.store.Read([&](store::UnitOfWork& u) { return u.plans().SignalsIn("queued", limit); });
  if (!queued) co_return queued.error();
  size_t done = 0;
  for (const auto& row : *queued) {
    auto placed = co_await Place(row);
    if (!placed) {
      spdlog::warn("webhooks: signal {} of plan {} is not placed yet: {}", row.signal_id,
                   row.plan_id, placed.error().ToString());
      if (placed.error().code() == ErrorCode::kUnavailable) break;  // tried again next pass
      continue;
    }
    ++done;
  }
  co_return done;
}

boost::asio::awaitable<void> SignalReceiver::Run(engine::Pause pause,
                                                 std::chrono::milliseconds poll,
                                                 const std::atomic<bool>& stop) {
  while (!stop.load()) {
    auto drained = co_await Drain();
    if (!drained) spdlog::error("webhooks: {}", drained.error().ToString());
    if (stop.load()) break;
    if (!drained || *drained == 0) co_await pause(poll);
  }
}

}  // namespace amanah::strategy
