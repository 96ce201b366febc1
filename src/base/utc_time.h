// UtcTime: a time as people and JSON read it — "2026-12-02T03:04:05Z" (RFC 3339, UTC, seconds).
#pragma once

#include <string>

#include "base/clock.h"

namespace amanah::base {

std::string UtcTime(SystemTime t);

}  // namespace amanah::base
