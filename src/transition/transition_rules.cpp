// 地域移行支援・地域定着支援: pure rules of an episode (periods, extension, activities, outcome).
#include <algorithm>

#include "calendar/date.hpp"
#include "transition/transition.hpp"

namespace tsunagu::transition {

namespace {
std::optional<FieldError> Error(std::string field, std::string message_ja) {
    return FieldError{std::move(field), std::move(message_ja)};
}
std::optional<calendar::Date> D(const std::string& s) { return calendar::Date::Parse(s); }
}  // namespace

std::string LastDayWithin(const std::string& from, int months) {
    const auto d = D(from);
    if (!d) return {};
    return calendar::AddDays(calendar::AddMonths(*d, months), -1).ToString();
}

std::string EffectiveEnd(const Transition& t) { return t.extended_to.empty() ? t.end : t.extended_to; }

std::optional<FieldError> CheckEpisode(const Transition& t) {
    const bool settlement = t.kind == "settlement";
    const int months = settlement ? kSettlementMonths : kTransitionMonths;
    if (t.end < t.start) return Error("end", "終了日は開始日以降にしてください。");
    if (t.end > LastDayWithin(t.start, months))
        return Error(
            "end",
            settlement
                ? "地域定着支援の期間は開始から1年以内です。更新は extended_to で記録してください。"
                : "地域移行支援の期間は開始から6か月以内です。延長は extended_to と延長理由で記録してください。");
    if (!t.extended_to.empty()) {
        if (t.extended_to <= t.end) return Error("extended_to", "延長後の終了日は当初の終了日より後にしてください。");
        if (t.extended_to > LastDayWithin(calendar::AddDays(*D(t.end), 1).ToString(), months))
            return Error("extended_to",
                         settlement ? "地域定着支援の更新は1年以内です。" : "地域移行支援の延長は1回、6か月以内です。");
        if (t.extension_reason.empty())
            return Error("extension_reason", settlement ? "更新の理由を入力してください。"
                                                        : "市町村が延長を認めた理由を入力してください。");
    }
    if (!t.admitted_on.empty() && t.admitted_on > t.start)
        return Error("admitted_on", "入院日・入所日は開始日以前の日付にしてください。");
    const Outcome& o = t.outcome;
    if (!o.moved_on.empty() && (o.moved_on < t.start || o.moved_on > EffectiveEnd(t)))
        return Error("outcome.moved_on", "地域生活への移行日は支援期間内の日付にしてください。");
    if (!o.readmitted_on.empty()) {
        if (o.moved_on.empty())
            return Error("outcome.readmitted_on", "再入院・再入所日は移行日を記録してから入力してください。");
        if (o.readmitted_on < o.moved_on)
            return Error("outcome.readmitted_on", "再入院・再入所日は移行日以降の日付にしてください。");
    }
    return std::nullopt;
}

std::optional<FieldError> CheckActivity(const Transition& t, const Activity& a, const std::string& prefix) {
    if (a.date < t.start || a.date > EffectiveEnd(t))
        return Error(prefix + "date", "活動日は支援期間（開始日から終了日・延長後の終了日まで）の日付にしてください。");
    return std::nullopt;
}

std::optional<int> DaysSinceAdmission(const Transition& t) {
    const auto from = D(t.admitted_on), to = D(t.outcome.moved_on);
    if (!from || !to) return std::nullopt;
    return calendar::DaysBetween(*from, *to);
}

bool ReadmittedWithin180Days(const Transition& t) {
    const auto moved = D(t.outcome.moved_on), back = D(t.outcome.readmitted_on);
    return moved && back && calendar::DaysBetween(*moved, *back) <= kReadmissionDays;
}

bool IsOpen(const Transition& t, const std::string& today) {
    return t.outcome.moved_on.empty() && EffectiveEnd(t) >= today;
}

std::vector<alert::TransitionEnd> AlertEnds(const std::vector<Transition>& episodes) {
    std::vector<alert::TransitionEnd> out;
    for (const auto& t : episodes) {
        if (!t.outcome.moved_on.empty()) continue;
        if (const auto end = D(EffectiveEnd(t))) out.push_back({t.id, t.kind == "settlement", *end});
    }
    return out;
}

void AddToKpi(TransitionKpi& k, const Transition& t) {
    if (t.kind != "transition" || t.outcome.moved_on.empty()) return;
    ++k.completed;
    if (ReadmittedWithin180Days(t)) ++k.readmitted_within_180_days;
    if (const auto days = DaysSinceAdmission(t); days && t.from_kind == "hospital") {
        const double sum = k.hospital_days_avg.value_or(0) * k.counted + *days;
        ++k.counted;
        k.hospital_days_avg = sum / k.counted;
    }
}

}  // namespace tsunagu::transition
