// Arithmetic at the strategies' working precision (rebalancing weights and values, simulated
// fills): 12 decimal places, products rounded half-even, quotients rounded down. Only for amounts
// the strategies derive themselves, far inside Decimal's range, so a failure is a bug.
#pragma once

#include <map>
#include <string>

#include "base/decimal.h"

namespace amanah::strategy::working {

inline constexpr int kScale = 12;

/// m[key], zero when absent.
inline base::Decimal Of(const std::map<std::string, base::Decimal>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? base::Decimal() : it->second;
}

inline base::Decimal Mul(const base::Decimal& a, const base::Decimal& b) {
  return a.Mul(b, base::Rounding::kHalfEven)
      .value()
      .Rescale(kScale, base::Rounding::kHalfEven)
      .value();
}
inline base::Decimal Div(const base::Decimal& a, const base::Decimal& b) {
  return a.Div(b, kScale, base::Rounding::kDown).value();
}
inline base::Decimal Add(const base::Decimal& a, const base::Decimal& b) {
  return a.Add(b).value();
}
inline base::Decimal Sub(const base::Decimal& a, const base::Decimal& b) {
  return a.Sub(b).value();
}

}  // namespace amanah::strategy::working
