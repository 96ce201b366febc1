#include "strategy/period.h"

#include <array>
#include <charconv>
#include <exception>

#include <date/tz.h>

namespace amanah::strategy {

using base::ErrorCode;
using base::Fail;
using base::SystemTime;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};

base::Result<int> Number(std::string_view text, int lo, int hi, std::string_view what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || text.size() > 2 ||
      value < lo || value > hi) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be a number from " +
                                                 std::to_string(lo) + " to " + std::to_string(hi) +
                                                 ", not \"" + std::string(text) + "\"");
  }
  return value;
}

// "HH:MM" into hour and minute.
base::Result<void> TimeOfDay(std::string_view text, Period& p) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "the time of day is HH:MM (24-hour), not \"" + std::string(text) + "\"");
  }
  AMANAH_ASSIGN_OR_RETURN(p.hour, Number(text.substr(0, colon), 0, 23, "the hour"));
  AMANAH_ASSIGN_OR_RETURN(p.minute, Number(text.substr(colon + 1), 0, 59, "the minute"));
  return {};
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The zone, looked up in the system's tz database (which throws for an unknown name or a
// missing database: caught here, the one place outside input meets the library).
base::Result<const date::time_zone*> Zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown time zone \"" + std::string(name) +
                    "\": give an IANA name such as UTC, Europe/London or Asia/Kuala_Lumpur");
  }
}

// A parsed period's zone; UTC's if it has vanished from the database since.
const date::time_zone* ZoneOf(const Period& p) {
  auto z = Zone(p.time_zone);
  if (z) return *z;
  return date::locate_zone("UTC");
}

using LocalSeconds = date::local_time<seconds>;
using SysSeconds = date::sys_time<seconds>;

LocalSeconds ToLocal(const date::time_zone* z, SysSeconds t) {
  return LocalSeconds((t + z->get_info(t).offset).time_since_epoch());
}

// A wall-clock time as an instant: a skipped one at the change, a repeated one at its first.
SysSeconds ToSys(const date::time_zone* z, LocalSeconds lt) {
  const date::local_info info = z->get_info(lt);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  return SysSeconds(lt.time_since_epoch()) - info.first.offset;
}

SysSeconds Seconds(SystemTime t) { return std::chrono::floor<seconds>(t); }

}  // namespace

base::Result<Period> ParsePeriod(std::string_view text, std::string_view time_zone) {
  Period p;
  AMANAH_TRY(Zone(time_zone));
  p.time_zone = std::string(time_zone);
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "the period \"" + std::string(text) +
                    "\" is not one of every:Nm (N = 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30), "
                    "hourly[:MM], daily@HH:MM, weekly:DOW@HH:MM (DOW = mon…sun) or "
                    "monthly:D@HH:MM (D = 1–31)");
  };
  if (text.starts_with("every:")) {
    std::string_view n = text.substr(6);
    if (!n.ends_with('m')) return bad();
    n.remove_suffix(1);
    AMANAH_ASSIGN_OR_RETURN(p.minutes, Number(n, 1, 30, "the number of minutes"));
    if (60 % p.minutes != 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "every:" + std::to_string(p.minutes) +
                      "m does not divide the hour: N is 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30");
    }
    p.every = Period::Every::kMinutes;
    return p;
  }
  if (text.starts_with("hourly")) {
    p.every = Period::Every::kHourly;
    std::string_view rest = text.substr(6);
    if (rest.empty()) return p;
    if (rest[0] != ':') return bad();
    AMANAH_ASSIGN_OR_RETURN(p.minute, Number(rest.substr(1), 0, 59, "the minute"));
    return p;
  }
  const size_t at = text.find('@');
  if (at == std::string_view::npos) return bad();
  const std::string_view head = text.substr(0, at);
  AMANAH_TRY(TimeOfDay(text.substr(at + 1), p));
  if (head == "daily") {
    p.every = Period::Every::kDaily;
    return p;
  }
  if (head.starts_with("weekly:")) {
    p.every = Period::Every::kWeekly;
    const std::string_view dow = head.substr(7);
    for (size_t i = 0; i < kWeekdays.size(); ++i) {
      if (dow == kWeekdays[i]) {
        p.weekday = static_cast<int>(i);
        return p;
      }
    }
    return bad();
  }
  if (head.starts_with("monthly:")) {
    p.every = Period::Every::kMonthly;
    AMANAH_ASSIGN_OR_RETURN(p.day, Number(head.substr(8), 1, 31, "the day of the month"));
    return p;
  }
  return bad();
}

