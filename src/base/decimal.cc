#include "base/decimal.h"

#include <algorithm>

namespace amanah::base {
namespace {

constexpr uint64_t kPow10U64[20] = {1ULL,
                                    10ULL,
                                    100ULL,
                                    1000ULL,
                                    10000ULL,
                                    100000ULL,
                                    1000000ULL,
                                    10000000ULL,
                                    100000000ULL,
                                    1000000000ULL,
                                    10000000000ULL,
                                    100000000000ULL,
                                    1000000000000ULL,
                                    10000000000000ULL,
                                    100000000000000ULL,
                                    1000000000000000ULL,
                                    10000000000000000ULL,
                                    100000000000000000ULL,
                                    1000000000000000000ULL,
                                    10000000000000000000ULL};

// 10^38: one past the largest mantissa magnitude.
constexpr uint128 kMantissaLimit = static_cast<uint128>(kPow10U64[19]) * kPow10U64[19];

uint128 Magnitude(int128 m) { return m < 0 ? -static_cast<uint128>(m) : static_cast<uint128>(m); }

// |x| × 10^k for k ≤ 56 (fits: 10^38 × 10^38 < 2^256).
Uint256 ScaleUp(uint128 magnitude, int k) {
  Uint256 r = Uint256::From(magnitude);
  while (k > 0) {
    int step = std::min(k, 19);
    r.MulSmall(kPow10U64[step]);
    k -= step;
  }
  return r;
}

Uint256 Pow10(int k) { return ScaleUp(1, k); }

// Rounds the magnitude quotient q (remainder r of divisor d) by `mode`, given the result's sign.
Uint256 RoundQuotient(Uint256 q, const Uint256& r, const Uint256& d, bool negative, Rounding mode) {
  if (r.IsZero()) return q;
  // Compare r with d − r to find where the exact value lies relative to the midpoint.
  const int half = Compare(r, d.Minus(r));  // <0 below half, 0 exactly half, >0 above
  bool up = false;
  switch (mode) {
    case Rounding::kDown:
      up = false;
      break;
    case Rounding::kUp:
      up = true;
      break;
    case Rounding::kFloor:
      up = negative;
      break;
    case Rounding::kCeiling:
      up = !negative;
      break;
    case Rounding::kHalfUp:
      up = half >= 0;
      break;
    case Rounding::kHalfDown:
      up = half > 0;
      break;
    case Rounding::kHalfEven:
      up = half > 0 || (half == 0 && q.IsOdd());
      break;
  }
  if (up) q.Increment();
  return q;
}

Result<Decimal> Make(const Uint256& magnitude, bool negative, int scale) {
  if (!magnitude.FitsU128() || magnitude.ToU128() >= kMantissaLimit) {
    return Fail(ErrorCode::kOutOfRange, "decimal overflow: result has more than 38 digits");
  }
  const uint128 m = magnitude.ToU128();
  return Decimal::FromUnits(negative ? -static_cast<int128>(m) : static_cast<int128>(m), scale);
}

Result<void> CheckScale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    return Fail(ErrorCode::kInvalidArgument,
                "decimal scale " + std::to_string(scale) + " is outside 0..18");
  }
  return {};
}

}  // namespace

Result<Decimal> Decimal::FromUnits(int128 mantissa, int scale) {
  AMANAH_TRY(CheckScale(scale));
  if (Magnitude(mantissa) >= kMantissaLimit) {
    return Fail(ErrorCode::kOutOfRange, "decimal overflow: more than 38 digits");
  }
  return Decimal(mantissa, scale);
}

