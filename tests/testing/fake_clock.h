// FakeClock: a Clock that moves only when a test says so. Starts at a fixed instant (2026-01-01
// 00:00:00 UTC) so that tests do not depend on when they run. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>

#include "base/clock.h"

namespace amanah::testing {

class FakeClock final : public base::Clock {
 public:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z

  base::SystemTime Now() const override {
    return base::SystemTime(std::chrono::milliseconds(kStartMillis + offset_ms_.load()));
  }
  base::MonotonicTime Monotonic() const override {
    return base::MonotonicTime(std::chrono::milliseconds(offset_ms_.load()));
  }
  /// Moves both clocks forward.
  void Advance(std::chrono::milliseconds d) { offset_ms_ += d.count(); }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace amanah::testing
