#pragma once
// タスク: an agreement of a meeting (合意事項) or a task added by hand — who does what by when,
// and how to tell it is done (評価指標). Open tasks past their due date are overdue (alerts,
// 運営指導チェック). A task belongs to a person, or (person_id 0) to a transfer of its office: the
// follow-up of a person handed to another office (引継ぎ後の状況確認), which names the transfer and
// no person, since the sending office reads nothing of the person any more.
#include <boost/json/fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::task {

struct Task {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;  //!< 0 = a transfer's follow-up (transfer_id), no person
    std::string person_name;
    long long meeting_id = 0;  //!< 0 = added by hand
    int agreement_index = -1;  //!< the agreement of the meeting, -1 = by hand
    std::string text;
    std::string owner;  //!< a participant's name, or the user's name
    long long owner_user_id = 0;
    std::string due;
    std::string measure;          //!< 評価指標
    std::string status = "open";  //!< open | done | cancelled
    std::string done_on;
    std::string result;
    long long created_by = 0;
    std::string created_at;
    std::string updated_at;
    long long transfer_id = 0;            //!< the transfer (of this office) a follow-up is about; 0 = none
    long long transfer_to_office_id = 0;  //!< read: the receiving office of that transfer
    std::string transfer_to_office_name;
    std::string transfer_accepted_at;
};

inline const std::vector<std::string> kStatuses = {"open", "done", "cancelled"};

// --- rules (task_rules.cpp, pure) ---
//! Open and due before `today` (YYYY-MM-DD).
bool IsOverdue(const Task& t, const std::string& today);
//! A change of status: done or cancelled needs a result (結果); done_on follows the status.
//! Returns the field at fault, or "" when the change is fine. Applies it to `t` when fine.
std::string ApplyStatus(Task& t, const std::string& status, const std::string& result, const std::string& today);

// --- store (task_store.cpp); scope in the SQL ---
struct Filter {
    auth::Scope scope;
    std::string status;  //!< "" | open | overdue | done | cancelled
    long long person_id = 0;
    long long owner_user_id = 0;
    std::string today;
    int page = 1;
    int per_page = 50;
};
//! A page of tasks in scope, by due date; `total` gets the count. A specialist's scope holds the
//! tasks of their persons and the person-less tasks (transfer follow-ups) they own.
std::vector<Task> List(storage::Tx& tx, const Filter& f, long long& total);
//! One task in scope (as List).
std::optional<Task> FindInScope(storage::Tx& tx, const auth::Scope& scope, long long id);
long long Insert(storage::Tx& tx, const Task& t);
void UpdateStatus(storage::Tx& tx, const Task& t);
//! Makes the meeting's agreement tasks match `agreements` (index i ↔ task with agreement_index i;
//! content updated, status kept; tasks of removed agreements deleted).
void SyncAgreements(storage::Tx& tx, long long office_id, long long person_id, long long meeting_id,
                    const std::vector<Task>& agreements, long long user_id);
//! The tasks of a meeting's agreements, by agreement index.
std::vector<Task> ForMeeting(storage::Tx& tx, long long office_id, long long meeting_id);
//! (id, due) of the person's open tasks.
std::vector<std::pair<long long, std::string>> OpenDue(storage::Tx& tx, long long office_id, long long person_id);
//! The same for each of `person_ids` (one office) in one statement, by person id (none open: absent).
std::map<long long, std::vector<std::pair<long long, std::string>>> OpenDueOf(storage::Tx& tx, long long office_id,
                                                                              const std::vector<long long>& person_ids);

// --- shared input (task_api.cpp) ---
//! Reads `owner` (a name, or a user id as a number) and `owner_user_id` of `o` (fields prefixed
//! `prefix`): a user id must be an active staff member of the office (400 otherwise); the owner's
//! name then defaults to the user's. An empty owner is left for the caller's required check.
void ReadOwner(storage::Tx& tx, long long office_id, const boost::json::object& o, const std::string& prefix,
               std::string& owner, long long& owner_user_id);

// --- handlers (task_api.cpp) ---
http::Response CreateApi(http::Context& ctx);  //!< POST /persons/{id}/tasks
http::Response ListApi(http::Context& ctx);    //!< GET /tasks
http::Response PatchApi(http::Context& ctx);   //!< PATCH /tasks/{tid}

}  // namespace tsunagu::task