Result<Decimal> Decimal::Parse(std::string_view text) {
  const std::string shown(text.substr(0, 64));
  auto bad = [&](size_t pos, std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument, "not a decimal number \"" + shown + "\" at position " +
                                                 std::to_string(pos) + ": " + std::string(why));
  };
  if (text.empty()) return bad(0, "empty");
  if (text.size() > 128) return bad(128, "longer than 128 characters");
  const bool negative = text[0] == '-';
  size_t i = negative ? 1 : 0;
  auto is_digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };

  const size_t int_start = i;
  while (is_digit(i)) ++i;
  const std::string_view int_digits = text.substr(int_start, i - int_start);
  if (int_digits.empty()) return bad(i, "expected a digit");
  std::string_view frac_digits;
  if (i < text.size() && text[i] == '.') {
    const size_t frac_start = ++i;
    while (is_digit(i)) ++i;
    frac_digits = text.substr(frac_start, i - frac_start);
    if (frac_digits.empty()) return bad(i, "expected a digit after the decimal point");
  }
  if (i < text.size()) {
    if (text[i] == 'e' || text[i] == 'E') return bad(i, "exponent notation is not accepted");
    return bad(i, "unexpected character");
  }
  // Places past 18 are accepted only as trailing zeros, which change nothing.
  if (frac_digits.size() > static_cast<size_t>(kMaxScale)) {
    if (frac_digits.find_first_not_of('0', kMaxScale) != std::string_view::npos) {
      return Fail(ErrorCode::kOutOfRange,
                  "decimal \"" + shown + "\" has more than 18 decimal places");
    }
    frac_digits = frac_digits.substr(0, kMaxScale);
  }
  uint128 m = 0;
  for (std::string_view part : {int_digits, frac_digits}) {
    for (char c : part) {
      const unsigned d = static_cast<unsigned>(c - '0');
      if (m > (kMantissaLimit - 1 - d) / 10) {
        return Fail(ErrorCode::kOutOfRange,
                    "decimal \"" + shown + "\" has more than 38 significant digits");
      }
      m = m * 10 + d;
    }
  }
  const int128 signed_m = negative ? -static_cast<int128>(m) : static_cast<int128>(m);
  return Decimal(signed_m, static_cast<int>(frac_digits.size()));
}

Decimal::Text Decimal::ToText() const {
  uint128 m = Magnitude(mantissa_);
  char buf[kMaxTextSize];
  int n = 0;
  while (m > UINT64_MAX) {  // 128-bit division only for the digits beyond 64 bits
    buf[n++] = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  }
  uint64_t small = static_cast<uint64_t>(m);
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(small % 10));
    small /= 10;
  } while (small != 0);
  while (n <= scale_) buf[n++] = '0';  // at least one integer digit
  Text out;
  if (mantissa_ < 0) out.data[out.size++] = '-';
  for (int i = n - 1; i >= 0; --i) {
    out.data[out.size++] = buf[i];
    if (i == scale_ && scale_ > 0) out.data[out.size++] = '.';
  }
  return out;
}

std::string Decimal::ToString() const { return std::string(ToText().view()); }

Decimal Decimal::Normalized() const {
  int128 m = mantissa_;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  return Decimal(m, s);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const bool an = a.mantissa_ < 0, bn = b.mantissa_ < 0;
  if (an != bn) return an ? std::strong_ordering::less : std::strong_ordering::greater;
  const int s = std::max(a.scale_, b.scale_);
  const int c = Compare(ScaleUp(Magnitude(a.mantissa_), s - a.scale_),
                        ScaleUp(Magnitude(b.mantissa_), s - b.scale_));
  const int signed_c = an ? -c : c;
  return signed_c < 0   ? std::strong_ordering::less
         : signed_c > 0 ? std::strong_ordering::greater
                        : std::strong_ordering::equal;
}

