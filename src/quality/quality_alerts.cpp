// Office-level alerts of the quality domain (issue 15): they name a staff member, not a person,
// and are appended to GET /alerts after the person alerts (caseload::AlertsApi).
#include <boost/json.hpp>

#include "quality/internal_audit.hpp"
#include "quality/supervision.hpp"
#include "quality/training.hpp"
#include "storage/database.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

std::vector<json::object> OfficeAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                       const std::string& kind) {
    std::vector<json::object> out;
    const auto day = calendar::Date::Parse(today);
    if (!day) return out;
    const bool training = kind.empty() || kind == "training_due";
    const bool supervision = kind.empty() || kind == "supervision_due";
    const bool internal_audit = ctx.user.is_chief() && (kind.empty() || kind == "internal_audit_due");
    if (!training && !supervision && !internal_audit) return out;
    auto alert = [&](const char* k, const std::string& date, long long user_id, std::string message) {
        const auto d = calendar::Date::Parse(date);
        out.push_back(json::object{{"kind", k},
                                   {"person_id", nullptr},
                                   {"person_name", nullptr},
                                   {"date", date},
                                   {"days_left", d ? calendar::DaysBetween(*day, *d) : 0},
                                   {"entity", "user"},
                                   {"entity_id", user_id},
                                   {"message", std::move(message)}});
    };
    // A chief sees everyone's deadlines; a specialist their own.
    const auto supervised = supervision ? LastSupervisions(tx, ctx.user.office_id) : std::map<long long, std::string>{};
    for (const StaffCycles& s : OfficeCycles(tx, ctx.user.office_id, *day)) {
        if (!ctx.user.is_chief() && s.user_id != ctx.user.user_id) continue;
        if (training && TrainingDue(s.current, *day))
            alert("training_due", s.current.deadline, s.user_id,
                  (s.current.status == "lapsed" ? "現任研修の期限切れ（初任者研修の再受講が必要）: "
                                                : "現任研修の受講期限が近い: ") +
                      s.name);
        if (training && TrainingDue(s.chief, *day))
            alert("training_due", s.chief.deadline, s.user_id, "主任相談支援専門員更新研修の受講期限: " + s.name);
        if (supervision && s.role == "specialist") {
            const auto found = supervised.find(s.user_id);
            const std::string last = found == supervised.end() ? "" : found->second;
            const auto made = calendar::Date::Parse(s.created_at.substr(0, 10));
            const calendar::Date due = SupervisionDueOn(calendar::Date::Parse(last), made ? *made : *day);
            if (due < *day)
                alert("supervision_due", due.ToString(), s.user_id, "スーパービジョン（31日以上なし）: " + s.name);
        }
    }
    // A quarter without an internal audit (内部監査) is the chief's to see.
    if (internal_audit) {
        const auto due = InternalAuditDue(calendar::Date::Parse(LastInternalAudit(tx, ctx.user.office_id)), *day);
        if (due)
            out.push_back(json::object{{"kind", "internal_audit_due"},
                                       {"person_id", nullptr},
                                       {"person_name", nullptr},
                                       {"date", due->ToString()},
                                       {"days_left", calendar::DaysBetween(*day, *due)},
                                       {"entity", "office"},
                                       {"entity_id", ctx.user.office_id},
                                       {"message", "内部監査（四半期ごと）"}});
    }
    return out;
}

}  // namespace tsunagu::quality
