#pragma once
// 内部監査 (issue 15): a quarterly self-audit of the office against a checklist kept as data
// (internal_audit_items.hpp): records (the 運営指導チェック codes, sampled), consent forms, 運営規程,
// personal-data handling, 虐待防止措置 and the 業務継続計画 (BCP). An `ng` item's action becomes a
// task when it names a person; a quarter without an audit is `internal_audit_due` for the chief.
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::quality {

//! One line of the checklist (data: internal_audit_items.hpp).
struct AuditItemDef {
    const char* code;
    const char* area;  //!< records | consent | rules | privacy | abuse_prevention | bcp
    const char* text_ja;
};
//! The checklist.
const std::vector<AuditItemDef>& InternalAuditItems();

struct AuditItemResult {
    std::string code, result, note;  //!< result: ok | ng | na
    std::string action_text, action_owner, action_due, action_measure;
    long long action_person_id = 0;
    long long task_id = 0;
};
struct InternalAudit {
    long long id = 0;
    long long office_id = 0;
    std::string date;
    std::vector<AuditItemResult> items;
    long long created_by = 0;
    std::string created_at;
};

// --- rules (internal_audit_rules.cpp, pure) ---
//! The deadline `internal_audit_due` names on `today`, if the office is due: the end of the previous
//! quarter when that quarter had no audit (overdue), else the end of this quarter from its last month
//! when this quarter has none yet. `last` is the date of the latest audit. Quarters: Apr–Jun, Jul–Sep,
//! Oct–Dec, Jan–Mar.
std::optional<calendar::Date> InternalAuditDue(std::optional<calendar::Date> last, calendar::Date today);

// --- store (internal_audit_store.cpp) ---
long long InsertInternalAudit(storage::Tx& tx, const InternalAudit& a);
std::vector<InternalAudit> ListInternalAudits(storage::Tx& tx, long long office_id, int page, int per_page,
                                              long long& total);
std::string LastInternalAudit(storage::Tx& tx, long long office_id);

// --- handlers (internal_audit_api.cpp) ---
http::Response CreateInternalAuditApi(http::Context& ctx);  //!< POST /internal-audits (chief)
http::Response ListInternalAuditsApi(http::Context& ctx);   //!< GET /internal-audits
http::Response InternalAuditItemsApi(http::Context& ctx);   //!< GET /internal-audits/items

}  // namespace tsunagu::quality
