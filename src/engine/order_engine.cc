#include "engine/order_engine.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "engine/fact_gathering.h"
#include "order/order_mac.h"

namespace amanah::engine {

namespace net = boost::asio;
namespace json = boost::json;
namespace kind = journal::kind;
using base::Error;
using base::ErrorCode;
using base::Result;
using order::State;

namespace {

constexpr std::string_view kNeverPlacedReason =
    "never placed: the exchange does not know it and its acceptance window passed";

// Whether an exchange's error means the order was certainly not placed (it answered, and said
// no), as opposed to an answer that was lost.
bool CertainlyNotPlaced(const Error& e) {
  switch (exchange::FailureOf(e)) {
    case exchange::Failure::kOutcomeUnknown:
    case exchange::Failure::kNetwork:
    case exchange::Failure::kExchangeFault:
    case exchange::Failure::kMalformedResponse:
      return false;
    default:
      return true;
  }
}

json::object ReportJson(const exchange::OrderReport& r) {
  return json::object{{"exchange_order_id", r.order_id},
                      {"exchange_status", r.exchange_status},
                      {"executed_qty", r.executed_qty.ToString()},
                      {"cumulative_quote", r.cumulative_quote.ToString()}};
}

}  // namespace

std::string_view KindName(SubmitOutcome::Kind k) {
  switch (k) {
    case SubmitOutcome::Kind::kRejected:
      return "rejected";
    case SubmitOutcome::Kind::kPlaced:
      return "placed";
    case SubmitOutcome::Kind::kUnknown:
      return "unknown";
    case SubmitOutcome::Kind::kDryRun:
      return "dry_run";
    case SubmitOutcome::Kind::kExisting:
      return "existing";
  }
  return "?";
}

order::Intent OrderEngine::NewIntent(store::TenantId tenant) const {
  order::Intent i;
  i.id = order::NewIntentId(d_.random);
  i.tenant = std::move(tenant);
  return i;
}

Result<store::Connection> OrderEngine::FindConnection(const store::TenantId& tenant,
                                                      std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(auto c, d_.store.Read([&](store::UnitOfWork& u) {
    return u.connections().FindByLabel(tenant, label);
  }));
  if (!c)
    return Error(ErrorCode::kNotFound, "no connection labelled \"" + std::string(label) + "\"");
  return *c;
}

Result<store::Connection> OrderEngine::ConnectionOf(const store::OrderRow& row) {
  AMANAH_ASSIGN_OR_RETURN(auto c, d_.store.Read([&](store::UnitOfWork& u) {
    return u.connections().Get(row.connection);
  }));
  if (!c) return Error(ErrorCode::kDataLoss, "order " + row.id + " names a missing connection");
  return *c;
}

Result<store::OrderRow> OrderEngine::InsertNew(const order::Intent& intent,
                                               const store::Connection& c, State state,
                                               std::string reason,
                                               const policy::ChainResult& chain) {
  store::OrderRow row = order::ToRow(intent, c, order::StateName(state), d_.clock.Now());
  row.reason = std::move(reason);
  order::Seal(d_.vault.state_mac(), row);
  json::object payload{
      {"order", order::RowJson(row)}, {"label", c.label}, {"checks", chain.ToJson()}};
  const std::string_view k = state == State::kRejected ? kind::kOrderRejected : kind::kOrderIntent;
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_TRY(u.orders().Insert(row));
    AMANAH_TRY(d_.journal.AppendIn(u, row.tenant.value(), k, payload));
    for (const policy::CheckOutcome* shadow : chain.ShadowRejects()) {
      AMANAH_TRY(d_.journal.AppendIn(u, row.tenant.value(), kind::kPolicyShadowReject,
                                     json::object{{"order_id", row.id},
                                                  {"check", shadow->check},
                                                  {"reject", shadow->decision->ToJson()}}));
    }
    return {};
  }));
  return row;
}

