#include "core/price_path.h"

#include "base/check.h"

namespace amanah::paper {

PricePath PricePath::RandomWalk(int64_t start_ticks, uint32_t volatility_bp, uint64_t seed) {
  AMANAH_CHECK(start_ticks > 0);
  return PricePath(start_ticks, volatility_bp, seed, {});
}

PricePath PricePath::Replay(std::vector<int64_t> ticks) {
  AMANAH_CHECK(!ticks.empty());
  int64_t first = ticks.front();
  return PricePath(first, 0, 0, std::move(ticks));
}

int64_t PricePath::Advance() {
  ++step_;
  if (!replay_.empty()) {
    mid_ = replay_[std::min<size_t>(step_, replay_.size() - 1)];
    return mid_;
  }
  // Uniform move in [-v, +v] basis points, in 1/100 bp units for resolution on cheap assets.
  int64_t span = int64_t{volatility_bp_} * 100;
  int64_t move = static_cast<int64_t>(random_.Uniform(static_cast<uint64_t>(2 * span + 1))) - span;
  __int128 next = static_cast<__int128>(mid_) * (1'000'000 + move) / 1'000'000;
  mid_ = std::max<int64_t>(1, static_cast<int64_t>(next));
  return mid_;
}

}  // namespace amanah::paper
