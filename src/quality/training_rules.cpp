// The statutory training cycles (pure): 現任研修 every 5 fiscal years after 初任者研修, 主任更新研修
// every 5 fiscal years after 主任研修.
#include <algorithm>

#include "quality/training.hpp"

namespace tsunagu::quality {

using calendar::Date;

namespace {
constexpr int kCycleYears = 5;
Date FiscalStart(int fy) { return Date{fy, 4, 1}; }
Date FiscalEnd(int fy) { return Date{fy + 1, 3, 31}; }
}  // namespace

int FiscalYearOf(Date d) { return d.m >= 4 ? d.y : d.y - 1; }

CycleState CycleOn(const std::vector<Training>& records, const std::string& start_kind, const std::string& renew_kind,
                   Date today) {
    CycleState s;
    std::optional<Date> start;
    std::vector<Date> renewals;
    for (const auto& t : records) {
        const auto d = Date::Parse(t.completed_on);
        if (!d || *d > today) continue;
        if (t.kind == start_kind && (!start || *d > *start)) start = *d;
        if (t.kind == renew_kind) renewals.push_back(*d);
    }
    if (!start) {
        s.status = "none";
        return s;
    }
    // Cycles of 5 fiscal years from the year after the start; fixed, whenever the renewal is taken.
    int first = FiscalYearOf(*start) + 1;
    auto done_in = [&](Date from, Date to) {
        return std::any_of(renewals.begin(), renewals.end(), [&](Date r) { return r >= from && r <= to; });
    };
    for (;;) {
        const Date from = FiscalStart(first), to = FiscalEnd(first + kCycleYears - 1);
        s.cycle_start = from.ToString();
        s.cycle_end = to.ToString();
        const bool done = done_in(from, to);
        if (to < today) {
            if (!done) {  // the cycle passed without the renewal: start again (初任者研修)
                s.status = "lapsed";
                s.deadline = to.ToString();
                return s;
            }
            first += kCycleYears;
            continue;
        }
        s.done_in_cycle = done;
        s.deadline = done ? FiscalEnd(first + 2 * kCycleYears - 1).ToString() : to.ToString();
        s.status = "ok";
        if (TrainingDue(s, today)) s.status = "due";
        return s;
    }
}

bool TrainingDue(const CycleState& s, Date today) {
    if (s.status == "lapsed") return true;
    if (s.status == "none" || s.done_in_cycle || s.deadline.empty()) return false;
    const Date end = *Date::Parse(s.deadline);
    const Date from{end.y - 1, end.m, end.d};  // one year before the end (31 March)
    return today > from;
}

}  // namespace tsunagu::quality