Result<Decimal> Decimal::Add(const Decimal& other) const {
  const int s = std::max(scale_, other.scale_);
  const Uint256 a = ScaleUp(Magnitude(mantissa_), s - scale_);
  const Uint256 b = ScaleUp(Magnitude(other.mantissa_), s - other.scale_);
  const bool an = mantissa_ < 0, bn = other.mantissa_ < 0;
  if (an == bn) {
    // Same sign: magnitudes add. Both are < 10^56, so no 256-bit overflow.
    Uint256 sum = a;
    uint64_t carry = 0;
    for (int i = 0; i < 4; ++i) {
      uint128 t = static_cast<uint128>(sum.w[i]) + b.w[i] + carry;
      sum.w[i] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    return Make(sum, an, s);
  }
  const int c = Compare(a, b);
  if (c == 0) return Decimal(0, s);
  return c > 0 ? Make(a.Minus(b), an, s) : Make(b.Minus(a), bn, s);
}

Result<Decimal> Decimal::Sub(const Decimal& other) const { return Add(other.Negated()); }

Result<Decimal> Decimal::Mul(const Decimal& other, Rounding rounding) const {
  const bool negative = (mantissa_ < 0) != (other.mantissa_ < 0);
  Uint256 product = Uint256::Mul(Magnitude(mantissa_), Magnitude(other.mantissa_));
  int s = scale_ + other.scale_;
  if (s > kMaxScale) {
    Uint256 r;
    const Uint256 d = Pow10(s - kMaxScale);
    product = RoundQuotient(Uint256::DivMod(product, d, &r), r, d, negative, rounding);
    s = kMaxScale;
  }
  if (product.IsZero()) return Decimal(0, s);
  return Make(product, negative, s);
}

Result<Decimal> Decimal::Div(const Decimal& other, int scale, Rounding rounding) const {
  AMANAH_TRY(CheckScale(scale));
  if (other.IsZero()) return Fail(ErrorCode::kInvalidArgument, "division by zero");
  const bool negative = (mantissa_ < 0) != (other.mantissa_ < 0);
  // result = (a / 10^sa) / (b / 10^sb) × 10^scale = a × 10^(scale + sb − sa) / b
  const int shift = scale + other.scale_ - scale_;
  Uint256 n = ScaleUp(Magnitude(mantissa_), std::max(shift, 0));
  Uint256 d = ScaleUp(Magnitude(other.mantissa_), std::max(-shift, 0));
  Uint256 r;
  Uint256 q = RoundQuotient(Uint256::DivMod(n, d, &r), r, d, negative, rounding);
  if (q.IsZero()) return Decimal(0, scale);
  return Make(q, negative, scale);
}

Result<Decimal> Decimal::Rescale(int scale, Rounding rounding) const {
  AMANAH_TRY(CheckScale(scale));
  const bool negative = mantissa_ < 0;
  if (scale >= scale_) return Make(ScaleUp(Magnitude(mantissa_), scale - scale_), negative, scale);
  Uint256 r;
  const Uint256 d = Pow10(scale_ - scale);
  Uint256 q = RoundQuotient(Uint256::DivMod(Uint256::From(Magnitude(mantissa_)), d, &r), r, d,
                            negative, rounding);
  if (q.IsZero()) return Decimal(0, scale);
  return Make(q, negative, scale);
}

Result<Decimal> Decimal::RoundToStep(const Decimal& step, Rounding rounding) const {
  if (!step.IsPositive()) {
    return Fail(ErrorCode::kInvalidArgument, "step must be positive, got " + step.ToString());
  }
  AMANAH_ASSIGN_OR_RETURN(Decimal count, Div(step, 0, rounding));
  return count.Mul(step, Rounding::kDown);  // exact: count is whole, so the scale is the step's
}

bool Decimal::IsMultipleOf(const Decimal& step) const {
  if (!step.IsPositive()) return false;
  const int s = std::max(scale_, step.scale_);
  Uint256 r;
  Uint256::DivMod(ScaleUp(Magnitude(mantissa_), s - scale_),
                  ScaleUp(Magnitude(step.mantissa_), s - step.scale_), &r);
  return r.IsZero();
}

std::ostream& operator<<(std::ostream& out, const Decimal& d) { return out << d.ToString(); }

}  // namespace amanah::base
