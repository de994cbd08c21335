#pragma once
// Civil dates (暦日) for statutory rules: no time of day, no time zone. Every deadline in the
// domain (支給決定期間, 障害支援区分の有効期間, モニタリング月, 同意の期限) is a calendar date in
// Japan, so the rules never touch clocks; the caller passes "today" in.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::calendar {

struct YearMonth;

//! A proleptic Gregorian calendar date (暦日). Functions taking a Date expect a valid one
//! (as produced by Parse or the arithmetic below).
struct Date {
    int y;  //!< year, 1..9999
    int m;  //!< month, 1..12
    int d;  //!< day of month, 1..DaysInMonth(y, m)

    //! Strict "YYYY-MM-DD" (zero-padded, real calendar day incl. leap years); nullopt otherwise.
    static std::optional<Date> Parse(std::string_view s);
    //! "YYYY-MM-DD".
    std::string ToString() const;
    //! True when the fields name a real calendar day.
    bool IsValid() const;

    friend constexpr auto operator<=>(const Date&, const Date&) = default;
    friend constexpr bool operator==(const Date&, const Date&) = default;
};

//! A calendar month (年月), the unit in which monitoring periods are decided and paid.
struct YearMonth {
    int y;  //!< year, 1..9999
    int m;  //!< month, 1..12

    //! Strict "YYYY-MM"; nullopt otherwise.
    static std::optional<YearMonth> Parse(std::string_view s);
    //! "YYYY-MM".
    std::string ToString() const;
    //! True when 1 <= m <= 12 and the year is in range.
    bool IsValid() const;

    friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) = default;
    friend constexpr bool operator==(const YearMonth&, const YearMonth&) = default;
};

//! Gregorian leap year (閏年).
bool IsLeapYear(int y);
//! Days in month `m` of year `y` (28..31).
int DaysInMonth(int y, int m);

//! `d` moved by `days` (negative goes back).
Date AddDays(Date d, int days);
//! `d` moved by `months`; a day past the target month's end is clamped to it (Jan 31 + 1 → Feb 28/29).
Date AddMonths(Date d, int months);
//! Whole days from `from` to `to` (positive when `to` is later).
int DaysBetween(Date from, Date to);

//! The month a date falls in.
YearMonth YearMonthOf(Date d);
//! `ym` moved by `months`.
YearMonth AddMonths(YearMonth ym, int months);
//! Whole months from `from` to `to` (positive when `to` is later).
int MonthsBetween(YearMonth from, YearMonth to);
//! First day of the month.
Date FirstDayOfMonth(YearMonth ym);
//! Last day of the month (月末), the due date of a monitoring month.
Date LastDayOfMonth(YearMonth ym);

//! Age in full years on `on` (満年齢). Negative when `on` precedes `birth`.
//! Under 年齢計算ニ関スル法律 and 民法第143条 a year of age is completed at the end of the day
//! before the birthday; for dates that is the same as "from the birthday on". Someone born on
//! 29 February completes the year at the end of 28 February in common years, so is a year older
//! from 1 March. See docs/decisions/0003-monitoring-periods.md.
int AgeOn(Date birth, Date on);
//! The first day on which the person is `years` old by AgeOn: the birthday in year birth.y + years,
//! or 1 March when the birthday is 29 February and that year is a common year. Alerts such as
//! "turning 18" (児童 → 者) use this date.
Date AttainsAgeOn(Date birth, int years);

}  // namespace tsunagu::calendar
