// Clock: the only way code reads time. System time (UTC) stamps records and is compared with
// exchange server time; monotonic time measures intervals and timeouts and never jumps. Tests
// inject a FakeClock (tests/testing/fake_clock.h). Implementations must be thread-safe.
#pragma once

#include <chrono>

namespace amanah::base {

using SystemTime = std::chrono::system_clock::time_point;
using MonotonicTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  /// Wall-clock time in UTC, for records and for comparison with an exchange's clock.
  virtual SystemTime Now() const = 0;
  /// Monotonic time, for intervals and deadlines.
  virtual MonotonicTime Monotonic() const = 0;
};

/// The real clocks of the operating system.
class RealClock final : public Clock {
 public:
  SystemTime Now() const override { return std::chrono::system_clock::now(); }
  MonotonicTime Monotonic() const override { return std::chrono::steady_clock::now(); }
};

/// Milliseconds since the Unix epoch, the unit every exchange uses for timestamps.
inline int64_t UnixMillis(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace amanah::base
