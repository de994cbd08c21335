#include <algorithm>
#include <cstdio>

#include "oncall/oncall.hpp"

namespace tsunagu::oncall {

bool IsLocalDateTime(const std::string& s) {
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return false;
    if (!calendar::Date::Parse(s.substr(0, 10))) return false;
    for (std::size_t i : {11, 12, 14, 15})
        if (s[i] < '0' || s[i] > '9') return false;
    const int h = std::stoi(s.substr(11, 2)), m = std::stoi(s.substr(14, 2));
    return h < 24 && m < 60;
}

std::string LocalMinute(std::time_t t) {
    const std::time_t local = t + 9 * 3600;  // Japan has no daylight saving time
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buf[20];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
    return buf;
}

std::string MonthStart(calendar::YearMonth ym) { return ym.ToString() + "-01T00:00"; }

std::string MonthEnd(calendar::YearMonth ym) { return MonthStart(calendar::AddMonths(ym, 1)); }

std::optional<std::pair<std::size_t, std::size_t>> FindOverlap(const std::vector<Slot>& slots) {
    for (std::size_t i = 0; i < slots.size(); ++i)
        for (std::size_t j = i + 1; j < slots.size(); ++j)
            if (slots[i].start < slots[j].end && slots[j].start < slots[i].end) return std::pair(i, j);
    return std::nullopt;
}

std::vector<Gap> Gaps(std::vector<Slot> slots, const std::string& from, const std::string& to) {
    std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.start < b.start; });
    std::vector<Gap> out;
    std::string covered = from;  // everything before `covered` is covered (or outside the range)
    for (const auto& s : slots) {
        if (s.end <= covered) continue;
        if (s.start >= to) break;
        if (s.start > covered) out.push_back({covered, s.start});
        covered = std::max(covered, s.end);
    }
    if (covered < to) out.push_back({covered, to});
    return out;
}

std::optional<Slot> At(const std::vector<Slot>& slots, const std::string& at) {
    for (const auto& s : slots)
        if (s.start <= at && at < s.end) return s;
    return std::nullopt;
}

}  // namespace tsunagu::oncall