Result<store::OrderRow> OrderEngine::Move(const store::OrderRow& row, State to,
                                          const exchange::OrderReport* report, std::string reason,
                                          std::optional<std::string_view> journal_kind) {
  auto from = order::ParseState(row.state);
  if (!from) return Error(ErrorCode::kDataLoss, "order " + row.id + " has an unknown state");
  store::OrderRow next = row;
  next.state = order::StateName(to);
  if (report != nullptr) {
    if (!report->order_id.empty()) next.exchange_order_id = report->order_id;
    next.executed_qty = report->executed_qty;
    next.cumulative_quote = report->cumulative_quote;
  }
  if (!reason.empty()) next.reason = std::move(reason);
  next.updated_at = d_.clock.Now();
  const bool changed = next.state != row.state || next.executed_qty != row.executed_qty ||
                       next.exchange_order_id != row.exchange_order_id;
  if (!changed) return row;
  if (*from != to) AMANAH_TRY(order::CheckMove(*from, to));
  if (*from == to && to != State::kPartiallyFilled && to != State::kPlaced &&
      to != State::kUnknown) {
    return row;  // a final state does not change
  }
  order::Seal(d_.vault.state_mac(), next);
  json::object payload{{"order_id", next.id},
                       {"symbol", next.symbol},
                       {"from", row.state},
                       {"to", next.state},
                       {"executed_qty", next.executed_qty.ToString()},
                       {"cumulative_quote", next.cumulative_quote.ToString()}};
  if (report != nullptr) payload["exchange"] = ReportJson(*report);
  if (!next.reason.empty() && next.reason != row.reason) payload["reason"] = next.reason;
  const std::string_view k = journal_kind ? *journal_kind : order::TransitionKind(*from, to);
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto current, u.orders().Get(row.tenant, row.id));
    if (!current || current->state_mac != row.state_mac) {
      return Error(ErrorCode::kAborted, "order " + row.id + " changed while it was updated");
    }
    AMANAH_TRY(u.orders().Update(next));
    AMANAH_TRY(d_.journal.AppendIn(u, next.tenant.value(), k, payload));
    return {};
  }));
  return next;
}

bool NeverPlaced(const store::OrderRow& row) {
  return row.state == order::StateName(State::kRejected) && row.reason == kNeverPlacedReason;
}

