#include "calendar/date.hpp"

#include <chrono>

namespace tsunagu::calendar {
namespace {

namespace ch = std::chrono;

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

ch::sys_days ToSys(Date d) {
    return ch::sys_days{ch::year{d.y} / ch::month{static_cast<unsigned>(d.m)} / ch::day{static_cast<unsigned>(d.d)}};
}

Date FromSys(ch::sys_days s) {
    const ch::year_month_day ymd{s};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// Reads exactly `n` ASCII digits at `pos`; nullopt on anything else (no sign, no spaces).
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

void AppendPadded(std::string& out, int v, int width) {
    std::string digits = std::to_string(v);
    if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
    out += digits;
}

// Months since year 0 as one integer, so month arithmetic is plain integer arithmetic.
int MonthIndex(YearMonth ym) { return ym.y * 12 + (ym.m - 1); }

YearMonth FromMonthIndex(int idx) {
    // Floor division keeps negative offsets correct.
    int y = idx / 12;
    int m = idx % 12;
    if (m < 0) {
        m += 12;
        --y;
    }
    return YearMonth{y, m + 1};
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return (m == 2 && IsLeapYear(y)) ? 29 : kDays[m - 1];
}

bool Date::IsValid() const {
    return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::optional<Date> Date::Parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto y = Digits(s, 0, 4);
    const auto m = Digits(s, 5, 2);
    const auto d = Digits(s, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    const Date out{*y, *m, *d};
    if (!out.IsValid()) return std::nullopt;
    return out;
}

std::string Date::ToString() const {
    std::string out;
    out.reserve(10);
    AppendPadded(out, y, 4);
    out += '-';
    AppendPadded(out, m, 2);
    out += '-';
    AppendPadded(out, d, 2);
    return out;
}

bool YearMonth::IsValid() const { return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12; }

std::optional<YearMonth> YearMonth::Parse(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    const auto y = Digits(s, 0, 4);
    const auto m = Digits(s, 5, 2);
    if (!y || !m) return std::nullopt;
    const YearMonth out{*y, *m};
    if (!out.IsValid()) return std::nullopt;
    return out;
}

std::string YearMonth::ToString() const {
    std::string out;
    out.reserve(7);
    AppendPadded(out, y, 4);
    out += '-';
    AppendPadded(out, m, 2);
    return out;
}

Date AddDays(Date d, int days) { return FromSys(ToSys(d) + ch::days{days}); }

Date AddMonths(Date d, int months) {
    const YearMonth ym = AddMonths(YearMonthOf(d), months);
    const int last = DaysInMonth(ym.y, ym.m);
    return Date{ym.y, ym.m, d.d > last ? last : d.d};
}

int DaysBetween(Date from, Date to) { return static_cast<int>((ToSys(to) - ToSys(from)).count()); }

YearMonth YearMonthOf(Date d) { return YearMonth{d.y, d.m}; }

YearMonth AddMonths(YearMonth ym, int months) { return FromMonthIndex(MonthIndex(ym) + months); }

int MonthsBetween(YearMonth from, YearMonth to) { return MonthIndex(to) - MonthIndex(from); }

Date FirstDayOfMonth(YearMonth ym) { return Date{ym.y, ym.m, 1}; }

Date LastDayOfMonth(YearMonth ym) { return Date{ym.y, ym.m, DaysInMonth(ym.y, ym.m)}; }

Date AttainsAgeOn(Date birth, int years) {
    const int y = birth.y + years;
    // 民法第143条第2項: with no corresponding day in the month, the period ends on the month's
    // last day (28 Feb), so the new age holds from the next day.
    if (birth.m == 2 && birth.d == 29 && !IsLeapYear(y)) return Date{y, 3, 1};
    return Date{y, birth.m, birth.d};
}

int AgeOn(Date birth, Date on) {
    int age = on.y - birth.y;
    if (on < AttainsAgeOn(birth, age)) --age;
    return age;
}

}  // namespace tsunagu::calendar
