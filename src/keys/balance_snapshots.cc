#include "keys/balance_snapshots.h"

#include <map>

#include "base/utc_time.h"

namespace amanah::keys {

namespace net = boost::asio;
using base::Decimal;
using base::Result;

namespace {

std::string Day(base::SystemTime t) { return base::UtcTime(t).substr(0, 10); }

}  // namespace

net::awaitable<Result<size_t>> BalanceSnapshots::Take(const store::Connection& c) {
  auto adapter = keys_.OpenAdapter(c);
  if (!adapter) co_return adapter.error();
  auto balances = co_await (*adapter)->Balances();
  if (!balances) co_return balances.error();
  const auto now = clock_.Now();
  const std::string day = Day(now);
  std::vector<store::BalanceSnapshotRow> rows;
  for (const auto& b : *balances) {
    auto total = b.free.Add(b.locked);
    if (!total) co_return total.error();
    if (total->IsZero()) continue;
    store::BalanceSnapshotRow row;
    row.tenant = c.tenant;
    row.connection = c.id;
    row.day = day;
    row.taken_ms = base::UnixMillis(now);
    row.asset = b.asset;
    row.total = *total;
    row.quote = quote_;
    if (b.asset == quote_) {
      row.value = *total;
    } else {
      // No price (not listed against the quote, or the call failed): held, but not valued.
      auto ticker = co_await (*adapter)->Ticker24h(b.asset + quote_);
      if (ticker) {
        auto value = total->Mul(ticker->last_price, base::Rounding::kHalfEven);
        if (value && value->scale() > 8) value = value->Rescale(8, base::Rounding::kHalfEven);
        if (value) row.value = value->Normalized();
      }
    }
    rows.push_back(std::move(row));
  }
  auto stored =
      store_.Write([&](store::UnitOfWork& u) { return u.snapshots().Replace(c.id, day, rows); });
  if (!stored) co_return stored.error();
  co_return rows.size();
}

Result<ValueHistory> BalanceSnapshots::History(const store::TenantId& tenant, int days) {
  const auto since = clock_.Now() - std::chrono::hours(24) * std::max(0, days - 1);
  AMANAH_ASSIGN_OR_RETURN(auto rows, store_.Read([&](store::UnitOfWork& u) {
    return u.snapshots().List(tenant, Day(since));
  }));
  // Σ over the tenant's connections, per day and asset; a day's sum has no value if any of its
  // parts had none.
  std::map<std::string, size_t> day_index;
  for (const auto& r : rows) day_index.emplace(r.day, 0);
  ValueHistory out;
  out.quote = quote_;
  for (auto& [day, index] : day_index) {
    index = out.days.size();
    out.days.push_back(day);
  }
  std::map<std::string, ValueHistory::Series> by_asset;
  std::map<std::pair<std::string, size_t>, bool> unvalued;
  for (const auto& r : rows) {
    auto& s = by_asset[r.asset];
    s.asset = r.asset;
    s.values.resize(out.days.size());
    const size_t i = day_index[r.day];
    if (!r.value || unvalued[{r.asset, i}]) {
      unvalued[{r.asset, i}] = true;
      s.values[i].reset();
      continue;
    }
    if (!s.values[i]) {
      s.values[i] = *r.value;
    } else {
      AMANAH_ASSIGN_OR_RETURN(Decimal sum, s.values[i]->Add(*r.value));
      s.values[i] = sum;
    }
  }
  for (auto& [_, s] : by_asset) out.series.push_back(std::move(s));
  return out;
}

}  // namespace amanah::keys