net::awaitable<Result<SubmitOutcome>> OrderEngine::Submit(order::Intent intent, bool dry_run) {
  if (auto ok = order::Validate(intent); !ok) co_return ok.error();
  // The same intent twice places one order.
  auto existing =
      d_.store.Read([&](store::UnitOfWork& u) { return u.orders().Get(intent.tenant, intent.id); });
  if (!existing) co_return existing.error();
  if (*existing) {
    if (auto ok = order::Verify(d_.vault.state_mac(), **existing); !ok) co_return ok.error();
    store::OrderRow row = std::move(**existing);
    const auto state = order::ParseState(row.state);
    if (!dry_run && (state == State::kPending || state == State::kUnknown)) {
      // Where it stands is learned before it is reported, as at start-up.
      auto c = ConnectionOf(row);
      if (!c) co_return c.error();
      auto adapter = d_.keys.OpenAdapter(*c);
      if (!adapter) co_return adapter.error();
      auto settled = co_await SettleConnection(*c, **adapter, options_.settle_rounds);
      if (!settled) co_return settled.error();
      auto again = Get(row.tenant, row.id);
      if (!again) co_return again.error();
      row = std::move(*again);
    }
    SubmitOutcome out;
    out.kind = SubmitOutcome::Kind::kExisting;
    out.order = std::move(row);
    co_return out;
  }
  auto connection = FindConnection(intent.tenant, intent.connection_label);
  if (!connection) co_return connection.error();
  store::Connection& c = *connection;

  policy::OrderFacts facts;
  facts.intent = intent;
  auto standing = d_.keys.StandingOf(intent.tenant, intent.connection_label);
  if (standing && standing->audit_due) {
    // Audited too long ago: audit now, then decide on the fresh result.
    (void)co_await d_.keys.Audit(intent.tenant, intent.connection_label);
    standing = d_.keys.StandingOf(intent.tenant, intent.connection_label);
  }
  if (standing) {
    facts.standing = StandingFacts(*standing);
  } else {
    facts.standing.reason = standing.error().message();
  }

  std::unique_ptr<exchange::SpotExchange> adapter;
  if (facts.standing.may_trade) {
    auto opened = d_.keys.OpenAdapter(c);
    if (!opened) co_return opened.error();
    adapter = std::move(*opened);
    // Earlier orders of this connection are settled before a new one is sent.
    if (!dry_run) {
      auto settled = co_await SettleConnection(c, *adapter, options_.settle_rounds);
      if (!settled) co_return settled.error();
    }
    if (auto stored = activity_.Fill(d_.store, c, d_.clock.Now(), facts); !stored) {
      co_return stored.error();
    }
    auto approved = d_.pairs.Of(c);
    if (!approved) co_return approved.error();
    facts.allowed_pairs = std::move(*approved);
    auto symbols = co_await SymbolsOf(c, *adapter);
    auto gathered = symbols ? co_await GatherExchangeFacts(*adapter, *symbols, facts)
                            : Result<void>(symbols.error());
    if (!gathered) {
      co_return gathered.error().WithContext("the order's facts could not be read from " +
                                             c.exchange + "; nothing was sent");
    }
  }

  SubmitOutcome out;
  out.chain = d_.chain.Run(facts);
  const order::Intent& checked = facts.intent;  // rounded to the filters
  if (!out.chain.passed()) {
    out.kind = SubmitOutcome::Kind::kRejected;
    if (dry_run) co_return out;
    auto row = InsertNew(checked, c, State::kRejected,
                         out.chain.rejected->code + ": " + out.chain.rejected->reason, out.chain);
    if (!row) co_return row.error();
    out.order = std::move(*row);
    co_return out;
  }
  const exchange::OrderRequest request = order::ToRequest(checked);
  if (dry_run) {
    auto built = adapter->BuildOrder(request, base::UnixMillis(d_.clock.Now()));
    if (!built) co_return built.error();
    out.kind = SubmitOutcome::Kind::kDryRun;
    out.request = std::move(*built);
    // The exchange checks it too, on its test endpoint: validated as for real, never placed.
    auto tested = co_await adapter->TestOrder(request);
    out.exchange_validated = static_cast<bool>(tested);
    if (!tested) out.exchange_failure = co_await adapter->Diagnose(tested.error());
    co_return out;
  }

  // Durable before it is signed: a crash from here on leaves a pending order to settle.
  auto pending = InsertNew(checked, c, State::kPending, "", out.chain);
  if (!pending) co_return pending.error();
  auto placed = co_await adapter->PlaceOrder(request);
  if (placed) {
    auto row = Move(*pending, order::FromExchange(placed->status), &*placed, "");
    if (!row) co_return row.error();
    out.kind = order::FromExchange(placed->status) == State::kRejected
                   ? SubmitOutcome::Kind::kRejected
                   : SubmitOutcome::Kind::kPlaced;
    out.order = std::move(*row);
    co_return out;
  }
  exchange::Diagnosis why = co_await adapter->Diagnose(placed.error());
  out.exchange_failure = why;
  if (CertainlyNotPlaced(placed.error())) {
    auto row =
        Move(*pending, State::kRejected, nullptr, "the exchange refused it: " + why.explanation);
    if (!row) co_return row.error();
    out.kind = SubmitOutcome::Kind::kRejected;
    out.order = std::move(*row);
    const auto f = exchange::FailureOf(placed.error());
    if (f == exchange::Failure::kKeyRefused || f == exchange::Failure::kPermissionMissing ||
        f == exchange::Failure::kKeyInvalid || f == exchange::Failure::kKeyOrIpRefused) {
      (void)co_await d_.keys.Audit(intent.tenant, intent.connection_label);  // re-audit at once
    }
    co_return out;
  }
  auto unknown = Move(*pending, State::kUnknown, nullptr,
                      "sent, and the answer was lost: " + placed.error().message());
  if (!unknown) co_return unknown.error();
  bool window_open = false;
  auto settled = co_await SettleOne(*unknown, *adapter, window_open);
  out.order = settled ? std::move(*settled) : std::move(*unknown);
  auto state = order::ParseState(out.order->state);
  out.kind = state == State::kUnknown    ? SubmitOutcome::Kind::kUnknown
             : state == State::kRejected ? SubmitOutcome::Kind::kRejected
                                         : SubmitOutcome::Kind::kPlaced;
  co_return out;
}

net::awaitable<Result<store::OrderRow>> OrderEngine::SettleOne(store::OrderRow row,
                                                               exchange::SpotExchange& ex,
                                                               bool& window_open) {
  window_open = false;
  auto report = co_await ex.QueryOrder(row.symbol, row.id);
  if (report) {
    co_return Move(row, order::FromExchange(report->status), &*report, "", kind::kOrderSettled);
  }
  if (exchange::FailureOf(report.error()) != exchange::Failure::kNotFound) {
    co_return report.error().WithContext("order " + row.id + " could not be settled");
  }
  const auto window = std::chrono::milliseconds(ex.AcceptanceWindowMs()) + options_.settle_margin;
  if (d_.clock.Now() - row.updated_at < window) {
    window_open = true;  // a request still in flight could yet be placed: ask again later
    co_return row;
  }
  co_return Move(row, State::kRejected, nullptr, std::string(kNeverPlacedReason),
                 kind::kOrderSettled);
}

