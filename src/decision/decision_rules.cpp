// 支給決定: what a decision must satisfy to be recorded as it reads on the 受給者証.
#include <algorithm>

#include "decision/decision.hpp"
#include "monitoring/qa38.hpp"

namespace tsunagu::decision {

namespace {

using calendar::Date;
using calendar::YearMonth;
using monitoring::FieldError;

//! 受給者証番号: 10 digits (the municipal number printed on the certificate).
constexpr std::size_t kCertificateDigits = 10;

bool IsCertificateNumber(const std::string& s) {
    return s.size() == kCertificateDigits &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ValidInterval(int months) { return months >= 1 && months <= monitoring::kMaxIntervalMonths; }

std::string IntervalMessage() {
    return "モニタリング期間は1〜" + std::to_string(monitoring::kMaxIntervalMonths) + "か月で指定してください。";
}

//! Each version of the decided monitoring period: its interval, and months in order within the decision period.
void CheckVersions(const Decision& d, std::optional<Date> start, std::optional<Date> end,
                   std::vector<FieldError>& errors) {
    for (std::size_t i = 0; i < d.monitoring_periods.size(); ++i) {
        const monitoring::MonitoringPeriodVersion& v = d.monitoring_periods[i];
        const std::string field = "monitoring_periods[" + std::to_string(i) + "].";
        if (!ValidInterval(v.interval_months)) errors.push_back({field + "interval_months", IntervalMessage()});
        if (!v.first_month.IsValid()) {
            errors.push_back({field + "first_month", "開始年月はYYYY-MMの形式で入力してください。"});
        } else if (start && v.first_month < calendar::YearMonthOf(*start)) {
            errors.push_back({field + "first_month", "開始年月は支給決定期間内の年月にしてください。"});
        }
        if (!v.last_month.IsValid()) {
            errors.push_back({field + "last_month", "終了年月はYYYY-MMの形式で入力してください。"});
        } else if (v.first_month.IsValid() && v.last_month < v.first_month) {
            errors.push_back({field + "last_month", "終了年月は開始年月以降にしてください。"});
        } else if (end && calendar::YearMonthOf(*end) < v.last_month) {
            errors.push_back({field + "last_month", "終了年月は支給決定期間内の年月にしてください。"});
        }
    }
}

bool Covered(const std::vector<FieldError>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const FieldError& e) { return e.field == field || e.field.rfind(field + ".", 0) == 0; });
}

}  // namespace

bool IsKnownServiceKind(std::string_view code) { return monitoring::NormaliseServiceKind(code).has_value(); }

std::string_view CategoryOf(const monitoring::ServiceKind& k) {
    if (k.child) return "child";
    // 地域相談支援 (一般相談支援事業所): decided on the separate 地域相談支援受給者証.
    if (k.code == "community_transition" || k.code == "community_settlement") return "community";
    return "adult";
}

std::vector<FieldError> ValidateDecision(const Decision& d) {
    std::vector<FieldError> errors;
    const std::string date_message = "日付はYYYY-MM-DDの形式で正しい日付を入力してください。";
    const auto decided = Date::Parse(d.decided_on), start = Date::Parse(d.period_start),
               end = Date::Parse(d.period_end);
    if (!decided) errors.push_back({"decided_on", date_message});
    if (!start) errors.push_back({"period_start", date_message});
    if (!end) {
        errors.push_back({"period_end", date_message});
    } else if (start && *end < *start) {
        errors.push_back({"period_end", "支給決定期間の終了日は開始日以降にしてください。"});
    } else if (start && *end >= calendar::AddMonths(*start, kMaxPeriodMonths)) {
        // 支給決定期間 is at most a year for most services and three for a few; a longer one is a typo.
        errors.push_back({"period_end", "支給決定期間は3年以内で入力してください。"});
    }
    if (d.monitoring_periods.size() > kMaxMonitoringPeriods)
        errors.push_back(
            {"monitoring_periods", "モニタリング期間の版は" + std::to_string(kMaxMonitoringPeriods) + "件までです。"});
    if (!ValidInterval(d.monitoring_interval_months))
        errors.push_back({"monitoring_interval_months", IntervalMessage()});
    CheckVersions(d, start, end, errors);
    if (start && end && *start <= *end) {
        // The monitoring schedule's own check, so that whatever is recorded can be scheduled.
        monitoring::ScheduleInput in;
        in.plan_date = *start;
        in.decision_period = {*start, *end};
        in.monitoring_interval_months = d.monitoring_interval_months;
        in.monitoring_periods = d.monitoring_periods;
        for (const FieldError& e : monitoring::ValidateScheduleInput(in))
            if (!Covered(errors, e.field)) errors.push_back(e);
    }

    if (d.services.empty()) errors.push_back({"services", "支給決定されたサービスを1つ以上入力してください。"});
    for (std::size_t i = 0; i < d.services.size(); ++i) {
        const std::string field = "services[" + std::to_string(i) + "].";
        if (d.services[i].kind.empty()) {
            errors.push_back({field + "kind", "サービス種類を選んでください。"});
        } else if (!IsKnownServiceKind(d.services[i].kind)) {
            errors.push_back({field + "kind", "サービス種類を一覧から選んでください。"});
        }
        if (d.services[i].amount.empty()) errors.push_back({field + "amount", "支給量を入力してください。"});
    }
    if (!IsCertificateNumber(d.certificate_number))
        errors.push_back({"certificate_number", "受給者証番号は半角数字10桁で入力してください。"});
    return errors;
}

std::optional<monitoring::Situation> SituationFromFlags(const std::vector<std::string>& flags, std::string& unknown) {
    monitoring::Situation s;
    for (const std::string& f : flags) {
        if (f == "new_plan" || f == "large_change") {
            s.new_or_changed_plan = true;
        } else if (f == "post_institution") {
            s.after_leaving_institution = true;
        } else if (f == "cannot_arrange") {
            s.unable_to_coordinate = true;
        } else if (f == "constant_care") {
            s.severe_constant_care = true;
        } else if (monitoring::IsQa38Flag(f)) {
            // Q&A 問38 (issue #17): advice with a reason (Qa38Advice), not a rule of the table.
        } else {
            unknown = f;
            return std::nullopt;
        }
    }
    return s;
}

std::vector<std::string> AllFlags() {
    std::vector<std::string> out = {"new_plan", "large_change", "post_institution", "cannot_arrange", "constant_care"};
    for (const auto& q : monitoring::Qa38Situations()) out.emplace_back(q.flag);
    return out;
}

}  // namespace tsunagu::decision
