// Random: the only way code gets randomness. OsRandom reads the kernel CSPRNG (getrandom(2)) and is
// what keys, nonces and ids use in production; crypto::Csprng offers the same through OpenSSL.
// SeededRandom is deterministic, for simulations that must replay (paper price paths) and for
// tests; it is not for secrets. OsRandom is thread-safe; SeededRandom is not.
#pragma once

#include <cstdint>
#include <span>

namespace amanah::base {

class Random {
 public:
  virtual ~Random() = default;
  /// Fills `out` with random bytes.
  virtual void Fill(std::span<uint8_t> out) = 0;

  uint64_t NextU64();
  /// Uniform in [0, bound); bound > 0. Unbiased (rejection sampling).
  uint64_t Uniform(uint64_t bound);
};

class OsRandom final : public Random {
 public:
  void Fill(std::span<uint8_t> out) override;
};

/// xoshiro256** seeded through splitmix64: fast, reproducible, not cryptographic.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed);
  void Fill(std::span<uint8_t> out) override;

 private:
  uint64_t Next();
  uint64_t s_[4];
};

}  // namespace amanah::base