std::string ToString(const Period& p) {
  const std::string time = TwoDigits(p.hour) + ":" + TwoDigits(p.minute);
  switch (p.every) {
    case Period::Every::kMinutes:
      return "every:" + std::to_string(p.minutes) + "m";
    case Period::Every::kHourly:
      return "hourly:" + TwoDigits(p.minute);
    case Period::Every::kDaily:
      return "daily@" + time;
    case Period::Every::kWeekly:
      return "weekly:" + std::string(kWeekdays[static_cast<size_t>(p.weekday) % 7]) + "@" + time;
    case Period::Every::kMonthly:
      return "monthly:" + std::to_string(p.day) + "@" + time;
  }
  return "daily@" + time;
}

std::chrono::seconds NominalLength(const Period& p) {
  switch (p.every) {
    case Period::Every::kMinutes:
      return minutes(p.minutes);
    case Period::Every::kHourly:
      return hours(1);
    case Period::Every::kDaily:
      return days(1);
    case Period::Every::kWeekly:
      return days(7);
    case Period::Every::kMonthly:
      return days(30);
  }
  return days(1);
}

SystemTime NextRun(const Period& p, SystemTime after) {
  const date::time_zone* z = ZoneOf(p);
  const SysSeconds t = Seconds(after);
  // A candidate counts only if strictly later than `after` (which may carry milliseconds).
  auto later = [&](SysSeconds c) { return SystemTime(c) > after; };
  if (p.every == Period::Every::kMinutes) {
    // At the multiples of N minutes past the UTC hour, N real minutes apart in every zone.
    const minutes n(p.minutes);
    const SysSeconds hour = std::chrono::floor<hours>(t);
    SysSeconds slot = hour + (std::chrono::floor<minutes>(t - hour) / n) * n;
    if (!later(slot)) slot += n;
    return SystemTime(slot);
  }
  if (p.every == Period::Every::kHourly) {
    // Each real hour once: at the whole UTC hour H the local minute is the zone offset's minutes.
    const SysSeconds h0 = std::chrono::floor<hours>(t);
    for (int k = 0; k < 3; ++k) {
      const SysSeconds h = h0 + hours(k);
      const auto offset = std::chrono::duration_cast<minutes>(z->get_info(h).offset).count();
      const int64_t local_minute = ((offset % 60) + 60) % 60;
      const SysSeconds c = h + minutes(((p.minute - local_minute) % 60 + 60) % 60);
      if (later(c)) return SystemTime(c);
    }
    return SystemTime(h0 + hours(3));  // unreachable: some hour of three has the minute
  }
  const auto day0 = std::chrono::floor<days>(ToLocal(z, t));
  const auto at = hours(p.hour) + minutes(p.minute);
  if (p.every == Period::Every::kMonthly) {
    const date::year_month_day ymd{date::local_days(day0.time_since_epoch())};
    date::year_month ym{ymd.year(), ymd.month()};
    for (int k = 0; k < 3; ++k, ym += date::months(1)) {
      const auto last = date::year_month_day_last(ym.year(), date::month_day_last(ym.month()));
      const unsigned d =
          std::min<unsigned>(static_cast<unsigned>(p.day), static_cast<unsigned>(last.day()));
      const date::local_days local{date::year_month_day(ym.year(), ym.month(), date::day(d))};
      const SysSeconds c = ToSys(z, LocalSeconds(local.time_since_epoch()) + at);
      if (later(c)) return SystemTime(c);
    }
    return SystemTime(t + days(93));  // unreachable
  }
  for (int k = 0; k < 16; ++k) {
    const date::local_days d{(day0 + days(k)).time_since_epoch()};
    if (p.every == Period::Every::kWeekly &&
        date::weekday(d).c_encoding() != static_cast<unsigned>(p.weekday)) {
      continue;
    }
    const SysSeconds c = ToSys(z, LocalSeconds(d.time_since_epoch()) + at);
    if (later(c)) return SystemTime(c);
  }
  return SystemTime(t + days(16));  // unreachable
}

SystemTime LastRunAtOrBefore(const Period& p, SystemTime at) {
  // Walk forward from well before `at`: at most a few steps for any period.
  SystemTime run = NextRun(p, at - 2 * NominalLength(p) - days(3));
  for (;;) {
    const SystemTime next = NextRun(p, run);
    if (next > at) return run;
    run = next;
  }
}

}  // namespace amanah::strategy
