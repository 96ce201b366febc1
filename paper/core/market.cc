#include "core/market.h"

#include <algorithm>

#include "base/check.h"

namespace amanah::paper {

using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::Result;
using base::Rounding;

namespace {

constexpr size_t kHistorySteps = 100'000;

// value / unit when exact and within int64; unit > 0.
std::optional<int64_t> ExactUnits(const Decimal& value, const Decimal& unit) {
  // Fast path: bring both to the finer scale with integer arithmetic (the order path's common
  // case).
  if (value.scale() <= unit.scale() && unit.scale() - value.scale() <= 18) {
    static constexpr int64_t kPow10[] = {1,
                                         10,
                                         100,
                                         1000,
                                         10000,
                                         100000,
                                         1000000,
                                         10000000,
                                         100000000,
                                         1000000000,
                                         10000000000,
                                         100000000000,
                                         1000000000000,
                                         10000000000000,
                                         100000000000000,
                                         1000000000000000,
                                         10000000000000000,
                                         100000000000000000,
                                         1000000000000000000};
    base::int128 scaled = value.mantissa();
    base::int128 factor = kPow10[unit.scale() - value.scale()];
    if (scaled > 0 && scaled > (static_cast<base::int128>(1) << 100) / factor) return std::nullopt;
    scaled *= factor;
    if (scaled % unit.mantissa() != 0) return std::nullopt;
    base::int128 q = scaled / unit.mantissa();
    if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
    return static_cast<int64_t>(q);
  }
  if (!value.IsMultipleOf(unit)) return std::nullopt;
  auto q = value.Div(unit, 0, Rounding::kDown);
  if (!q || q->mantissa() > INT64_MAX || q->mantissa() < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(q->mantissa());
}

}  // namespace

Result<Market> Market::Create(SymbolSpec spec, int64_t start_time_ms) {
  auto fail = [&](std::string what) {
    return Error(ErrorCode::kInvalidArgument, "symbol " + spec.symbol + ": " + what);
  };
  if (!spec.tick_size.IsPositive()) return fail("tick_size must be positive");
  if (!spec.step_size.IsPositive()) return fail("step_size must be positive");
  if (spec.tick_size.scale() + spec.step_size.scale() > Decimal::kMaxScale)
    return fail("tick_size and step_size together need more than 18 decimals");
  if (!spec.start_price.IsPositive()) return fail("start_price must be positive");
  if (spec.market_step_size.IsZero()) spec.market_step_size = spec.step_size;
  if (!spec.market_step_size.IsMultipleOf(spec.step_size))
    return fail("market step size must be a multiple of step_size");
  if (spec.depth_levels < 1 || spec.depth_levels > 1000)
    return fail("depth_levels must be 1..1000");
  auto start = ExactUnits(spec.start_price, spec.tick_size);
  if (!start || *start <= 0) return fail("start_price must be a positive multiple of tick_size");
  std::vector<int64_t> replay;
  for (const Decimal& price : spec.replay) {
    auto ticks = ExactUnits(price, spec.tick_size);
    if (!ticks || *ticks <= 0)
      return fail("replay price " + price.ToString() + " is not a positive multiple of tick_size");
    replay.push_back(*ticks);
  }
  PricePath path = replay.empty() ? PricePath::RandomWalk(*start, spec.volatility_bp, spec.seed)
                                  : PricePath::Replay(std::move(replay));
  Market market(std::move(spec), std::move(path), start_time_ms);
  if (market.spec_.level_qty.IsPositive()) {
    auto lots = market.spec_.level_qty.Div(market.spec_.step_size, 0, Rounding::kDown);
    if (!lots || lots->mantissa() < 1 || lots->mantissa() > INT64_MAX / 4096)
      return fail("level_qty must be at least one step and not huge");
    market.level_lots_ = static_cast<int64_t>(lots->mantissa());
  }
  return market;
}

Market::Market(SymbolSpec spec, PricePath path, int64_t start_time_ms)
    : spec_(std::move(spec)),
      path_(std::move(path)),
      start_time_ms_(start_time_ms),
      consumed_bid_(static_cast<size_t>(spec_.depth_levels)),
      consumed_ask_(static_cast<size_t>(spec_.depth_levels)) {
  int64_t mid = path_.mid();
  history_.push_back(Candle{start_time_ms, mid, mid, mid, mid, 0, 0, 0});
}

Result<int64_t> Market::Ticks(const Decimal& price) const {
  auto ticks = ExactUnits(price, spec_.tick_size);
  if (!ticks) return Error(ErrorCode::kInvalidArgument, "price is not a multiple of the tick size");
  return *ticks;
}

Result<int64_t> Market::Lots(const Decimal& qty) const {
  auto lots = ExactUnits(qty, spec_.step_size);
  if (!lots)
    return Error(ErrorCode::kInvalidArgument, "quantity is not a multiple of the step size");
  return *lots;
}

Decimal Market::Price(int64_t ticks) const {
  return Decimal::FromUnits(spec_.tick_size.mantissa() * ticks, spec_.tick_size.scale()).value();
}

Decimal Market::Qty(int64_t lots) const {
  return Decimal::FromUnits(spec_.step_size.mantissa() * lots, spec_.step_size.scale()).value();
}

Decimal Market::Notional(int64_t ticks, int64_t lots) const {
  base::int128 m = spec_.tick_size.mantissa() * ticks * spec_.step_size.mantissa() * lots;
  return Decimal::FromUnits(m, spec_.tick_size.scale() + spec_.step_size.scale()).value();
}

int64_t Market::LotsFor(const Decimal& quote, int64_t ticks) const {
  auto lots = quote.Div(Notional(ticks, 1), 0, Rounding::kDown);
  if (!lots || lots->mantissa() < 0) return 0;
  return static_cast<int64_t>(std::min<base::int128>(lots->mantissa(), INT64_MAX / 2));
}

int64_t Market::HalfSpread() const {
  return std::max<int64_t>(1, path_.mid() * spec_.spread_bp / 20'000);
}

int64_t Market::LevelGap() const { return std::max<int64_t>(1, path_.mid() / 10'000); }

std::optional<std::pair<int64_t, int64_t>> Market::Synthetic(Side side, int i) const {
  if (i >= spec_.depth_levels) return std::nullopt;
  int64_t offset = HalfSpread() + LevelGap() * i;
  int64_t price = side == Side::kSell ? path_.mid() + offset : path_.mid() - offset;
  if (price <= 0) return std::nullopt;
  const auto& consumed = side == Side::kSell ? consumed_ask_ : consumed_bid_;
  int64_t left = level_lots_ * (i + 1) - consumed[static_cast<size_t>(i)];
  return std::pair{price, left};
}

std::optional<int64_t> Market::Best(Side side) const {
  std::optional<int64_t> best = book_.Best(side);
  for (int i = 0; i < spec_.depth_levels; ++i) {
    auto level = Synthetic(side, i);
    if (!level) break;
    if (level->second <= 0) continue;
    bool better = !best || (side == Side::kBuy ? level->first > *best : level->first < *best);
    if (better) best = level->first;
    break;
  }
  return best;
}

std::vector<OrderBook::Level> Market::Depth(Side side, size_t limit) const {
  std::vector<OrderBook::Level> merged = book_.Depth(side, limit);
  for (int i = 0; i < spec_.depth_levels; ++i) {
    auto level = Synthetic(side, i);
    if (!level) break;
    if (level->second <= 0) continue;
    auto at = std::find_if(merged.begin(), merged.end(),
                           [&](const OrderBook::Level& l) { return l.price == level->first; });
    if (at != merged.end()) {
      at->qty += level->second;
    } else {
      merged.push_back(OrderBook::Level{level->first, level->second});
    }
  }
  std::sort(merged.begin(), merged.end(), [&](const auto& a, const auto& b) {
    return side == Side::kBuy ? a.price > b.price : a.price < b.price;
  });
  if (merged.size() > limit) merged.resize(limit);
  return merged;
}

std::vector<Market::Chunk> Market::Plan(Side side, std::optional<int64_t> limit, int64_t max_qty,
                                        std::optional<Decimal> quote_budget) const {
  Side maker_side = Opposite(side);
  std::vector<Chunk> plan;
  std::vector<OrderBook::Level> book = book_.Depth(maker_side, SIZE_MAX);
  size_t b = 0;
  int64_t book_used = 0;  // lots already planned from book[b]
  int s = 0;
  int64_t left = max_qty;
  Decimal budget = quote_budget.value_or(Decimal());
  while (left > 0) {
    while (s < spec_.depth_levels) {
      auto level = Synthetic(maker_side, s);
      if (!level || level->second > 0) break;
      ++s;
    }
    bool have_synthetic = false;
    int64_t synthetic_price = 0;
    int64_t synthetic_left = 0;
    if (s < spec_.depth_levels) {
      if (auto level = Synthetic(maker_side, s)) {
        have_synthetic = true;
        synthetic_price = level->first;
        synthetic_left = level->second;
      }
    }
    bool have_book = b < book.size();
    if (!have_book && !have_synthetic) break;
    // Client orders first at an equal price: they rested before the crowd's quote refreshed.
    bool from_book = have_book;
    if (have_book && have_synthetic) {
      from_book =
          side == Side::kBuy ? book[b].price <= synthetic_price : book[b].price >= synthetic_price;
    }
    int64_t price = from_book ? book[b].price : synthetic_price;
    if (limit && !Crosses(side, *limit, price)) break;
    int64_t available = from_book ? book[b].qty - book_used : synthetic_left;
    int64_t qty = std::min(left, available);
    if (quote_budget) {
      qty = std::min(qty, LotsFor(budget, price));
      if (qty <= 0) break;
      budget = budget.Sub(Notional(price, qty)).value();
    }
    plan.push_back(Chunk{price, qty, std::nullopt});
    if (from_book) {
      plan.back().maker_id = 0;  // filled in by Execute
      book_used += qty;
      if (book_used == book[b].qty) {
        ++b;
        book_used = 0;
      }
    } else {
      ++s;
      // A partly used synthetic level stays usable only by a later plan; this plan took all it
      // could afford or needed from it.
      if (qty < synthetic_left) break;
    }
    left -= qty;
  }
  return plan;
}

std::vector<Market::Chunk> Market::Execute(Side side, const std::vector<Chunk>& plan) {
  Side maker_side = Opposite(side);
  std::vector<Chunk> done;
  std::vector<OrderBook::Fill> fills;
  for (const Chunk& chunk : plan) {
    if (chunk.maker_id) {
      fills.clear();
      int64_t taken = book_.TakeAtBest(maker_side, chunk.qty, fills);
      AMANAH_CHECK(taken == chunk.qty);
      for (const auto& fill : fills) {
        AMANAH_CHECK(fill.price == chunk.price);
        done.push_back(Chunk{fill.price, fill.qty, fill.maker_id, fill.maker_done});
      }
    } else {
      auto& consumed = maker_side == Side::kSell ? consumed_ask_ : consumed_bid_;
      int i = 0;
      for (; i < spec_.depth_levels; ++i) {
        if (Synthetic(maker_side, i)->first == chunk.price) break;
      }
      AMANAH_CHECK(i < spec_.depth_levels);
      consumed[static_cast<size_t>(i)] += chunk.qty;
      done.push_back(chunk);
    }
  }
  return done;
}

std::vector<OrderBook::Fill> Market::AdvanceTo(int64_t time_ms) {
  std::vector<OrderBook::Fill> fills;
  while (StepTowards(time_ms, fills)) {
  }
  return fills;
}

bool Market::StepTowards(int64_t time_ms, std::vector<OrderBook::Fill>& fills) {
  if (spec_.step_millis <= 0) return false;
  uint64_t target =
      static_cast<uint64_t>(std::max<int64_t>(0, time_ms - start_time_ms_) / spec_.step_millis);
  if (path_.step() >= target) return false;
  int64_t mid = path_.Advance();
  std::fill(consumed_bid_.begin(), consumed_bid_.end(), 0);
  std::fill(consumed_ask_.begin(), consumed_ask_.end(), 0);
  int64_t open_time = start_time_ms_ + static_cast<int64_t>(path_.step()) * spec_.step_millis;
  history_.push_back(Candle{open_time, mid, mid, mid, mid, 0, 0, 0});
  if (history_.size() > kHistorySteps) history_.pop_front();
  // The crowd now quotes around the new mid: client bids at or above its best ask are bought
  // from, client asks at or below its best bid are sold to.
  int64_t half = HalfSpread();
  book_.TakeCrossed(Side::kBuy, mid + half, fills);
  book_.TakeCrossed(Side::kSell, std::max<int64_t>(1, mid - half), fills);
  return true;
}

void Market::RecordTrade(int64_t price, int64_t qty) {
  Candle& candle = history_.back();
  candle.high = std::max(candle.high, price);
  candle.low = std::min(candle.low, price);
  candle.close = price;
  candle.volume += qty;
  candle.quote_units += static_cast<base::int128>(price) * qty;
  ++candle.trades;
  last_price_ = price;
}

}  // namespace amanah::paper
