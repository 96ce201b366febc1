#include "core/order_book.h"

#include "base/check.h"

namespace amanah::paper {

void OrderBook::Add(uint64_t id, Side side, int64_t price, int64_t qty) {
  AMANAH_CHECK(price > 0 && qty > 0);
  PriceLevel& level = Of(side)[Key(side, price)];
  level.orders.push_back(Entry{id, qty});
  level.total += qty;
  auto [_, inserted] = index_.emplace(id, Location{side, price, std::prev(level.orders.end())});
  AMANAH_CHECK(inserted);
}

bool OrderBook::Cancel(uint64_t id) {
  auto found = index_.find(id);
  if (found == index_.end()) return false;
  const Location& at = found->second;
  Side_& book = Of(at.side);
  auto level = book.find(Key(at.side, at.price));
  level->second.total -= at.it->qty;
  level->second.orders.erase(at.it);
  if (level->second.orders.empty()) book.erase(level);
  index_.erase(found);
  return true;
}

std::optional<int64_t> OrderBook::Best(Side side) const {
  const Side_& book = Of(side);
  if (book.empty()) return std::nullopt;
  int64_t key = book.begin()->first;
  return side == Side::kBuy ? -key : key;
}

int64_t OrderBook::TakeAtBest(Side side, int64_t max_qty, std::vector<Fill>& fills) {
  Side_& book = Of(side);
  if (book.empty() || max_qty <= 0) return 0;
  auto level = book.begin();
  int64_t price = side == Side::kBuy ? -level->first : level->first;
  int64_t taken = 0;
  auto& orders = level->second.orders;
  while (!orders.empty() && taken < max_qty) {
    Entry& maker = orders.front();
    int64_t qty = std::min(maker.qty, max_qty - taken);
    maker.qty -= qty;
    level->second.total -= qty;
    taken += qty;
    bool done = maker.qty == 0;
    fills.push_back(Fill{maker.id, price, qty, done});
    if (done) {
      index_.erase(maker.id);
      orders.pop_front();
    }
  }
  if (orders.empty()) book.erase(level);
  return taken;
}

void OrderBook::TakeCrossed(Side side, int64_t limit, std::vector<Fill>& fills) {
  while (auto best = Best(side)) {
    if (!Crosses(Opposite(side), limit, *best)) break;
    TakeAtBest(side, INT64_MAX, fills);
  }
}

std::vector<OrderBook::Level> OrderBook::Depth(Side side, size_t limit) const {
  std::vector<Level> out;
  for (const auto& [key, level] : Of(side)) {
    if (out.size() >= limit) break;
    out.push_back(Level{side == Side::kBuy ? -key : key, level.total});
  }
  return out;
}

std::optional<int64_t> OrderBook::Remaining(uint64_t id) const {
  auto found = index_.find(id);
  if (found == index_.end()) return std::nullopt;
  return found->second.it->qty;
}

}  // namespace amanah::paper
