// ThrottleRepository: attempts counted per key in fixed windows (failed logins per client address),
// in the store so that every node counts the same attempts. Reached through a UnitOfWork.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace amanah::store {

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;

  /// Counts one attempt for `key` in the window of length `window` that holds `now` (windows start
  /// at multiples of it since the epoch); the attempts in that window, this one included.
  virtual base::Result<int64_t> Hit(std::string_view key, base::SystemTime now,
                                    std::chrono::milliseconds window) = 0;
  /// The attempts for `key` in the window that holds `now`.
  virtual base::Result<int64_t> Count(std::string_view key, base::SystemTime now,
                                      std::chrono::milliseconds window) = 0;
  /// Forgets the windows that ended before `before` (housekeeping); how many.
  virtual base::Result<int64_t> Prune(base::SystemTime before,
                                      std::chrono::milliseconds window) = 0;
};

}  // namespace amanah::store
