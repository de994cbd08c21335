#include <cmath>

#include "dashboard/dashboard.hpp"

namespace tsunagu::dashboard {

namespace json = boost::json;

namespace {

double Round3(double x) { return std::round(x * 1000.0) / 1000.0; }

json::value Rate(long long part, long long whole) {
    if (whole <= 0) return nullptr;
    return Round3(static_cast<double>(part) / static_cast<double>(whole));
}

//! The numeric fields of a figure that count things (suppressed below kMinCell in the region view).
bool IsCountField(const std::string& key) {
    return key == "count" || key == "persons" || key == "on_time" || key == "achieved" || key == "partly_achieved" ||
           key == "not_achieved" || key == "meetings" || key == "directory_contacts" || key == "notes";
}

}  // namespace

KpiCounts& KpiCounts::operator+=(const KpiCounts& o) {
    due += o.due;
    due_on_time += o.due_on_time;
    due_persons += o.due_persons;
    achieved += o.achieved;
    partly += o.partly;
    not_achieved += o.not_achieved;
    goal_persons += o.goal_persons;
    satisfaction_sum += o.satisfaction_sum;
    satisfaction_n += o.satisfaction_n;
    meetings += o.meetings;
    meeting_persons += o.meeting_persons;
    directory_contacts += o.directory_contacts;
    for (std::size_t i = 0; i < minutes.size(); ++i) minutes[i] += o.minutes[i];
    notes += o.notes;
    note_persons += o.note_persons;
    tasks_due += o.tasks_due;
    tasks_on_time += o.tasks_on_time;
    task_persons += o.task_persons;
    return *this;
}

double HandledAverage(const std::array<long long, 6>& handled) {
    long long sum = 0;
    for (long long n : handled) sum += n;
    return std::round(static_cast<double>(sum) / 6.0 * 10.0) / 10.0;
}

std::string CaseloadWarning(double average) {
    if (average >= kReductionFrom) return "reduction";
    if (average >= kStandard) return "standard";
    return "";
}

json::object CaseloadItemJson(const CaseloadRow& r) {
    const double avg = HandledAverage(r.handled);
    const std::string warning = CaseloadWarning(avg);
    const json::value share = Rate(r.high_risk, r.cases);
    return {{"user_id", r.user_id},
            {"name", r.name},
            {"cases", r.cases},
            {"handled", json::object{{"month", r.handled[5]},
                                     {"six_month_average", avg},
                                     {"by_month", json::array(r.handled.begin(), r.handled.end())}}},
            {"standard", kStandard},
            {"reduction_from", kReductionFrom},
            {"warning", warning.empty() ? json::value(nullptr) : json::value(warning)},
            {"support_level_high", r.support_level_high},
            {"child", r.child},
            {"acute", r.acute},
            {"stable", r.stable},
            {"high_risk", r.high_risk},
            {"high_risk_share", share},
            {"high_risk_warning",
             r.cases > 0 && static_cast<double>(r.high_risk) / static_cast<double>(r.cases) > kHighRiskLimit}};
}

json::object CaseloadTotalsJson(const CaseloadTotals& t) {
    return {{"staff", t.staff},
            {"cases", t.cases},
            {"support_level_high", t.support_level_high},
            {"child", t.child},
            {"acute", t.acute},
            {"stable", t.stable},
            {"high_risk", t.high_risk},
            {"high_risk_share", Rate(t.high_risk, t.cases)}};
}

json::object KpiJson(const KpiCounts& k) {
    json::object out;
    out["monitoring_on_time_rate"] = json::object{{"value", Rate(k.due_on_time, k.due)},
                                                  {"count", k.due},
                                                  {"on_time", k.due_on_time},
                                                  {"persons", k.due_persons}};
    const long long rated = k.achieved + k.partly + k.not_achieved;
    out["goal_achievement"] =
        json::object{{"value", rated == 0 ? json::value(nullptr)
                                          : json::value(json::object{{"achieved", Rate(k.achieved, rated)},
                                                                     {"partly_achieved", Rate(k.partly, rated)},
                                                                     {"not_achieved", Rate(k.not_achieved, rated)}})},
                     {"count", rated},
                     {"achieved", k.achieved},
                     {"partly_achieved", k.partly},
                     {"not_achieved", k.not_achieved},
                     {"persons", k.goal_persons}};
    json::value sat = nullptr;
    if (k.satisfaction_n > 0)
        sat =
            std::round(static_cast<double>(k.satisfaction_sum) / static_cast<double>(k.satisfaction_n) * 100.0) / 100.0;
    out["satisfaction_avg"] = json::object{{"value", sat}, {"count", k.satisfaction_n}, {"persons", k.goal_persons}};
    out["coordination_count"] = json::object{{"value", k.meetings + k.directory_contacts},
                                             {"count", k.meetings + k.directory_contacts},
                                             {"meetings", k.meetings},
                                             {"directory_contacts", k.directory_contacts}};
    long long total = 0;
    for (long long m : k.minutes) total += m;
    json::object cats;
    for (std::size_t i = 0; i < kTimeCategories.size(); ++i)
        cats[kTimeCategories[i]] =
            json::object{{"minutes", k.minutes[i]}, {"share", Rate(k.minutes[i], total)}, {"target", kTimeTargets[i]}};
    out["time_use"] = json::object{{"value", total == 0 ? json::value(nullptr) : json::value(std::move(cats))},
                                   {"minutes", total},
                                   {"count", k.notes},
                                   {"notes", k.notes},
                                   {"persons", k.note_persons}};
    out["tasks_done_on_time_rate"] = json::object{{"value", Rate(k.tasks_on_time, k.tasks_due)},
                                                  {"count", k.tasks_due},
                                                  {"on_time", k.tasks_on_time},
                                                  {"persons", k.task_persons}};
    return out;
}

void Suppress(json::object& figure) {
    if (figure.contains("source_missing")) return;
    bool small = false;
    for (const auto& [key, v] : figure)
        if (IsCountField(key) && v.is_int64() && v.as_int64() < kMinCell) small = true;
    if (!small) return;
    for (auto& [key, v] : figure)
        if (key == "value" || IsCountField(key) || key == "minutes") v = nullptr;
    figure["suppressed"] = true;
}

json::object RegionCount(long long n) {
    if (n < kMinCell) return {{"value", nullptr}, {"suppressed", true}};
    return {{"value", n}};
}

CaseloadTotals TotalsOf(const std::vector<CaseloadRow>& rows) {
    CaseloadTotals t;
    for (const CaseloadRow& r : rows) {
        ++t.staff;
        t.cases += r.cases;
        t.support_level_high += r.support_level_high;
        t.child += r.child;
        t.acute += r.acute;
        t.stable += r.stable;
        t.high_risk += r.high_risk;
    }
    return t;
}

json::object RegionCaseloadJson(const std::vector<CaseloadRow>& rows) {
    const CaseloadTotals t = TotalsOf(rows);
    double handled_sum = 0;
    for (const auto& r : rows) handled_sum += HandledAverage(r.handled);
    const long long specialists = t.staff;
    json::object out{{"specialists", RegionCount(specialists)},
                     {"cases", RegionCount(t.cases)},
                     {"support_level_high", RegionCount(t.support_level_high)},
                     {"child", RegionCount(t.child)},
                     {"acute", RegionCount(t.acute)},
                     {"stable", RegionCount(t.stable)}};
    // The share is a figure of persons: computed from at least 5 cases and 5 high-risk persons.
    if (t.cases < kMinCell || t.high_risk < kMinCell)
        out["high_risk_share"] = json::object{{"value", nullptr}, {"suppressed", true}};
    else
        out["high_risk_share"] = json::object{{"value", Rate(t.high_risk, t.cases)}};
    // 取扱件数: the specialists' six-month averages, averaged (a figure of the staff, from ≥ 5 persons).
    if (specialists < 1 || t.cases < kMinCell)
        out["handled_average"] = json::object{{"value", nullptr}, {"suppressed", true}};
    else
        out["handled_average"] =
            json::object{{"value", std::round(handled_sum / static_cast<double>(specialists) * 10.0) / 10.0}};
    return out;
}

}  // namespace tsunagu::dashboard
