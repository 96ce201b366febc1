// PricePath: the deterministic mid-price of one symbol, one value per step of paper time. Either a
// seeded random walk (multiplicative, in integer ticks, so the same seed gives the same path on
// every machine) or a replay of a CSV file of prices. Step n is a pure function of the seed and n,
// reached by walking from 0, so snapshots store only the step index. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/random.h"
#include "base/result.h"

namespace amanah::paper {

class PricePath {
 public:
  /// A random walk from `start_ticks`; each step moves by up to `volatility_bp` basis points,
  /// uniformly, never below one tick.
  static PricePath RandomWalk(int64_t start_ticks, uint32_t volatility_bp, uint64_t seed);
  /// A replay of `ticks` (at least one); the last price holds after the end.
  static PricePath Replay(std::vector<int64_t> ticks);

  int64_t mid() const { return mid_; }
  uint64_t step() const { return step_; }
  /// Moves one step forward and returns the new mid.
  int64_t Advance();

 private:
  PricePath(int64_t start, uint32_t volatility_bp, uint64_t seed, std::vector<int64_t> replay)
      : mid_(start), volatility_bp_(volatility_bp), random_(seed), replay_(std::move(replay)) {}

  int64_t mid_;
  uint64_t step_ = 0;
  uint32_t volatility_bp_;
  base::SeededRandom random_;
  std::vector<int64_t> replay_;
};

}  // namespace amanah::paper
