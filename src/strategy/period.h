// Period: when a plan runs — every N minutes, hourly at a minute, daily at a time, weekly on a
// weekday at a time, or monthly on a day at a time — in an IANA time zone ("Europe/London"; the
// system's tz database), so that "daily at 09:00" stays at 09:00 on the wall clock across
// daylight-saving changes. Written as text the CLI, the API and the store share:
//
//   every:Nm               every N minutes, N dividing 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30),
//                          at the multiples of N minutes past the UTC hour
//   hourly[:MM]            every hour at minute MM of the local hour (default 00)
//   daily@HH:MM            every day at HH:MM local time
//   weekly:DOW@HH:MM       DOW = mon|tue|wed|thu|fri|sat|sun
//   monthly:D@HH:MM        D = 1–31; a month shorter than D runs on its last day
//
// A local time a daylight-saving change skips runs at the change; one it repeats, at its first
// occurrence — so a daily plan runs once a day, whatever the zone does. Hourly runs are an hour
// apart in real time, and so are runs every N minutes. Values; the time zone is looked up when
// parsed.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace amanah::strategy {

struct Period {
  enum class Every { kMinutes, kHourly, kDaily, kWeekly, kMonthly };
  Every every = Every::kDaily;
  int minutes = 0;  ///< N, a divisor of 60 (every N minutes)
  int minute = 0;   ///< 0–59
  int hour = 0;     ///< 0–23 (not hourly)
  int weekday = 1;  ///< 0 = Sunday … 6 = Saturday (weekly)
  int day = 1;      ///< 1–31 (monthly)
  std::string time_zone = "UTC";
  bool operator==(const Period&) const = default;
};

/// `text` (see the header) in `time_zone`; kInvalidArgument saying what was expected, or naming an
/// unknown time zone.
base::Result<Period> ParsePeriod(std::string_view text, std::string_view time_zone);
/// The text ParsePeriod reads ("weekly:mon@09:00"), without the zone.
std::string ToString(const Period& p);

/// The first run strictly after `after`.
base::SystemTime NextRun(const Period& p, base::SystemTime after);
/// The last run at or before `at`.
base::SystemTime LastRunAtOrBefore(const Period& p, base::SystemTime at);
/// The nominal length of one period (N minutes, an hour, a day, a week, 30 days): how long a late
/// run may be.
std::chrono::seconds NominalLength(const Period& p);

}  // namespace amanah::strategy
