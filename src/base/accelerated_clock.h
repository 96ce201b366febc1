// AcceleratedClock: time that runs `factor` times faster than an underlying clock from the moment
// it is made — the paper exchange's (`--time-accel`, so a day of price path runs in minutes) and,
// in paper mode, Amanah's own (`amanah serve --time-accel`, so a week of hourly plan runs takes
// under a minute). Factor 1 is real time. Given an origin — the instant at which accelerated and
// underlying time agree — the accelerated time is a function of the underlying time alone, so a
// process that restarts with the same origin and factor goes on where it was instead of starting
// again from the present. Thread-safe (the underlying clock is).
#pragma once

#include <optional>

#include "base/clock.h"

namespace amanah::base {

class AcceleratedClock final : public Clock {
 public:
  AcceleratedClock(const Clock& underlying, double factor)
      : underlying_(underlying),
        factor_(factor),
        start_(underlying.Now()),
        start_mono_(underlying.Monotonic()) {}
  AcceleratedClock(const Clock& underlying, double factor, SystemTime origin)
      : AcceleratedClock(underlying, factor) {
    origin_ = origin;
  }

  SystemTime Now() const override {
    if (origin_) {
      auto since = underlying_.Now() - *origin_;
      return *origin_ + std::chrono::duration_cast<SystemTime::duration>(since * factor_);
    }
    auto elapsed = underlying_.Monotonic() - start_mono_;
    return start_ + std::chrono::duration_cast<SystemTime::duration>(elapsed * factor_);
  }
  MonotonicTime Monotonic() const override {
    auto elapsed = underlying_.Monotonic() - start_mono_;
    return start_mono_ + std::chrono::duration_cast<MonotonicTime::duration>(elapsed * factor_);
  }

  double factor() const { return factor_; }

 private:
  const Clock& underlying_;
  double factor_;
  SystemTime start_;
  MonotonicTime start_mono_;
  std::optional<SystemTime> origin_;
};

}  // namespace amanah::base
