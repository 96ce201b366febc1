#include "engine/connection_activity.h"

#include <chrono>

#include "order/lifecycle.h"

namespace amanah::engine {

using base::Result;

ConnectionActivity::Counted ConnectionActivity::CountOf(const store::OrderRow& row) {
  Counted c;
  c.created = row.created_at;
  auto state = order::ParseState(row.state);
  c.counts = state && *state != order::State::kRejected && *state != order::State::kIntended;
  // What the order committed: its quote amount, else quantity × limit price (market orders by
  // quantity count what they cost).
  c.notional = row.quote_amount;
  if (!c.notional && row.quantity && row.limit_price) {
    auto n = row.quantity->Mul(*row.limit_price, base::Rounding::kUp);
    if (n) c.notional = *n;
  }
  if (!c.notional && !row.cumulative_quote.IsZero()) c.notional = row.cumulative_quote;
  return c;
}

Result<void> ConnectionActivity::Fill(store::Store& store, const store::Connection& c,
                                      base::SystemTime now, policy::OrderFacts& facts) {
  const auto day_start = std::chrono::floor<std::chrono::days>(now);
  const base::SystemTime minute_ago = now - std::chrono::minutes(1);
  const base::SystemTime since = std::min<base::SystemTime>(day_start, minute_ago);

  std::lock_guard lock(mu_);
  Window& w = windows_[c.id.value()];
  if (!w.loaded || w.day_start != day_start) w = Window{day_start, 0, false, {}, {}};
  store::OrderQuery q;
  q.connection = c.id;
  q.since = since;
  if (w.loaded) q.changed_after = w.seen_change;
  q.limit = 1'000'000;
  AMANAH_ASSIGN_OR_RETURN(
      auto changed, store.Read([&](store::UnitOfWork& u) { return u.orders().List(c.tenant, q); }));
  auto contributes = [&](const Counted& k) {
    return k.counts && k.notional && k.created >= day_start;
  };
  for (const store::OrderRow& row : changed) {
    w.seen_change = std::max(w.seen_change, row.change_seq);
    const Counted now_counted = CountOf(row);
    auto [it, fresh] = w.rows.try_emplace(row.id, now_counted);
    if (!fresh) {
      if (contributes(it->second)) {
        AMANAH_ASSIGN_OR_RETURN(w.notional_today, w.notional_today.Sub(*it->second.notional));
      }
      it->second = now_counted;
    }
    if (contributes(now_counted)) {
      AMANAH_ASSIGN_OR_RETURN(w.notional_today, w.notional_today.Add(*now_counted.notional));
    }
  }
  w.loaded = true;
  // Rows from before the day that have left the last minute count for nothing any more.
  for (auto it = w.rows.begin(); it != w.rows.end();) {
    it = it->second.created < since ? w.rows.erase(it) : std::next(it);
  }
  facts.orders_last_minute = 0;
  for (const auto& [_, k] : w.rows) {
    if (k.counts && k.created >= minute_ago) ++facts.orders_last_minute;
  }
  facts.notional_today = w.notional_today;

  // Open orders on the symbol, whenever they were placed (bounded by the exchange's own cap).
  store::OrderQuery open;
  open.connection = c.id;
  open.states = {"placed", "partially_filled", "pending", "unknown"};
  open.limit = 100000;
  AMANAH_ASSIGN_OR_RETURN(auto open_rows, store.Read([&](store::UnitOfWork& u) {
    return u.orders().List(c.tenant, open);
  }));
  facts.open_orders_on_symbol = 0;
  for (const auto& row : open_rows) {
    if (row.symbol == facts.intent.symbol) ++facts.open_orders_on_symbol;
  }
  return {};
}

}  // namespace amanah::engine
