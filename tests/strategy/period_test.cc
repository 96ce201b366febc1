// Periods: the text each is written as, and the next run in its time zone — across daylight-saving
// changes, short months and half-hour zones — found by the tz database, never by adding hours.
#include <gtest/gtest.h>

#include "base/utc_time.h"
#include "strategy/period.h"

namespace amanah::strategy {
namespace {

base::SystemTime At(const std::string& utc) {
  std::tm tm{};
  strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string Next(std::string_view text, std::string_view zone, const std::string& after) {
  auto p = ParsePeriod(text, zone);
  EXPECT_TRUE(p) << p.error();
  return p ? base::UtcTime(NextRun(*p, At(after))) : "";
}

TEST(Period, ParsesEachFormAndWritesItBack) {
  for (std::string_view text :
       {"every:1m", "every:15m", "every:30m", "hourly:00", "hourly:45", "daily@09:30",
        "weekly:mon@08:00", "weekly:sun@23:59", "monthly:31@00:00"}) {
    auto p = ParsePeriod(text, "UTC");
    ASSERT_TRUE(p) << text << ": " << p.error();
    EXPECT_EQ(ToString(*p), text);
  }
  EXPECT_EQ(ToString(ParsePeriod("hourly", "UTC").value()), "hourly:00");
}

TEST(Period, RefusesWhatIsNotAPeriodOrAZone) {
  for (std::string_view text :
       {"", "daily", "daily@25:00", "daily@9", "weekly:xyz@09:00", "monthly:0@09:00",
        "monthly:32@09:00", "hourly:60", "every day", "hourly:5x", "every:0m", "every:7m",
        "every:60m", "every:15", "every:m", "every:15h", "every:-5m"}) {
    auto p = ParsePeriod(text, "UTC");
    EXPECT_FALSE(p) << text;
    if (!p) {
      EXPECT_EQ(p.error().code(), base::ErrorCode::kInvalidArgument);
    }
  }
  auto zone = ParsePeriod("daily@09:00", "Mars/Olympus_Mons");
  ASSERT_FALSE(zone);
  EXPECT_NE(zone.error().message().find("unknown time zone"), std::string::npos);
}

TEST(Period, DailyKeepsTheWallClockAcrossDaylightSaving) {
  // London: GMT (UTC+0) until 2026-03-29 01:00 UTC, then BST (UTC+1).
  EXPECT_EQ(Next("daily@09:00", "Europe/London", "2026-03-28T09:00:00Z"), "2026-03-29T08:00:00Z");
  EXPECT_EQ(Next("daily@09:00", "Europe/London", "2026-03-27T12:00:00Z"), "2026-03-28T09:00:00Z");
  // A time the change skips (01:30 does not exist on 2026-03-29) runs at the change.
  EXPECT_EQ(Next("daily@01:30", "Europe/London", "2026-03-28T12:00:00Z"), "2026-03-29T01:00:00Z");
  // A time it repeats (01:30 twice on 2026-10-25) runs once, at its first occurrence.
  EXPECT_EQ(Next("daily@01:30", "Europe/London", "2026-10-24T12:00:00Z"), "2026-10-25T00:30:00Z");
  EXPECT_EQ(Next("daily@01:30", "Europe/London", "2026-10-25T00:30:00Z"), "2026-10-26T01:30:00Z");
}

TEST(Period, HourlyIsOnceAnHourInRealTimeAtTheLocalMinute) {
  // India is UTC+05:30: minute 00 local is minute 30 UTC.
  EXPECT_EQ(Next("hourly:00", "Asia/Kolkata", "2026-01-01T00:00:00Z"), "2026-01-01T00:30:00Z");
  EXPECT_EQ(Next("hourly:15", "UTC", "2026-01-01T00:15:00Z"), "2026-01-01T01:15:00Z");
  // Through London's autumn change: 24 + 1 runs in the 25-hour local day, each an hour apart.
  auto p = ParsePeriod("hourly:00", "Europe/London").value();
  base::SystemTime t = At("2026-10-24T23:00:00Z");
  for (int i = 0; i < 30; ++i) {
    const base::SystemTime n = NextRun(p, t);
    EXPECT_EQ(n - t, std::chrono::hours(1)) << base::UtcTime(t);
    t = n;
  }
}

TEST(Period, EveryNMinutesRunsAtTheMultiplesOfNPastTheHour) {
  EXPECT_EQ(Next("every:15m", "UTC", "2026-01-01T00:00:00Z"), "2026-01-01T00:15:00Z");
  EXPECT_EQ(base::UtcTime(NextRun(ParsePeriod("every:15m", "UTC").value(),
                                  At("2026-01-01T00:14:59Z") + std::chrono::milliseconds(999))),
            "2026-01-01T00:15:00Z");
  EXPECT_EQ(Next("every:15m", "UTC", "2026-01-01T00:59:00Z"), "2026-01-01T01:00:00Z");
  EXPECT_EQ(Next("every:1m", "UTC", "2026-01-01T10:07:30Z"), "2026-01-01T10:08:00Z");
  // The zone does not move the slots: N real minutes apart, through London's autumn change.
  EXPECT_EQ(Next("every:20m", "Asia/Kolkata", "2026-01-01T00:05:00Z"), "2026-01-01T00:20:00Z");
  auto p = ParsePeriod("every:5m", "Europe/London").value();
  base::SystemTime t = At("2026-10-25T00:00:00Z");
  for (int i = 0; i < 40; ++i) {
    const base::SystemTime n = NextRun(p, t);
    EXPECT_EQ(n - t, std::chrono::minutes(5)) << base::UtcTime(t);
    t = n;
  }
  EXPECT_EQ(NominalLength(p), std::chrono::minutes(5));
  EXPECT_EQ(base::UtcTime(LastRunAtOrBefore(p, At("2026-01-01T00:07:00Z"))),
            "2026-01-01T00:05:00Z");
}

TEST(Period, WeeklyAndMonthlyFindTheirDay) {
  // 2026-01-01 is a Thursday.
  EXPECT_EQ(Next("weekly:mon@09:00", "UTC", "2026-01-01T00:00:00Z"), "2026-01-05T09:00:00Z");
  EXPECT_EQ(Next("weekly:thu@09:00", "UTC", "2026-01-01T08:59:59Z"), "2026-01-01T09:00:00Z");
  EXPECT_EQ(Next("weekly:thu@09:00", "UTC", "2026-01-01T09:00:00Z"), "2026-01-08T09:00:00Z");
  // Day 31 runs on the last day of a shorter month.
  EXPECT_EQ(Next("monthly:31@12:00", "UTC", "2026-02-01T00:00:00Z"), "2026-02-28T12:00:00Z");
  EXPECT_EQ(Next("monthly:31@12:00", "UTC", "2026-02-28T12:00:00Z"), "2026-03-31T12:00:00Z");
  // In a zone ahead of UTC the local day starts the evening before.
  EXPECT_EQ(Next("monthly:1@00:00", "Asia/Tokyo", "2026-01-15T00:00:00Z"), "2026-01-31T15:00:00Z");
}

TEST(Period, TheLastRunAtOrBeforeIsTheNextRunsPredecessor) {
  auto p = ParsePeriod("daily@09:00", "Europe/London").value();
  EXPECT_EQ(base::UtcTime(LastRunAtOrBefore(p, At("2026-04-02T10:00:00Z"))),
            "2026-04-02T08:00:00Z");
  EXPECT_EQ(base::UtcTime(LastRunAtOrBefore(p, At("2026-04-02T08:00:00Z"))),
            "2026-04-02T08:00:00Z");
  auto h = ParsePeriod("hourly:30", "UTC").value();
  EXPECT_EQ(base::UtcTime(LastRunAtOrBefore(h, At("2026-04-02T10:29:59Z"))),
            "2026-04-02T09:30:00Z");
}

}  // namespace
}  // namespace amanah::strategy
