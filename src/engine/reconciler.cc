#include "engine/reconciler.h"

#include <set>

#include "order/intent.h"
#include "order/lifecycle.h"

namespace amanah::engine {

namespace net = boost::asio;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

json::object ForeignOrder::ToJson() const {
  return json::object{{"symbol", symbol},
                      {"exchange_order_id", order_id},
                      {"client_order_id", client_order_id},
                      {"side", side},
                      {"quantity", quantity},
                      {"price", price},
                      {"status", status},
                      {"time_ms", time_ms}};
}

json::object ReconcileReport::ToJson() const {
  json::array f;
  for (const auto& o : foreign) f.push_back(o.ToJson());
  json::array p;
  for (const auto& s : problems) p.push_back(json::string(s));
  return json::object{{"label", label},         {"orders_seen", orders_seen},
                      {"updated", updated},     {"foreign", std::move(f)},
                      {"suspended", suspended}, {"problems", std::move(p)}};
}

net::awaitable<Result<ReconcileReport>> Reconciler::Reconcile(
    store::TenantId tenant, std::string label, std::optional<std::string> only_symbol) {
  ReconcileReport report;
  report.label = label;
  auto found = d_.store.Read(
      [&](store::UnitOfWork& u) { return u.connections().FindByLabel(tenant, label); });
  if (!found) co_return found.error();
  if (!*found || !store::IsLive((*found)->status)) {
    co_return Error(ErrorCode::kNotFound, "no live connection labelled \"" + label + "\"");
  }
  const store::Connection c = **found;
  if (auto ok = d_.vault.VerifyState(c); !ok) co_return ok.error();
  {
    std::lock_guard lock(mu_);
    last_run_[c.id] = d_.clock.Now();
  }
  auto adapter = d_.keys.OpenAdapter(c);
  if (!adapter) co_return adapter.error();
  exchange::SpotExchange& ex = **adapter;
  // Everything below is in the exchange's time: order times are its own.
  auto offset = co_await ex.SyncTime();
  if (!offset) co_return offset.error();
  const int64_t server_now = base::UnixMillis(d_.clock.Now()) + *offset;

  // Which symbols to read: the one the stream named; else ours, and every listed one whose base
  // the account holds.
  std::set<std::string> symbols;
  if (only_symbol) symbols.insert(*only_symbol);
  store::OrderQuery ours;
  ours.connection = c.id;
  ours.limit = 100000;
  if (!only_symbol) {
    auto rows = d_.store.Read([&](store::UnitOfWork& u) { return u.orders().List(tenant, ours); });
    if (!rows) co_return rows.error();
    for (const auto& r : *rows) symbols.insert(r.symbol);
    auto balances = co_await ex.Balances();
    if (!balances) co_return balances.error();
    auto listed = co_await ex.Symbols();
    if (!listed) co_return listed.error();
    std::set<std::string> held;
    for (const auto& b : *balances) {
      if (b.free.IsPositive() || b.locked.IsPositive()) held.insert(b.asset);
    }
    for (const auto& s : *listed) {
      if (held.count(s.base) != 0) symbols.insert(s.symbol);
    }
  }

  // From the connection's creation (at least the last minute: our clock and the exchange's
  // disagree by what SyncTime measured only approximately).
  const int64_t start_ms = std::min(base::UnixMillis(c.created_at) + *offset, server_now - 60'000);
  for (const std::string& symbol : symbols) {
    auto mark =
        d_.store.Read([&](store::UnitOfWork& u) { return u.orders().GetWatermark(c.id, symbol); });
    if (!mark) co_return mark.error();
    const int64_t since = *mark ? (*mark)->time_ms : start_ms;
    auto history = co_await ex.OrderHistory(symbol, since);
    if (!history) {
      report.problems.push_back(symbol + ": " + history.error().message());
      continue;
    }
    // Nothing seen: the window may start a minute before now next time (orders reach the
    // exchange's history within that); else from the newest order seen, which is not reported
    // again.
    int64_t newest = std::max(since, server_now - 60'000);
    bool seen_any = false;
    std::vector<ForeignOrder> found_foreign;
    for (const exchange::OrderReport& o : *history) {
      ++report.orders_seen;
      newest = seen_any ? std::max(newest, o.time_ms) : std::max(since, o.time_ms);
      seen_any = true;
      std::optional<store::OrderRow> mine;
      if (order::IsIntentId(o.client_order_id)) {
        auto row = d_.store.Read(
            [&](store::UnitOfWork& u) { return u.orders().Get(tenant, o.client_order_id); });
        if (!row) co_return row.error();
        if (*row && (*row)->connection == c.id) {
          mine = **row;
        } else if (*row) {
          // Placed by another of the tenant's connections to the same exchange account (two
          // keys of one account): ours too, not foreign.
          auto other = d_.store.Read(
              [&](store::UnitOfWork& u) { return u.connections().Get((*row)->connection); });
          if (!other) co_return other.error();
          if (*other && (*other)->exchange == c.exchange && (*other)->account_id &&
              (*other)->account_id == c.account_id) {
            mine = **row;
          }
        }
      }
      if (mine) {
        auto state = order::ParseState(mine->state);
        const order::State now = order::FromExchange(o.status);
        if (!state || *state == now || order::IsFinal(*state) || !order::CanMove(*state, now)) {
          continue;
        }
        auto recorded = d_.engine.Record(*mine, o);
        // kAborted: another run (the stream's or the scheduler's) recorded it first.
        if (!recorded && recorded.error().code() == ErrorCode::kAborted) continue;
        if (!recorded) co_return recorded.error();
        ++report.updated;
        continue;
      }
      if (*mark && o.time_ms <= since) continue;  // reported by an earlier run
      found_foreign.push_back(
          ForeignOrder{o.symbol, o.order_id, o.client_order_id,
                       std::string(exchange::SideName(o.side)), o.orig_qty.ToNormalizedString(),
                       o.price.ToNormalizedString(), o.exchange_status, o.time_ms});
    }
    // The foreign orders and the new watermark commit together: each is reported once. A run
    // that moved the watermark meanwhile has reported what it passed.
    auto stored = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(auto current, u.orders().GetWatermark(c.id, symbol));
      if (current && current->time_ms > since) {
        std::erase_if(found_foreign,
                      [&](const ForeignOrder& f) { return f.time_ms <= current->time_ms; });
        newest = std::max(newest, current->time_ms);
      }
      for (const ForeignOrder& f : found_foreign) {
        json::object payload = f.ToJson();
        payload["label"] = c.label;
        payload["connection_id"] = c.id.value();
        AMANAH_TRY(d_.journal.AppendIn(u, tenant.value(), journal::kind::kOrderForeign, payload));
      }
      return u.orders().SetWatermark(store::Watermark{c.id, symbol, newest});
    });
    if (!stored) co_return stored.error();
    for (auto& f : found_foreign) report.foreign.push_back(std::move(f));
  }

  if (!report.foreign.empty() && options_.suspend_on_foreign_order &&
      c.status == store::ConnectionStatus::kActive) {
    const ForeignOrder& first = report.foreign.front();
    auto suspended = d_.keys.Suspend(tenant, label,
                                     "an order Amanah did not place was found on the exchange (" +
                                         first.symbol + " " + first.side + " " + first.quantity +
                                         " @ " + first.price + ", exchange id " + first.order_id +
                                         "): the key may be stolen — revoke it on the exchange");
    if (suspended) {
      report.suspended = true;
    } else {
      report.problems.push_back(suspended.error().message());
    }
  }
  co_return report;
}

net::awaitable<Result<std::vector<ReconcileReport>>> Reconciler::ReconcileAll(
    store::TenantId tenant) {
  auto list = d_.store.Read([&](store::UnitOfWork& u) { return u.connections().List(tenant); });
  if (!list) co_return list.error();
  std::vector<ReconcileReport> out;
  for (const auto& c : *list) {
    if (store::IsLive(c.status)) out.push_back(co_await ReportOf(tenant, c.label));
  }
  co_return out;
}

net::awaitable<std::vector<ReconcileReport>> Reconciler::Tick() {
  std::vector<ReconcileReport> out;
  auto all = d_.store.Read([&](store::UnitOfWork& u) { return u.connections().ListAll(); });
  if (!all) co_return out;
  const base::SystemTime now = d_.clock.Now();
  for (const auto& c : *all) {
    if (!store::IsLive(c.status)) continue;
    {
      std::lock_guard lock(mu_);
      auto last = last_run_.find(c.id);
      if (last != last_run_.end() && now - last->second < options_.period) continue;
    }
    out.push_back(co_await ReportOf(c.tenant, c.label));
  }
  co_return out;
}

net::awaitable<ReconcileReport> Reconciler::ReportOf(store::TenantId tenant, std::string label) {
  auto r = co_await Reconcile(tenant, label);
  if (r) co_return std::move(*r);
  ReconcileReport failed;
  failed.label = std::move(label);
  failed.problems.push_back(r.error().message());
  co_return failed;
}

}  // namespace amanah::engine
