// Uint256: the unsigned 256-bit arithmetic Decimal needs for exact intermediate products and
// quotients (38-digit mantissas scaled by up to 10^36). Internal to base; value type.
#pragma once

#include <cstdint>

namespace amanah::base {

__extension__ typedef unsigned __int128 uint128;
__extension__ typedef __int128 int128;

struct Uint256 {
  uint64_t w[4] = {0, 0, 0, 0};  // little-endian 64-bit limbs

  static Uint256 From(uint128 v) {
    Uint256 r;
    r.w[0] = static_cast<uint64_t>(v);
    r.w[1] = static_cast<uint64_t>(v >> 64);
    return r;
  }
  bool FitsU128() const { return w[2] == 0 && w[3] == 0; }
  uint128 ToU128() const { return (static_cast<uint128>(w[1]) << 64) | w[0]; }
  bool IsZero() const { return (w[0] | w[1] | w[2] | w[3]) == 0; }
  bool IsOdd() const { return (w[0] & 1) != 0; }

  friend int Compare(const Uint256& a, const Uint256& b) {
    for (int i = 3; i >= 0; --i) {
      if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
    }
    return 0;
  }

  /// this *= m; returns false on overflow past 2^256.
  bool MulSmall(uint64_t m) {
    uint128 carry = 0;
    for (auto& limb : w) {
      uint128 p = static_cast<uint128>(limb) * m + carry;
      limb = static_cast<uint64_t>(p);
      carry = p >> 64;
    }
    return carry == 0;
  }

  /// this += 1 (no overflow check: callers stay far below 2^256).
  void Increment() {
    for (auto& limb : w) {
      if (++limb != 0) break;
    }
  }

  Uint256 Minus(const Uint256& b) const {  // REQUIRES: *this >= b
    Uint256 r;
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
      uint128 d = static_cast<uint128>(w[i]) - b.w[i] - borrow;
      r.w[i] = static_cast<uint64_t>(d);
      borrow = (d >> 64) ? 1 : 0;
    }
    return r;
  }

  static Uint256 Mul(uint128 a, uint128 b) {
    const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
    const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
    Uint256 r;
    const uint64_t av[2] = {a0, a1}, bv[2] = {b0, b1};
    for (int i = 0; i < 2; ++i) {
      uint128 carry = 0;
      for (int j = 0; j < 2; ++j) {
        uint128 cur = static_cast<uint128>(av[i]) * bv[j] + r.w[i + j] + carry;
        r.w[i + j] = static_cast<uint64_t>(cur);
        carry = cur >> 64;
      }
      r.w[i + 2] = static_cast<uint64_t>(carry);
    }
    return r;
  }

  /// Quotient and remainder by a 64-bit divisor (> 0).
  Uint256 DivModSmall(uint64_t d, uint64_t* rem) const {
    Uint256 q;
    uint128 r = 0;
    for (int i = 3; i >= 0; --i) {
      uint128 cur = (r << 64) | w[i];
      q.w[i] = static_cast<uint64_t>(cur / d);
      r = cur % d;
    }
    *rem = static_cast<uint64_t>(r);
    return q;
  }

  /// Quotient and remainder by any non-zero divisor: binary long division.
  static Uint256 DivMod(const Uint256& n, const Uint256& d, Uint256* rem) {
    if (d.w[1] == 0 && d.w[2] == 0 && d.w[3] == 0) {
      uint64_t r = 0;
      Uint256 q = n.DivModSmall(d.w[0], &r);
      *rem = From(r);
      return q;
    }
    Uint256 q, r;
    for (int bit = 255; bit >= 0; --bit) {
      // r = (r << 1) | bit of n
      for (int i = 3; i > 0; --i) r.w[i] = (r.w[i] << 1) | (r.w[i - 1] >> 63);
      r.w[0] = (r.w[0] << 1) | ((n.w[bit / 64] >> (bit % 64)) & 1);
      if (Compare(r, d) >= 0) {
        r = r.Minus(d);
        q.w[bit / 64] |= uint64_t{1} << (bit % 64);
      }
    }
    *rem = r;
    return q;
  }
};

}  // namespace amanah::base
