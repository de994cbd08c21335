#pragma once
// 運営指導チェック: the steps of 計画相談支援 that inspections (運営指導) check most, as findings
// per person. The findings are a pure function of per-person facts (compliance_rules.cpp); the
// facts are loaded for one page of persons at a time, with the scope in the SQL (compliance_store.cpp).
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "decision/decision.hpp"
#include "http/context.hpp"
#include "plan/plan.hpp"

namespace tsunagu::storage {
class Tx;
}
namespace tsunagu::auth {
struct Scope;
}

namespace tsunagu::compliance {

//! A plan hand-over (交付) or a 個別支援計画 received: who and when.
struct Dated {
    std::string kind;  //!< deliveries: person | family | provider | municipality; provider plans: ""
    std::string name;  //!< recipient or provider
    std::string date;
};

//! What the rules need to know about one plan version.
struct PlanFacts {
    long long id = 0;
    std::string status;   //!< draft | submitted | issued
    bool is_new = false;  //!< the first version (新規), not a revision
    std::string submitted_on;
    std::string issued_on;
    bool draft_consent = false;
    bool conference_held = false;  //!< a service_conference linked and dated within [submitted_on, issued_on]
    bool conference_waived = false;
    std::string assessment_place;        //!< place of the linked assessment, "" = none linked
    std::vector<std::string> providers;  //!< providers named in the plan's services
    std::vector<Dated> deliveries;
    std::vector<Dated> provider_plans;
};

struct MeetingFacts {
    long long id = 0;
    std::string date;
    bool person_attended = true;
    bool absent_reason = false;
};

struct MonitoringFacts {
    long long id = 0;
    long long plan_id = 0;
    std::string date;
    bool visited = true;
};

//! Everything about one person the findings are drawn from.
struct PersonFacts {
    long long person_id = 0;
    std::string person_name;
    std::vector<PlanFacts> plans;
    std::vector<MeetingFacts> meetings;
    std::vector<MonitoringFacts> monitorings;
    long long current_plan_id = 0;
    std::vector<std::string> overdue_monitoring_dates;          //!< due dates (月末) of months not done, past
    std::vector<std::pair<long long, std::string>> open_tasks;  //!< (id, due)
};

//! One thing an inspector would ask about.
struct Finding {
    std::string code;
    std::string entity;  //!< plan | meeting | monitoring | task
    long long entity_id = 0;
    std::string date;
    std::string message;  //!< Japanese
    friend bool operator==(const Finding&, const Finding&) = default;
};

//! Days after issue within which the plan reaches the person and each provider (交付).
inline constexpr int kDeliveryDays = 14;
//! Days after issue within which each provider's 個別支援計画 is received.
inline constexpr int kProviderPlanDays = 60;

//! Every code the rules produce (docs, UI).
inline const std::vector<std::string> kCodes = {
    "draft_consent_missing",     "conference_missing",    "person_absent_unexplained", "delivery_missing",
    "provider_delivery_missing", "provider_plan_missing", "assessment_not_at_home",    "monitoring_without_visit",
    "monitoring_overdue",        "task_overdue"};

// --- rules (compliance_rules.cpp, pure) ---
//! The facts of one plan version from its records: the place of its assessment ("" = none), the dates
//! of its linked service conferences, its 交付 and the 個別支援計画 received (the last three are
//! looked at only once the plan is issued).
PlanFacts PlanFactsOf(const plan::Plan& p, const std::string& assessment_place,
                      const std::vector<std::string>& conference_dates, const std::vector<plan::Delivery>& deliveries,
                      const std::vector<plan::ProviderPlan>& provider_plans);
//! The due dates (月末) of the current plan's monitoring months that are past and not `done`, by the
//! same schedule as the home screen (caseload::ScheduleFor); nullopt when the plan and the decision
//! give no schedule.
std::optional<std::vector<std::string>> OverdueMonitorings(const plan::Plan& current, const decision::Decision& d,
                                                           const std::vector<calendar::Date>& done,
                                                           calendar::Date today);
//! Findings of one person on `today`, ordered by date then code.
std::vector<Finding> FindingsOf(const PersonFacts& p, calendar::Date today);

// --- store (compliance_store.cpp) ---
struct Page {
    std::vector<PersonFacts> persons;
    long long total = 0;
};
//! Facts of one page of the persons in `scope` (by kana), or of the one person `person_id` in scope.
Page Load(storage::Tx& tx, const auth::Scope& scope, long long person_id, int page, int per_page, calendar::Date today);

// --- handlers (compliance_api.cpp) ---
http::Response ListApi(http::Context& ctx);  //!< GET /api/v1/compliance

}  // namespace tsunagu::compliance
