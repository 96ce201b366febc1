// AcceleratedClock: the paper exchange's time — an underlying clock whose passage since start is
// multiplied by a factor, so a day of price path can run in minutes. Factor 1 is real time.
// Thread-safe (the underlying clock is).
#pragma once

#include "base/clock.h"

namespace amanah::paper {

class AcceleratedClock final : public base::Clock {
 public:
  AcceleratedClock(const base::Clock& underlying, double factor)
      : underlying_(underlying),
        factor_(factor),
        start_(underlying.Now()),
        start_mono_(underlying.Monotonic()) {}

  base::SystemTime Now() const override {
    auto elapsed = underlying_.Monotonic() - start_mono_;
    return start_ + std::chrono::duration_cast<base::SystemTime::duration>(elapsed * factor_);
  }
  base::MonotonicTime Monotonic() const override {
    auto elapsed = underlying_.Monotonic() - start_mono_;
    return start_mono_ +
           std::chrono::duration_cast<base::MonotonicTime::duration>(elapsed * factor_);
  }

 private:
  const base::Clock& underlying_;
  double factor_;
  base::SystemTime start_;
  base::MonotonicTime start_mono_;
};

}  // namespace amanah::paper