net::awaitable<Result<SubmitOutcome>> OrderEngine::SubmitResending(order::Intent intent,
                                                                   int attempts) {
  const std::string first = intent.id;
  for (int attempt = 1;; ++attempt) {
    order::Intent sent = intent;
    auto out = co_await Submit(std::move(sent));
    if (!out || attempt >= attempts || !out->order || !NeverPlaced(*out->order)) co_return out;
    intent.id = order::ResendIntentId(first, attempt);
  }
}

net::awaitable<Result<void>> OrderEngine::SettleConnection(const store::Connection& c,
                                                           exchange::SpotExchange& ex, int rounds) {
  for (int round = 0;; ++round) {
    store::OrderQuery q;
    q.connection = c.id;
    q.states = {"pending", "unknown"};
    auto rows = d_.store.Read([&](store::UnitOfWork& u) { return u.orders().List(c.tenant, q); });
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return Result<void>();
    bool wait = false;
    for (auto& row : *rows) {
      if (auto ok = order::Verify(d_.vault.state_mac(), row); !ok) co_return ok.error();
      bool window_open = false;
      auto settled = co_await SettleOne(row, ex, window_open);
      if (!settled) co_return settled.error();
      wait = wait || window_open;
    }
    if (!wait) continue;  // list again: every one settled, or a new one appeared
    if (round >= rounds) {
      co_return Error(ErrorCode::kUnavailable,
                      "an earlier order of \"" + c.label +
                          "\" is still unsettled (sent, and the exchange does not know it yet); "
                          "try again in a few seconds");
    }
    const auto window = std::chrono::milliseconds(ex.AcceptanceWindowMs()) + options_.settle_margin;
    if (options_.pause) {
      co_await options_.pause(window);
    } else {
      net::steady_timer timer(co_await net::this_coro::executor);
      timer.expires_after(window);
      co_await timer.async_wait(net::use_awaitable);
    }
  }
}

net::awaitable<Result<std::vector<exchange::SymbolInfo>>> OrderEngine::SymbolsOf(
    const store::Connection& c, exchange::SpotExchange& ex) {
  const std::string key = c.exchange + " " + c.endpoint.value_or("");
  const base::SystemTime now = d_.clock.Now();
  {
    std::lock_guard lock(symbols_mu_);
    auto it = symbols_.find(key);
    if (it != symbols_.end() && now - it->second.read_at < options_.symbols_ttl) {
      co_return it->second.symbols;
    }
  }
  auto read = co_await ex.Symbols();
  if (!read) co_return read.error();
  std::lock_guard lock(symbols_mu_);
  symbols_[key] = CachedSymbols{now, *read};
  co_return std::move(*read);
}

net::awaitable<SettleReport> OrderEngine::SettleAll(bool wait_for_windows) {
  SettleReport report;
  auto rows = d_.store.Read([&](store::UnitOfWork& u) {
    return u.orders().ListInStates({"pending", "unknown"});
  });
  if (!rows) {
    report.problems.push_back(rows.error().message());
    co_return report;
  }
  std::vector<store::ConnectionId> done;
  for (const auto& row : *rows) {
    if (std::find(done.begin(), done.end(), row.connection) != done.end()) continue;
    done.push_back(row.connection);
    auto c = ConnectionOf(row);
    auto adapter = c ? d_.keys.OpenAdapter(*c) : c.error();
    if (!adapter) {
      report.problems.push_back(adapter.error().message());
      continue;
    }
    auto settled =
        co_await SettleConnection(*c, **adapter, wait_for_windows ? options_.settle_rounds : 0);
    if (!settled) report.problems.push_back(settled.error().message());
  }
  auto left = d_.store.Read([&](store::UnitOfWork& u) {
    return u.orders().ListInStates({"pending", "unknown"});
  });
  if (left) {
    for (const auto& row : *left) report.remaining.push_back(row.id);
  }
  report.settled = rows->size() - report.remaining.size();
  co_return report;
}

net::awaitable<Result<store::OrderRow>> OrderEngine::Refresh(store::TenantId tenant,
                                                             std::string order_id) {
  auto row = Get(tenant, order_id);
  if (!row) co_return row.error();
  auto c = ConnectionOf(*row);
  if (!c) co_return c.error();
  auto adapter = d_.keys.OpenAdapter(*c);
  if (!adapter) co_return adapter.error();
  auto report = co_await (*adapter)->QueryOrder(row->symbol, row->id);
  if (!report) co_return report.error();
  co_return Move(*row, order::FromExchange(report->status), &*report, "");
}

