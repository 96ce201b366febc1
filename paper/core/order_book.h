// OrderBook: the resting orders of one symbol, in integer price ticks and quantity lots, with
// price-time priority. It knows nothing of accounts, balances or decimals: Market converts at its
// edge and decides what a fill means. The book only answers "what is best" and "take this much
// at the best level", so a taker can be matched against the book and synthetic liquidity
// interleaved by price. Not thread-safe; the owner (Exchange) holds its lock around every call.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace amanah::paper {

enum class Side : uint8_t { kBuy, kSell };

inline Side Opposite(Side side) { return side == Side::kBuy ? Side::kSell : Side::kBuy; }

/// True when a buy at `limit` (or a sell, by `side`) would trade against a resting `price`.
inline bool Crosses(Side taker, int64_t limit, int64_t price) {
  return taker == Side::kBuy ? price <= limit : price >= limit;
}

class OrderBook {
 public:
  struct Fill {
    uint64_t maker_id;
    int64_t price;  ///< ticks
    int64_t qty;    ///< lots
    bool maker_done;
  };
  struct Level {
    int64_t price;
    int64_t qty;
  };

  /// Rests an order. REQUIRES: `id` is not already resting, price > 0, qty > 0.
  void Add(uint64_t id, Side side, int64_t price, int64_t qty);
  /// Removes a resting order; false when it is not resting.
  bool Cancel(uint64_t id);
  /// The best price on `side`, if any order rests there.
  std::optional<int64_t> Best(Side side) const;
  /// Takes up to `max_qty` lots from the orders resting at the best price of `side`, oldest first,
  /// appending to `fills`. Returns the lots taken (0 when the side is empty).
  int64_t TakeAtBest(Side side, int64_t max_qty, std::vector<Fill>& fills);
  /// Takes every order on `side` that a counterparty at `limit` would trade with, whole: used when
  /// the market moves through resting orders.
  void TakeCrossed(Side side, int64_t limit, std::vector<Fill>& fills);
  /// Aggregated levels on `side`, best first, at most `limit` of them.
  std::vector<Level> Depth(Side side, size_t limit) const;
  /// The lots still resting for `id`, if it rests.
  std::optional<int64_t> Remaining(uint64_t id) const;
  size_t size() const { return index_.size(); }

 private:
  struct Entry {
    uint64_t id;
    int64_t qty;
  };
  struct PriceLevel {
    std::list<Entry> orders;
    int64_t total = 0;
  };
  struct Location {
    Side side;
    int64_t price;
    std::list<Entry>::iterator it;
  };
  // Bids keyed by negated price so both sides iterate best first.
  using Side_ = std::map<int64_t, PriceLevel>;
  Side_& Of(Side side) { return side == Side::kBuy ? bids_ : asks_; }
  const Side_& Of(Side side) const { return side == Side::kBuy ? bids_ : asks_; }
  static int64_t Key(Side side, int64_t price) { return side == Side::kBuy ? -price : price; }

  Side_ bids_;
  Side_ asks_;
  std::unordered_map<uint64_t, Location> index_;
};

}  // namespace amanah::paper
