// Decimal: exact fixed-point numbers for prices, quantities, balances and fees. Never a double.
//
// A Decimal is mantissa × 10^-scale with |mantissa| < 10^38 and 0 ≤ scale ≤ 18. Parsing keeps the
// scale the string had ("0.00100000" has scale 8 and prints back unchanged); comparison is by value
// (1.0 == 1.00). Arithmetic never loses a digit silently: results that need more than 18 decimal
// places are rounded with the mode the caller names, and results that do not fit are errors
// (kOutOfRange), never wrap-around. Exchange strings are parsed here once, at the edge.
// Value type, trivially copyable, thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/uint256.h"

namespace amanah::base {

enum class Rounding {
  kDown,      ///< toward zero (truncate): quantities to a lot size
  kUp,        ///< away from zero
  kFloor,     ///< toward −∞
  kCeiling,   ///< toward +∞
  kHalfUp,    ///< to nearest, ties away from zero
  kHalfDown,  ///< to nearest, ties toward zero
  kHalfEven,  ///< to nearest, ties to the even neighbour (banker's rounding)
};

class Decimal {
 public:
  static constexpr int kMaxScale = 18;
  static constexpr int kMaxDigits = 38;

  /// Zero, scale 0.
  constexpr Decimal() = default;

  /// Parses `[-]digits[.digits]`, e.g. "30000.5", "-0.00100000". No exponent, no spaces, no
  /// thousands separators, no leading '+' or '.'. Fraction digits beyond 18 are accepted only if
  /// they are zeros. Errors name the offending position.
  static Result<Decimal> Parse(std::string_view text);
  /// mantissa × 10^-scale.
  static Result<Decimal> FromUnits(int128 mantissa, int scale);
  static Decimal FromInt(int64_t value) { return Decimal(value, 0); }

  int128 mantissa() const { return mantissa_; }
  int scale() const { return scale_; }
  bool IsZero() const { return mantissa_ == 0; }
  bool IsNegative() const { return mantissa_ < 0; }
  bool IsPositive() const { return mantissa_ > 0; }

  /// The number with its own scale: "0.00100000", "-12", "30000.5".
  std::string ToString() const;
  /// The text of ToString() without a heap allocation (the order path writes it straight into a
  /// request): at most kMaxTextSize characters.
  static constexpr size_t kMaxTextSize = 48;
  struct Text {
    char data[kMaxTextSize]{};
    size_t size = 0;
    std::string_view view() const { return {data, size}; }
  };
  Text ToText() const;
  /// The same value without trailing fraction zeros: "0.001".
  std::string ToNormalizedString() const { return Normalized().ToString(); }
  /// Same value, smallest scale.
  Decimal Normalized() const;

  Decimal Negated() const { return Decimal(-mantissa_, scale_); }
  Decimal Abs() const { return mantissa_ < 0 ? Negated() : *this; }

  /// Exact sum / difference, at the larger of the two scales.
  Result<Decimal> Add(const Decimal& other) const;
  Result<Decimal> Sub(const Decimal& other) const;
  /// Product; exact when the scales add up to ≤ 18, else rounded to 18 places by `rounding`.
  Result<Decimal> Mul(const Decimal& other, Rounding rounding) const;
  /// Quotient at `scale` places (0..18), rounded by `rounding`. Division by zero is an error.
  Result<Decimal> Div(const Decimal& other, int scale, Rounding rounding) const;
  /// The same value at `scale` places, rounded by `rounding` when places are dropped.
  Result<Decimal> Rescale(int scale, Rounding rounding) const;
  /// The multiple of `step` (> 0) that `rounding` picks, at the step's scale: a price to a tick
  /// size (kDown for sells' limits is the caller's choice), a quantity to a lot (kDown).
  Result<Decimal> RoundToStep(const Decimal& step, Rounding rounding) const;
  /// Whether this is a whole multiple of `step` (> 0).
  bool IsMultipleOf(const Decimal& step) const;

  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return std::is_eq(a <=> b); }

 private:
  constexpr Decimal(int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}

  int128 mantissa_ = 0;
  int scale_ = 0;
};

std::ostream& operator<<(std::ostream& out, const Decimal& d);

}  // namespace amanah::base
