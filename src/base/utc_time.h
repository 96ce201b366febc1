// UtcTime: a time as people and JSON read it — "2026-12-02T03:04:05Z" (RFC 3339, UTC, seconds) —
// and back, from that or a date alone ("2026-12-02", its midnight UTC).
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace amanah::base {

std::string UtcTime(SystemTime t);
/// kInvalidArgument saying what was expected.
Result<SystemTime> ParseUtcTime(std::string_view text);

}  // namespace amanah::base
