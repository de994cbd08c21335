#pragma once
// 終結 (closure of a case), office settings of chief approval (承認), and approvals (issue 15).
// A step the office marks in `approval_required` becomes a request (202 `pending_approval`) that a
// chief approves — then it is applied as it was asked — or returns with a comment.
#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::quality {

//! The steps an office may put under approval.
inline const std::vector<std::string> kApprovalSteps = {"plan_issue", "closure"};
//! Why a case ends (終結理由).
inline const std::vector<std::string> kClosureReasons = {"moved",    "long_term_care", "death", "goal_reached",
                                                         "transfer", "hospital_long",  "other"};
inline const std::vector<std::string> kApprovalStatuses = {"pending", "approved", "returned"};

struct Approval {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string person_name;
    std::string kind;  //!< plan_issue | closure
    long long entity_id = 0;
    std::string payload = "{}";  //!< the request body (JSON)
    std::string status = "pending";
    long long requested_by = 0;
    std::string requested_by_name, requested_at;
    long long decided_by = 0;
    std::string decided_by_name, decided_at, comment;
};

// --- rules (approval_rules.cpp, pure) ---
//! Why `approver` may not approve `a`: "" when they may; `forbidden` (not a chief), `approval_state`
//! (already decided) or `own_request` (their own request while the office has another active chief).
std::string ApproveRefusal(const Approval& a, long long approver_id, bool approver_is_chief, int other_chiefs);

// --- store (approval_store.cpp) ---
std::vector<std::string> RequiredSteps(storage::Tx& tx, long long office_id);
void SetRequiredSteps(storage::Tx& tx, long long office_id, const std::vector<std::string>& steps);
bool IsRequired(storage::Tx& tx, long long office_id, const std::string& step);
long long Insert(storage::Tx& tx, const Approval& a);
std::optional<Approval> Find(storage::Tx& tx, long long office_id, long long id);
//! A page of approvals of the office, newest first; `requested_by` 0 = anyone, `status` "" = any.
std::vector<Approval> List(storage::Tx& tx, long long office_id, long long requested_by, const std::string& status,
                           int page, int per_page, long long& total);
void Decide(storage::Tx& tx, const Approval& a);
//! A pending request of this kind for the person (and entity) exists.
bool HasPending(storage::Tx& tx, long long office_id, long long person_id, const std::string& kind,
                long long entity_id);
//! Active chiefs of the office other than `user_id`.
int OtherChiefs(storage::Tx& tx, long long office_id, long long user_id);
//! Stores a closure or reopening of the person and sets the person's status.
void SaveClosure(storage::Tx& tx, long long office_id, long long person_id, const std::string& action,
                 const std::string& date, const std::string& reason, const std::string& note, long long approval_id,
                 long long user_id);

// --- the gate, for other domains (approval_api.cpp) ---
//! When the office requires approval of `kind`, stores a request carrying `body` and answers 202
//! {status: pending_approval, approval}; nullopt when the step may go ahead now.
std::optional<http::Response> RequestIfRequired(storage::Tx& tx, const http::Context& ctx, const std::string& kind,
                                                long long person_id, long long entity_id,
                                                const boost::json::object& body);

// --- handlers ---
http::Response GetSettingsApi(http::Context& ctx);    //!< GET /offices/{oid}/settings (settings_api.cpp)
http::Response PatchSettingsApi(http::Context& ctx);  //!< PATCH /offices/{oid}/settings
http::Response CloseApi(http::Context& ctx);          //!< POST /persons/{id}/close (closure_api.cpp)
http::Response ReopenApi(http::Context& ctx);         //!< POST /persons/{id}/reopen
http::Response ListApprovalsApi(http::Context& ctx);  //!< GET /approvals (approval_api.cpp)
http::Response ApproveApi(http::Context& ctx);        //!< POST /approvals/{aid}/approve
http::Response ReturnApi(http::Context& ctx);         //!< POST /approvals/{aid}/return

//! Applies a closure (validated body) to a person in scope; the close route and approvals use it.
void ApplyClosure(storage::Tx& tx, const http::Context& ctx, long long person_id, const boost::json::object& body,
                  long long approval_id);
//! The validated closure body (date, reason, note); 400 naming the field.
boost::json::object ClosureBody(const boost::json::object& body);

}  // namespace tsunagu::quality
