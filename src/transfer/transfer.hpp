#pragma once
// 引継ぎ (issue 14): a person handed from one office to another. The sender asks (pending) with a
// consent that names the receiving office; the receiving office's chief accepts (the person and
// every record of theirs move, in one write transaction) or declines. On accept a follow-up task
// (引継ぎ後の状況確認) is due 30 days later, so a referral is never dropped: a task of the SENDING
// office for the sender's specialist, naming the transfer and no person (tasks.transfer_id, 0021).
#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::transfer {

struct Transfer {
    long long id = 0;
    long long office_id = 0;  //!< the sending office
    std::string office_name;
    long long person_id = 0;
    std::string person_name;  //!< only for the offices involved (the person's own office)
    long long to_office_id = 0;
    std::string to_office_name;
    std::string reason;
    long long consent_id = 0;
    std::string handover_note;
    std::string status = "pending";  //!< pending | accepted | declined
    long long requested_by = 0;
    std::string requested_at;
    long long sender_specialist_id = 0;
    long long decided_by = 0;
    std::string decided_at;
    std::string decline_reason;
    long long assignee_id = 0;
    long long follow_up_task_id = 0;
};

inline constexpr int kFollowUpDays = 30;
inline const std::string kFollowUpText = "引継ぎ後の状況確認";
inline const std::string kFollowUpMeasure = "引継ぎ先で支援が続いていることを確認する";

// --- rules (transfer_rules.cpp, pure) ---
//! Whether a consent's scope (as stored: a JSON array) names the receiving office — its exact name
//! as a string item, or an object {"office_id": n}.
bool ScopeNamesOffice(const std::string& scope_json, long long office_id, const std::string& office_name);
//! Whether the receiving office is reachable from the sender: when the sender belongs to regions,
//! the receiver must share one; an office of no region reaches every office of the database.
bool Reachable(const std::vector<long long>& sender_regions, const std::vector<long long>& receiver_regions);
//! The follow-up's due date: kFollowUpDays after the day the receiving office accepted (JST).
calendar::Date FollowUpDue(calendar::Date accepted_on);
//! The follow-up's text: the neutral title and the transfer's reference (its id, the receiving office,
//! the day of acceptance) — never the person, whom the sending office may no longer read.
std::string FollowUpText(long long transfer_id, const std::string& to_office_name, const std::string& accepted_on);
//! Who owns the follow-up: the sender's specialist while an active staff member of the sending
//! office, otherwise the staff member who asked for the transfer.
long long FollowUpOwner(long long sender_specialist_id, bool sender_active, long long requested_by);

// --- store (transfer_store.cpp) ---
long long Insert(storage::Tx& tx, const Transfer& t);
//! A transfer the office sent or receives; nullopt otherwise.
std::optional<Transfer> FindFor(storage::Tx& tx, long long office_id, long long id);
//! The person's pending transfer in the office, if any.
std::optional<Transfer> PendingFor(storage::Tx& tx, long long office_id, long long person_id);
//! Transfers the office receives (incoming) or sent (outgoing), newest first, paged.
std::vector<Transfer> List(storage::Tx& tx, long long office_id, bool incoming, const std::string& status, int page,
                           int per_page, long long& total);
void Decide(storage::Tx& tx, const Transfer& t);
//! Moves the person and every row of theirs (each table with person_id and office_id, and the rows
//! of note_corrections and abuse_followups under them) from `from` to `to`; the assignees become
//! `assignee`. Call inside one write transaction.
void MovePerson(storage::Tx& tx, long long from, long long to, long long person_id, long long assignee);
//! An open follow-up past its due date (its task id, due date and the receiving office).
struct OverdueFollowUp {
    long long task_id = 0;
    std::string due, to_office_name;
};
//! The office's open follow-ups due before `today`, by due date; `owner` 0 = every owner.
std::vector<OverdueFollowUp> OverdueFollowUps(storage::Tx& tx, long long office_id, long long owner,
                                              const std::string& today);
//! The raw scope JSON of a consent of the person (empty when absent), with its dates.
struct ConsentRow {
    std::string scope, given_on, expires_on, withdrawn_on;
};
std::optional<ConsentRow> ConsentOf(storage::Tx& tx, long long office_id, long long person_id, long long consent_id);

// --- office-level alerts (transfer_api.cpp) ---
//! Overdue follow-ups as alerts of kind task_overdue without a person (the /alerts shape; entity
//! `task`): the caller's own, every one of the office for a chief; `kind` "" or task_overdue.
std::vector<boost::json::object> FollowUpAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                                const std::string& kind);

// --- handlers (transfer_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListForPersonApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response OfficesApi(http::Context& ctx);
http::Response AcceptApi(http::Context& ctx);
http::Response DeclineApi(http::Context& ctx);

}  // namespace tsunagu::transfer
