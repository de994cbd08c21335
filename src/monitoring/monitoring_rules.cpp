// The monitoring schedule: which months a monitoring is due in, and whether each was done.
#include <algorithm>
#include <set>

#include "monitoring/monitoring.hpp"

namespace tsunagu::monitoring {
namespace {

bool ValidInterval(int months) { return months >= 1 && months <= kMaxIntervalMonths; }

bool ValidVersion(const MonitoringPeriodVersion& v) {
    return ValidInterval(v.interval_months) && v.first_month.IsValid() && v.last_month.IsValid() &&
           v.first_month <= v.last_month;
}

std::vector<DueItem> ToItems(const std::set<YearMonth>& months) {
    std::vector<DueItem> out;
    out.reserve(months.size());
    for (const YearMonth& ym : months) out.push_back(DueItem{ym, calendar::LastDayOfMonth(ym)});
    return out;
}

}  // namespace

std::vector<FieldError> ValidateScheduleInput(const ScheduleInput& in) {
    std::vector<FieldError> errors;
    const std::string interval_msg =
        "モニタリング期間は1〜" + std::to_string(kMaxIntervalMonths) + "か月で指定してください。";
    if (!in.plan_date.IsValid()) errors.push_back({"plan_date", "計画作成日が正しくありません。"});
    if (!in.decision_period.start.IsValid() || !in.decision_period.end.IsValid() ||
        in.decision_period.end < in.decision_period.start) {
        errors.push_back({"decision_period", "支給決定期間が正しくありません。"});
    }
    if (in.monitoring_periods.empty()) {
        if (!in.monitoring_interval_months) {
            errors.push_back({"monitoring_interval_months", "モニタリング期間を指定してください。"});
        } else if (!ValidInterval(*in.monitoring_interval_months)) {
            errors.push_back({"monitoring_interval_months", interval_msg});
        }
    }
    for (std::size_t i = 0; i < in.monitoring_periods.size(); ++i) {
        const MonitoringPeriodVersion& v = in.monitoring_periods[i];
        const std::string field = "monitoring_periods[" + std::to_string(i) + "]";
        if (!ValidInterval(v.interval_months)) errors.push_back({field + ".interval_months", interval_msg});
        if (!v.first_month.IsValid() || !v.last_month.IsValid() || v.last_month < v.first_month) {
            errors.push_back({field, "開始年月と終了年月が正しくありません。"});
        }
    }
    return errors;
}

std::vector<DueItem> Schedule(const ScheduleInput& in) {
    std::set<YearMonth> months;
    if (!in.monitoring_periods.empty()) {
        // The versioned form is the decision as printed; take its months exactly.
        for (const MonitoringPeriodVersion& v : in.monitoring_periods) {
            if (!ValidVersion(v)) continue;
            for (YearMonth ym = v.first_month; ym <= v.last_month; ym = calendar::AddMonths(ym, v.interval_months)) {
                months.insert(ym);
            }
        }
        return ToItems(months);
    }
    if (!in.monitoring_interval_months || !ValidInterval(*in.monitoring_interval_months)) return {};
    if (!in.plan_date.IsValid() || !in.decision_period.start.IsValid() || !in.decision_period.end.IsValid()) return {};

    // Counted from the plan month (the plan month itself is the plan, not a monitoring), kept
    // within the months of the decision period: a mid-month end still keeps its month.
    const int n = *in.monitoring_interval_months;
    const YearMonth first = calendar::YearMonthOf(in.decision_period.start);
    const YearMonth last = calendar::YearMonthOf(in.decision_period.end);
    for (YearMonth ym = calendar::AddMonths(calendar::YearMonthOf(in.plan_date), n); ym <= last;
         ym = calendar::AddMonths(ym, n)) {
        if (ym >= first) months.insert(ym);
    }
    return ToItems(months);
}

std::vector<DueItemStatus> WithStatus(const std::vector<DueItem>& due, const std::vector<Date>& monitorings_done,
                                      Date today) {
    std::vector<Date> done = monitorings_done;
    std::sort(done.begin(), done.end());
    std::vector<DueItemStatus> out;
    out.reserve(due.size());
    for (const DueItem& item : due) {
        DueItemStatus s{item, DueStatus::kDue, std::nullopt};
        const auto it = std::find_if(done.begin(), done.end(),
                                     [&](const Date& d) { return calendar::YearMonthOf(d) == item.year_month; });
        if (it != done.end()) {
            s.status = DueStatus::kDone;
            s.done_on = *it;
        } else if (item.due_date < today) {
            s.status = DueStatus::kOverdue;
        }
        out.push_back(s);
    }
    return out;
}

std::string_view StatusCode(DueStatus s) {
    switch (s) {
        case DueStatus::kDone:
            return "done";
        case DueStatus::kDue:
            return "due";
        case DueStatus::kOverdue:
            return "overdue";
    }
    return "due";
}

std::vector<MonitoringPeriodVersion> SuggestedVersions(const Suggestion& s, YearMonth start, YearMonth last) {
    std::vector<MonitoringPeriodVersion> out;
    if (!s.interval_months || last < start) return out;
    YearMonth steady_from = start;  // the month the steady interval counts from
    if (s.initial_monthly_months > 0) {
        YearMonth monthly_last = calendar::AddMonths(start, s.initial_monthly_months - 1);
        if (last < monthly_last) monthly_last = last;
        out.push_back({1, start, monthly_last});
        steady_from = monthly_last;
    }
    const YearMonth next = calendar::AddMonths(steady_from, *s.interval_months);
    if (next <= last) out.push_back({*s.interval_months, next, last});
    return out;
}

}  // namespace tsunagu::monitoring
