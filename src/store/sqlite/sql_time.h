// Times as SQLite stores them: integer milliseconds since the Unix epoch, UTC.
#pragma once

#include <chrono>
#include <cstdint>

#include "base/clock.h"

namespace amanah::store::sqlite {

inline int64_t Ms(base::SystemTime t) { return base::UnixMillis(t); }
inline base::SystemTime FromMs(int64_t ms) {
  return base::SystemTime(std::chrono::milliseconds(ms));
}

}  // namespace amanah::store::sqlite
