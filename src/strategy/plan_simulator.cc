#include "strategy/plan_simulator.h"

#include <cctype>

#include "base/utc_time.h"

namespace amanah::strategy {

using base::Decimal;
using base::ErrorCode;
using base::Fail;
using base::Result;

Result<SimulationRequest> ParseSimulationRequest(const base::JsonView& body, store::TenantId tenant,
                                                 std::string plan) {
  if (!body.IsObject()) return body.Problem("is a JSON object");
  SimulationRequest r;
  r.tenant = std::move(tenant);
  r.plan = std::move(plan);
  for (auto [name, field] : {std::pair{"from", &r.from}, std::pair{"to", &r.to}}) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, body.String(name));
    auto t = base::ParseUtcTime(text);
    if (!t) return body.Problem(std::string(name) + " " + t.error().message());
    *field = *t;
  }
  if (r.to <= r.from) return body.Problem("to must be after from");
  AMANAH_ASSIGN_OR_RETURN(auto prices, body.OptionalField("prices"));
  if (prices) {
    if (!prices->IsObject()) return prices->Problem("is an object of asset → klines CSV text");
    for (const auto& member : prices->raw().as_object()) {
      const std::string asset(member.key());
      AMANAH_ASSIGN_OR_RETURN(std::string csv, prices->String(asset));
      auto series = ParseKlinesCsv(csv);
      if (!series) return prices->Problem(asset + ": " + series.error().message());
      std::string upper = asset;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      r.prices[upper] = std::move(*series);
    }
  }
  AMANAH_ASSIGN_OR_RETURN(auto start, body.OptionalField("start"));
  if (start) {
    if (!start->IsObject()) return start->Problem("is an object of asset → quantity");
    for (const auto& member : start->raw().as_object()) {
      const std::string asset(member.key());
      AMANAH_ASSIGN_OR_RETURN(Decimal q, start->DecimalString(asset));
      if (q.IsNegative()) return start->Problem(asset + " is negative");
      std::string upper = asset;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      r.start[upper] = q;
    }
  }
  return r;
}

boost::asio::awaitable<Result<SimulationResult>> PlanSimulator::Run(SimulationRequest r) {
  auto view = d_.plans.Find(r.tenant, r.plan);
  if (!view) co_return view.error();
  const Plan& plan = view->plan;
  if (!plan.period) {
    co_return Fail(ErrorCode::kInvalidArgument,
                   "plan " + plan.name + " runs on signals: there is no schedule to simulate");
  }
  auto connection =
      d_.store.Read([&](store::UnitOfWork& u) { return u.connections().Get(plan.connection); });
  if (!connection) co_return connection.error();
  if (!*connection || !store::IsLive((*connection)->status)) {
    co_return Fail(ErrorCode::kFailedPrecondition, "the plan's connection was revoked");
  }
  auto adapter = d_.keys.OpenAdapter(**connection);
  if (!adapter) co_return adapter.error();
  auto symbols = co_await (*adapter)->Symbols();
  if (!symbols) co_return symbols.error();

  // The pairs it trades, by base asset, in its quote asset.
  std::map<std::string, std::string> pairs;
  std::string quote;
  if (const auto* dca = std::get_if<DcaSpec>(&plan.spec)) {
    for (const auto& s : *symbols) {
      if (s.symbol == dca->symbol) {
        pairs[s.base] = s.symbol;
        quote = s.quote;
      }
    }
    if (pairs.empty())
      co_return Fail(ErrorCode::kNotFound, "the exchange has no pair " + dca->symbol);
  } else {
    const auto& spec = std::get<RebalanceSpec>(plan.spec);
    quote = spec.quote;
    for (const auto& [asset, w] : spec.targets) {
      if (asset == spec.quote) continue;
      for (const auto& s : *symbols) {
        if (s.base == asset && s.quote == spec.quote && s.spot) pairs[asset] = s.symbol;
      }
      if (!pairs.count(asset)) {
        co_return Fail(ErrorCode::kNotFound,
                       "the exchange has no pair of " + asset + " in " + quote);
      }
    }
  }
  SimulationInput in;
  in.from = r.from;
  in.to = r.to;
  in.fee_rate = d_.fee_rate;
  in.start = r.start;
  for (const auto& [asset, symbol] : pairs) {
    for (const auto& s : *symbols) {
      if (s.symbol != symbol) continue;
      in.step[asset] = s.market_step_size.IsPositive() ? s.market_step_size : s.step_size;
    }
  }
  if (!r.prices.empty()) {
    // One series for a DCA is its pair's, whatever it was named.
    if (r.prices.size() == 1 && pairs.size() == 1) {
      in.prices[pairs.begin()->first] = r.prices.begin()->second;
    } else {
      in.prices = r.prices;
    }
  } else {
    for (const auto& [asset, symbol] : pairs) {
      auto candles = co_await (*adapter)->HourlyCandles(symbol, base::UnixMillis(r.from),
                                                        base::UnixMillis(r.to) + 1);
      if (!candles) co_return candles.error();
      PriceSeries series;
      // A candle's close is known when it closes, an hour after it opened.
      for (const auto& c : *candles) series.push_back({c.open_time_ms + 3600 * 1000 - 1, c.close});
      if (series.empty()) {
        co_return Fail(ErrorCode::kNotFound, "the exchange has no candles of " + symbol +
                                                 " in that range; give --prices FILE.csv");
      }
      in.prices[asset] = std::move(series);
    }
  }
  if (std::holds_alternative<RebalanceSpec>(plan.spec) && in.start.empty()) {
    auto balances = co_await (*adapter)->Balances();
    if (!balances) co_return balances.error();
    for (const auto& b : *balances) {
      auto total = b.free.Add(b.locked);
      if (total && total->IsPositive()) in.start[b.asset] = *total;
    }
  }
  co_return Simulate(plan, in);
}

}  // namespace amanah::strategy
