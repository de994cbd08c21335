#include "task/task.hpp"

#include <gtest/gtest.h>

#include "alert/alert.hpp"

namespace tsunagu::task {
namespace {

TEST(TaskOverdue, OpenAndDueBeforeToday) {
    Task t;
    t.due = "2026-05-31";
    EXPECT_FALSE(IsOverdue(t, "2026-05-31"));  // due today is not yet overdue
    EXPECT_TRUE(IsOverdue(t, "2026-06-01"));
    t.status = "done";
    EXPECT_FALSE(IsOverdue(t, "2026-06-01"));
    t.status = "cancelled";
    EXPECT_FALSE(IsOverdue(t, "2026-06-01"));
}

TEST(TaskStatus, DoneOrCancelledNeedAResultAndSetDoneOn) {
    Task t;
    EXPECT_EQ(ApplyStatus(t, "done", "", "2026-06-01"), "result");
    EXPECT_EQ(t.status, "open");
    EXPECT_EQ(ApplyStatus(t, "cancelled", "", "2026-06-01"), "result");
    EXPECT_EQ(ApplyStatus(t, "done", "週3日通所できた", "2026-06-01"), "");
    EXPECT_EQ(t.status, "done");
    EXPECT_EQ(t.done_on, "2026-06-01");
    EXPECT_EQ(t.result, "週3日通所できた");
    EXPECT_EQ(ApplyStatus(t, "open", "", "2026-06-02"), "");  // reopened: no longer done
    EXPECT_EQ(t.done_on, "");
    EXPECT_EQ(ApplyStatus(t, "", "", "2026-06-02"), "status");
}

TEST(TaskAlerts, OpenTasksPastDueAreTaskOverdueAlerts) {
    using calendar::Date;
    alert::PersonDates p;
    p.person_id = 3;
    p.open_tasks = {
        {11, *Date::Parse("2026-05-30")}, {12, *Date::Parse("2026-05-31")}, {13, *Date::Parse("2026-06-10")}};
    const auto alerts = alert::BuildAlerts({p}, *Date::Parse("2026-05-31"));
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].kind, alert::AlertKind::kTaskOverdue);
    EXPECT_EQ(alert::KindCode(alerts[0].kind), "task_overdue");
    EXPECT_EQ(alert::EntityCode(alerts[0].entity), "task");
    EXPECT_EQ(alerts[0].entity_id, 11);
    EXPECT_EQ(alerts[0].days_left, -1);
}

}  // namespace
}  // namespace tsunagu::task