net::awaitable<Result<store::OrderRow>> OrderEngine::Cancel(store::TenantId tenant,
                                                            std::string order_id) {
  auto row = Get(tenant, order_id);
  if (!row) co_return row.error();
  auto state = order::ParseState(row->state);
  if (!state || !order::IsOpen(*state)) {
    co_return Error(ErrorCode::kFailedPrecondition,
                    "order " + order_id + " is " + row->state + ", not open");
  }
  auto c = ConnectionOf(*row);
  if (!c) co_return c.error();
  auto adapter = d_.keys.OpenAdapter(*c);
  if (!adapter) co_return adapter.error();
  auto report = co_await (*adapter)->CancelOrder(row->symbol, row->id);
  if (!report) {
    // It may have filled meanwhile: record where it stands, then report the refusal.
    auto now = co_await (*adapter)->QueryOrder(row->symbol, row->id);
    if (now) (void)Move(*row, order::FromExchange(now->status), &*now, "");
    co_return report.error();
  }
  co_return Move(*row, order::FromExchange(report->status), &*report, "");
}

net::awaitable<Result<std::vector<exchange::OrderReport>>> OrderEngine::CancelAll(
    store::TenantId tenant, std::string label, std::string symbol) {
  auto c = FindConnection(tenant, label);
  if (!c) co_return c.error();
  auto adapter = d_.keys.OpenAdapter(*c);
  if (!adapter) co_return adapter.error();
  auto cancelled = co_await (*adapter)->CancelAllOrders(symbol);
  if (!cancelled) co_return cancelled.error();
  for (const exchange::OrderReport& report : *cancelled) {
    if (!order::IsIntentId(report.client_order_id)) continue;
    auto row = d_.store.Read(
        [&](store::UnitOfWork& u) { return u.orders().Get(tenant, report.client_order_id); });
    if (!row) co_return row.error();
    if (!*row || (*row)->connection != c->id) continue;
    auto recorded = Record(**row, report);
    if (!recorded) co_return recorded.error();
  }
  co_return std::move(*cancelled);
}

net::awaitable<Result<std::vector<exchange::TradeReport>>> OrderEngine::Trades(
    store::TenantId tenant, std::string order_id) {
  auto row = Get(tenant, order_id);
  if (!row) co_return row.error();
  if (row->exchange_order_id.empty()) co_return std::vector<exchange::TradeReport>();
  auto c = ConnectionOf(*row);
  if (!c) co_return c.error();
  auto adapter = d_.keys.OpenAdapter(*c);
  if (!adapter) co_return adapter.error();
  co_return co_await (*adapter)->OrderTrades(row->symbol, row->exchange_order_id);
}

Result<store::OrderRow> OrderEngine::Record(const store::OrderRow& row,
                                            const exchange::OrderReport& report) {
  AMANAH_TRY(order::Verify(d_.vault.state_mac(), row));
  return Move(row, order::FromExchange(report.status), &report, "");
}

Result<std::vector<store::OrderRow>> OrderEngine::List(const store::TenantId& tenant,
                                                       std::optional<std::string> label,
                                                       bool open_only, size_t limit) {
  store::OrderQuery q;
  q.limit = limit;
  if (label) {
    AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindConnection(tenant, *label));
    q.connection = c.id;
  }
  if (open_only) q.states = {"placed", "partially_filled", "pending", "unknown"};
  AMANAH_ASSIGN_OR_RETURN(
      auto rows, d_.store.Read([&](store::UnitOfWork& u) { return u.orders().List(tenant, q); }));
  for (const auto& row : rows) AMANAH_TRY(order::Verify(d_.vault.state_mac(), row));
  return rows;
}

Result<store::OrderRow> OrderEngine::Get(const store::TenantId& tenant, std::string_view order_id) {
  AMANAH_ASSIGN_OR_RETURN(auto row, d_.store.Read([&](store::UnitOfWork& u) {
    return u.orders().Get(tenant, order_id);
  }));
  if (!row) return Error(ErrorCode::kNotFound, "no order " + std::string(order_id));
  AMANAH_TRY(order::Verify(d_.vault.state_mac(), *row));
  return *row;
}

}  // namespace amanah::engine
