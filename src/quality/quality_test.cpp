// Table tests of the quality rules (issue 15): the training cycles, the approval refusals, the
// supervision due day.
#include <gtest/gtest.h>

#include "quality/approval.hpp"
#include "quality/internal_audit.hpp"
#include "quality/review.hpp"
#include "quality/supervision.hpp"
#include "quality/training.hpp"

namespace tsunagu::quality {
namespace {

using calendar::Date;

Date D(const char* s) { return *Date::Parse(s); }
Training T(const char* kind, const char* on) {
    Training t;
    t.kind = kind;
    t.completed_on = on;
    return t;
}

TEST(Training, FiscalYear) {
    EXPECT_EQ(FiscalYearOf(D("2026-03-31")), 2025);
    EXPECT_EQ(FiscalYearOf(D("2026-04-01")), 2026);
    EXPECT_EQ(FiscalYearOf(D("2026-12-31")), 2026);
}

struct CycleCase {
    const char* name;
    std::vector<Training> records;
    const char* today;
    const char* status;
    const char* cycle_end;
    const char* deadline;
};

TEST(Training, CurrentCycleTable) {
    const std::vector<CycleCase> cases = {
        {"no initial", {}, "2026-06-01", "none", "", ""},
        // 初任者 in April 2020 (FY2020): cycle FY2021–FY2025, ends 2026-03-31.
        {"initial in April", {T("initial", "2020-04-01")}, "2024-06-01", "ok", "2026-03-31", "2026-03-31"},
        {"April, last year of the cycle",
         {T("initial", "2020-04-01")},
         "2025-04-01",
         "due",
         "2026-03-31",
         "2026-03-31"},
        {"April, the day before the last year",
         {T("initial", "2020-04-01")},
         "2025-03-31",
         "ok",
         "2026-03-31",
         "2026-03-31"},
        // 初任者 in March 2021 is still FY2020: the same cycle as April 2020.
        {"initial in March", {T("initial", "2021-03-31")}, "2024-06-01", "ok", "2026-03-31", "2026-03-31"},
        // In the fiscal year of 初任者 itself the first cycle has not begun; its end is the deadline.
        {"before the first cycle", {T("initial", "2020-05-10")}, "2021-01-10", "ok", "2026-03-31", "2026-03-31"},
        // 現任 early in the cycle: the next deadline is the end of the next cycle, not 5 years after it.
        {"current early",
         {T("initial", "2020-04-01"), T("current", "2021-05-01")},
         "2025-06-01",
         "ok",
         "2026-03-31",
         "2031-03-31"},
        {"current early, next cycle",
         {T("initial", "2020-04-01"), T("current", "2021-05-01")},
         "2027-01-01",
         "ok",
         "2031-03-31",
         "2031-03-31"},
        {"current early, last year of the next cycle",
         {T("initial", "2020-04-01"), T("current", "2021-05-01")},
         "2030-04-01",
         "due",
         "2031-03-31",
         "2031-03-31"},
        // A cycle without 現任 lapses: 初任者 again.
        {"lapsed", {T("initial", "2020-04-01")}, "2026-04-01", "lapsed", "2026-03-31", "2026-03-31"},
        {"current after the lapse does not help",
         {T("initial", "2020-04-01"), T("current", "2026-05-01")},
         "2026-06-01",
         "lapsed",
         "2026-03-31",
         "2026-03-31"},
        {"initial again restarts",
         {T("initial", "2020-04-01"), T("initial", "2026-06-01")},
         "2026-07-01",
         "ok",
         "2032-03-31",
         "2032-03-31"},
        {"current in the fiscal year of initial counts for nothing",
         {T("initial", "2020-04-01"), T("current", "2020-10-01")},
         "2025-04-02",
         "due",
         "2026-03-31",
         "2026-03-31"},
        {"records after today are ignored",
         {T("initial", "2020-04-01"), T("current", "2025-06-01")},
         "2025-05-01",
         "due",
         "2026-03-31",
         "2026-03-31"},
    };
    for (const auto& c : cases) {
        const CycleState s = CycleOn(c.records, "initial", "current", D(c.today));
        EXPECT_EQ(s.status, c.status) << c.name;
        EXPECT_EQ(s.cycle_end, c.cycle_end) << c.name;
        EXPECT_EQ(s.deadline, c.deadline) << c.name;
        EXPECT_EQ(TrainingDue(s, D(c.today)), std::string(c.status) == "due" || std::string(c.status) == "lapsed")
            << c.name;
    }
}

TEST(Training, ChiefRenewalLikewise) {
    const std::vector<Training> r = {T("chief", "2022-09-01"), T("initial", "2010-04-01")};
    const CycleState s = CycleOn(r, "chief", "chief_renewal", D("2027-06-01"));
    EXPECT_EQ(s.status, "due");
    EXPECT_EQ(s.deadline, "2028-03-31");
    const CycleState renewed = CycleOn({T("chief", "2022-09-01"), T("chief_renewal", "2027-07-01")}, "chief",
                                       "chief_renewal", D("2027-08-01"));
    EXPECT_EQ(renewed.status, "ok");
    EXPECT_EQ(renewed.deadline, "2033-03-31");
}

TEST(Approval, WhoMayApprove) {
    Approval a;
    a.requested_by = 7;
    EXPECT_EQ(ApproveRefusal(a, 8, false, 1), "forbidden");  // a specialist
    EXPECT_EQ(ApproveRefusal(a, 8, true, 1), "");
    EXPECT_EQ(ApproveRefusal(a, 7, true, 1), "own_request");  // another chief exists
    EXPECT_EQ(ApproveRefusal(a, 7, true, 0), "");             // the only chief
    a.status = "returned";
    EXPECT_EQ(ApproveRefusal(a, 8, true, 1), "approval_state");
}

TEST(Supervision, DueAfter31Days) {
    EXPECT_EQ(SupervisionDueOn(D("2026-01-01"), D("2020-01-01")), D("2026-02-01"));
    EXPECT_EQ(SupervisionDueOn(std::nullopt, D("2026-03-01")), D("2026-04-01"));
}

TEST(CaseReview, SuggestionsTable) {
    auto in = [](long long id, const char* last, bool flag, bool mon, bool task, bool goal) {
        SuggestionInput s;
        s.person_id = id;
        s.person_name = "p" + std::to_string(id);
        s.last_reviewed = last;
        s.redflag_raised = flag;
        s.monitoring_overdue = mon;
        s.task_overdue = task;
        s.goal_unmet_twice = goal;
        return s;
    };
    const std::vector<SuggestionInput> cases = {
        in(1, "2026-05-01", false, false, false, false),  // reviewed recently
        in(2, "", false, false, false, false),            // never reviewed
        in(3, "2025-01-01", false, false, false, false),  // long ago
        in(4, "2026-06-01", false, false, true, false),   // a task overdue
        in(5, "2026-06-01", true, false, false, false),   // a raised red flag
        in(6, "2026-06-01", false, false, false, true),   // goal unmet twice
        in(7, "2026-06-01", false, true, false, false),   // monitoring overdue
    };
    const auto s = Suggest(cases, 5);
    ASSERT_EQ(s.size(), 5u);
    struct Want {
        long long id;
        std::vector<std::string> reasons;
    };
    const std::vector<Want> want = {
        {5, {"redflag_raised", "longest_since_review"}},
        {4, {"task_overdue", "longest_since_review"}},
        {7, {"monitoring_overdue", "longest_since_review"}},
        {6, {"goal_unmet_twice", "longest_since_review"}},
        {2, {"never_reviewed"}},
    };
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(s[i].person_id, want[i].id) << i;
        EXPECT_EQ(s[i].reasons, want[i].reasons) << i;
    }
    // Among the rest, the longest since review comes before the recent one.
    const auto all = Suggest(cases, 10);
    EXPECT_EQ(all[5].person_id, 3);
    EXPECT_EQ(all[6].person_id, 1);
    EXPECT_TRUE(Suggest({}, 5).empty());
}

TEST(CaseReview, GoalUnmetTwice) {
    EXPECT_TRUE(GoalUnmetTwice({{0, "達成"}, {1, "未達成"}}, {{1, "未達成"}}));
    EXPECT_FALSE(GoalUnmetTwice({{0, "未達成"}}, {{1, "未達成"}}));  // different goals
    EXPECT_FALSE(GoalUnmetTwice({{0, "未達成"}}, {{0, "一部達成"}}));
    EXPECT_FALSE(GoalUnmetTwice({}, {}));
}

TEST(InternalAudit, QuarterlyDueTable) {
    struct Case {
        const char* name;
        std::optional<const char*> last;
        const char* today;
        const char* due;  // "" = not due
    };
    const std::vector<Case> cases = {
        {"done this quarter", "2026-04-10", "2026-06-20", ""},
        {"last quarter done, early in this one", "2026-03-15", "2026-04-20", ""},
        {"last quarter done, last month of this one", "2026-03-15", "2026-06-01", "2026-06-30"},
        {"previous quarter missed", "2025-12-01", "2026-04-20", "2026-03-31"},
        {"never, early in the quarter", std::nullopt, "2026-10-05", ""},
        {"never, last month", std::nullopt, "2026-12-01", "2026-12-31"},
        {"year boundary", "2026-09-30", "2027-01-02", "2026-12-31"},
    };
    for (const auto& c : cases) {
        const auto due = InternalAuditDue(c.last ? std::optional<Date>(D(*c.last)) : std::nullopt, D(c.today));
        EXPECT_EQ(due ? due->ToString() : "", c.due) << c.name;
    }
    EXPECT_GE(InternalAuditItems().size(), 10u);
}

}  // namespace
}  // namespace tsunagu::quality
