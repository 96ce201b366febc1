// Market: one symbol's trading venue inside the paper exchange — the spec's decimals converted to
// integer ticks and lots, the book of resting client orders, the seeded price path and the
// synthetic liquidity around its mid. A taker is matched against both by price (client orders
// first at an equal price, since they rested earlier); synthetic levels refill at every path step;
// client orders the path moves through fill whole at their own price. Money and accounts stay in
// Exchange. Not thread-safe; Exchange holds its lock around every call.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "base/decimal.h"
#include "base/result.h"
#include "core/order_book.h"
#include "core/price_path.h"
#include "core/symbol_spec.h"

namespace amanah::paper {

class Market {
 public:
  /// A part of a taker's execution: `qty` lots at `price` ticks against a client order
  /// (`maker_id`) or the synthetic crowd (no maker).
  struct Chunk {
    int64_t price;
    int64_t qty;
    std::optional<uint64_t> maker_id;
    bool maker_done = false;
  };
  /// One path step, for klines.
  struct Candle {
    int64_t open_time;
    int64_t open;
    int64_t high;
    int64_t low;
    int64_t close;
    int64_t volume;                ///< lots traded by clients during the step
    base::int128 quote_units = 0;  ///< Σ ticks × lots of those trades
    int64_t trades = 0;
  };

  /// Validates the spec (positive tick, step and start price; start price on a tick).
  static base::Result<Market> Create(SymbolSpec spec, int64_t start_time_ms);

  const SymbolSpec& spec() const { return spec_; }
  OrderBook& book() { return book_; }
  const OrderBook& book() const { return book_; }

  // Conversions. Exact: a price off the tick or a quantity off the step is an error.
  base::Result<int64_t> Ticks(const base::Decimal& price) const;
  base::Result<int64_t> Lots(const base::Decimal& qty) const;
  base::Decimal Price(int64_t ticks) const;
  base::Decimal Qty(int64_t lots) const;
  /// price × qty in quote units, exact.
  base::Decimal Notional(int64_t ticks, int64_t lots) const;
  /// The most lots whose notional at `ticks` fits in `quote` (rounded down).
  int64_t LotsFor(const base::Decimal& quote, int64_t ticks) const;

  int64_t mid() const { return path_.mid(); }
  int64_t last_price() const { return last_price_ != 0 ? last_price_ : path_.mid(); }
  /// The price now: the last client trade of the current path step, else the step's mid (the
  /// crowd trades at it). What contingent orders are checked against.
  int64_t current_price() const { return history_.back().close; }
  /// Best synthetic or client price on `side`.
  std::optional<int64_t> Best(Side side) const;
  /// Merged depth (client orders plus synthetic), best first.
  std::vector<OrderBook::Level> Depth(Side side, size_t limit) const;

  /// What a taker on `side` would get: up to `max_qty` lots, at prices no worse than `limit`
  /// (none = market), spending at most `quote_budget` (buys by quote amount). Changes nothing.
  std::vector<Chunk> Plan(Side side, std::optional<int64_t> limit, int64_t max_qty,
                          std::optional<base::Decimal> quote_budget) const;
  /// Executes a plan made just before, with nothing changed in between.
  std::vector<Chunk> Execute(Side side, const std::vector<Chunk>& plan);

  /// Moves the path to `time_ms`; returns client orders the market moved through (whole fills at
  /// their own price) so the exchange can settle them.
  std::vector<OrderBook::Fill> AdvanceTo(int64_t time_ms);
  /// One step of AdvanceTo, if one is due by `time_ms`: appends its fills and returns true.
  bool StepTowards(int64_t time_ms, std::vector<OrderBook::Fill>& fills);
  /// Records client volume traded at `price` in the current step.
  void RecordTrade(int64_t price, int64_t qty);
  const std::deque<Candle>& history() const { return history_; }
  uint64_t step() const { return path_.step(); }

 private:
  Market(SymbolSpec spec, PricePath path, int64_t start_time_ms);
  int64_t HalfSpread() const;
  int64_t LevelGap() const;
  /// Price and remaining lots of synthetic level `i` on `side`; nullopt past the end.
  std::optional<std::pair<int64_t, int64_t>> Synthetic(Side side, int i) const;

  SymbolSpec spec_;
  PricePath path_;
  OrderBook book_;
  int64_t start_time_ms_;
  int64_t level_lots_ = 1;
  int64_t last_price_ = 0;
  std::vector<int64_t> consumed_bid_;  ///< lots taken from each synthetic level this step
  std::vector<int64_t> consumed_ask_;
  std::deque<Candle> history_;
};

}  // namespace amanah::paper
