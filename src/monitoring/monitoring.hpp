#pragma once
// モニタリング (継続サービス利用支援): when monitorings fall due, and the standard periods the
// municipality weighs when it decides them (障害者総合支援法施行規則 第6条の16).
// Pure rules: no I/O, no clock; "today" is always a parameter.
// Sources and choices: docs/decisions/0003-monitoring-periods.md.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"

namespace tsunagu::monitoring {

using calendar::Date;
using calendar::YearMonth;

//! Longest interval accepted for a decided period. The longest standard period was once 1年
//! (施設入所, before the H30 revision); nothing longer is meaningful within a 支給決定期間.
inline constexpr int kMaxIntervalMonths = 12;
//! Months of monthly monitoring after a new plan or a large change (利用開始から3月).
inline constexpr int kInitialMonthlyMonths = 3;
//! Shown with every suggestion (API field `note`): the standard is a factor, not a rule
//! (令和3年度報酬改定Q&A 問38).
inline constexpr std::string_view kSuggestionNoteJa =
    "標準期間は市町村がモニタリング期間を決定する際の勘案事項です。"
    "本人の状況に応じて、標準より短い期間の提案も検討してください。";

//! One version of the decided monitoring period (モニタリング期間), as printed on the 受給者証,
//! e.g. 「3月ごと(2026-07～2027-04)」 → {3, 2026-07, 2027-04}.
struct MonitoringPeriodVersion {
    int interval_months = 0;  //!< 1 = every month, 3 = every 3 months, ...
    YearMonth first_month{};  //!< 開始年月: the first monitoring month of this version
    YearMonth last_month{};   //!< 終了年月: no monitoring of this version after this month
};

//! 支給決定期間: the validity of the municipal decision, both ends inclusive.
struct DecisionPeriod {
    Date start{};
    Date end{};
};

//! What the schedule is computed from: the plan and the municipality's decision.
struct ScheduleInput {
    Date plan_date{};                  //!< 計画作成日 of the current plan: the simple form counts from its month
    DecisionPeriod decision_period{};  //!< 支給決定期間
    std::optional<int> monitoring_interval_months;            //!< the simple form: every N months
    std::vector<MonitoringPeriodVersion> monitoring_periods;  //!< the versioned form; wins when non-empty
};

//! One month in which a monitoring is due (モニタリング実施月).
struct DueItem {
    YearMonth year_month{};  //!< the monitoring month
    Date due_date{};         //!< its last day (月末)

    friend bool operator==(const DueItem&, const DueItem&) = default;
};

//! Where a due month stands against the monitorings recorded.
enum class DueStatus {
    kDone,     //!< 実施済: a monitoring was recorded in that month
    kDue,      //!< 予定: not done, due date today or later
    kOverdue,  //!< 未実施: not done and the due date has passed
};

//! A due month with its status.
struct DueItemStatus {
    DueItem item{};
    DueStatus status = DueStatus::kDue;
    std::optional<Date> done_on;  //!< the first monitoring recorded in that month, when done
};

//! An input problem, for the API to report per field (message shown to users, in Japanese).
struct FieldError {
    std::string field;
    std::string message_ja;
};

//! Problems with a schedule input; empty when it can be scheduled.
std::vector<FieldError> ValidateScheduleInput(const ScheduleInput& in);

//! The due months, sorted and without duplicates.
//! Versioned form: for each version, first_month, first_month + interval, ... up to last_month,
//! exactly as decided (the decision is authoritative; it is not clipped to the decision period).
//! Simple form: the plan month + N, + 2N, ... that lie within the months of the decision period.
//! Invalid versions or intervals (see ValidateScheduleInput) contribute nothing.
std::vector<DueItem> Schedule(const ScheduleInput& in);

//! Each due month with its status on `today`, given the dates of recorded monitorings.
//! A monitoring counts for the month it was recorded in; monitorings outside due months are
//! ignored here (they are not paid unless the municipality changed the period first).
std::vector<DueItemStatus> WithStatus(const std::vector<DueItem>& due, const std::vector<Date>& monitorings_done,
                                      Date today);

//! Stable code of a status: "done" | "due" | "overdue".
std::string_view StatusCode(DueStatus s);

// --- the standard periods (モニタリング標準期間) ---------------------------------------------------

//! One service kind (サービス種類) and its standard monitoring interval. Table in standard_periods.cpp.
struct ServiceKind {
    std::string_view code;         //!< stable code used by the API, e.g. "home_help"
    std::string_view name_ja;      //!< 居宅介護
    int standard_interval_months;  //!< the standard period for a stable user (3 or 6)
    bool child;                    //!< 障害児通所支援 (児童福祉法), planned by 障害児相談支援
    bool in_institution;           //!< the user lives in a facility or hospital (not 在宅)
};

//! A service kind as stored: a code of the table (also given by its Japanese name, e.g. 生活介護),
//! "other", or Japanese free text for services outside the table; nullopt for an unknown code.
std::optional<std::string> NormaliseServiceKind(std::string_view kind);

//! The standard table, in display order. The API and UI list service kinds from it.
std::span<const ServiceKind> ServiceKinds();
//! The row for `code`; nullptr when unknown.
const ServiceKind* FindServiceKind(std::string_view code);

//! The person's situation, as the specialist assesses it for the plan draft.
struct Situation {
    bool new_or_changed_plan = false;  //!< 新規 or a large change in kind, content or amount of services
    bool after_leaving_institution = false;  //!< 障害者支援施設等からの退所等に伴い一定期間集中的な支援が必要
    bool unable_to_coordinate = false;  //!< 単身、又は同居家族等の障害・疾病等のため自ら事業者等と連絡調整できない
    bool severe_constant_care = false;  //!< 常時介護を要し意思疎通に著しい支障がある (重度障害者等包括支援の対象像)
};

//! The suggestion shown when a period is entered. Never a decision: the municipality decides.
struct Suggestion {
    std::optional<int> interval_months;      //!< shortest applicable period; nullopt when nothing applies
    int initial_monthly_months = 0;          //!< 3 after a new or largely changed plan, else 0
    std::vector<std::string> reasons_ja;     //!< one line per applicable rule, for display
    std::vector<std::string> unknown_kinds;  //!< codes not in the table (ignored)
};

//! The standard-period suggestion for the kinds of service used and the situation. The shortest
//! applicable period wins. The monthly rule for people needing intensive support applies only to
//! people living at home (在宅) or using 地域定着支援, as in the 施行規則.
Suggestion Suggest(const std::vector<std::string>& service_kinds, const Situation& situation);

//! A suggestion turned into versions, counted from `start` (the plan or decision month) up to
//! `last` (the decision period's last month). The monthly phase covers start .. start+2 (the
//! decision month itself may count, MHLW Q&A 2017; pass the next month to start later); the
//! steady interval N then continues N months after the last monitored month. E.g. 6-monthly after
//! a new plan, 2026-04 .. 2027-03: {1, 2026-04, 2026-06}, {6, 2026-12, 2027-03}. Without a monthly
//! phase the first monitoring is start + N, as in Schedule's simple form. Empty when the
//! suggestion has no interval or last < start.
std::vector<MonitoringPeriodVersion> SuggestedVersions(const Suggestion& s, YearMonth start, YearMonth last);

}  // namespace tsunagu::monitoring
