#pragma once
// ケースレビュー (issue 15): the monthly mini review, the quarterly inventory of a specialist's
// cases and debriefs after serious incidents; and suggestions for the next mini review, each with
// its reasons (pure, table-tested).
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"
#include "monitoring/monitoring_record.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::quality {

inline const std::vector<std::string> kReviewKinds = {"mini", "inventory", "debrief"};
inline const std::vector<std::string> kReviewDecisions = {"continue", "change_plan", "close", "transfer", "escalate"};

struct ReviewCase {
    long long person_id = 0;
    std::string person_name;
    std::string summary, decision, actions;
};

struct CaseReview {
    long long id = 0;
    long long office_id = 0;
    std::string date, kind;
    std::vector<std::string> participants;
    long long covers_user_id = 0;  //!< inventory: the specialist whose cases it covers
    std::vector<ReviewCase> cases;
    long long created_by = 0;
    std::string created_at;
};

//! What the suggestion rules know of one case.
struct SuggestionInput {
    long long person_id = 0;
    std::string person_name;
    std::string last_reviewed;  //!< "" = never reviewed
    bool redflag_raised = false;
    bool goal_unmet_twice = false;  //!< a goal 未達成 at the last two monitorings
    bool monitoring_overdue = false;
    bool task_overdue = false;
};
struct Suggestion {
    long long person_id = 0;
    std::string person_name;
    std::vector<std::string> reasons;  //!< redflag_raised | monitoring_overdue | task_overdue | goal_unmet_twice |
                                       //!< never_reviewed | longest_since_review
    std::string last_reviewed;
};

// --- rules (review_rules.cpp, pure) ---
//! Up to `limit` cases for the next mini review: raised red flags first, then overdue monitorings or
//! tasks, then goals unmet twice, then the longest since last reviewed (never first); ties by person.
std::vector<Suggestion> Suggest(const std::vector<SuggestionInput>& cases, std::size_t limit);
//! A goal (need row) rated 未達成 at both monitorings. `last` and `before` are (need_index, achievement).
bool GoalUnmetTwice(const std::vector<std::pair<int, std::string>>& last,
                    const std::vector<std::pair<int, std::string>>& before);
//! The same for two monitorings, the newest first (kept with the per-person facts).
bool GoalUnmetAtLastTwo(const monitoring::MonitoringReport& last, const monitoring::MonitoringReport& before);

// --- store (review_store.cpp) ---
long long InsertReview(storage::Tx& tx, const CaseReview& r);
//! A page of reviews: the office's (`user` 0) or those `user` wrote or that cover them.
std::vector<CaseReview> ListReviews(storage::Tx& tx, long long office_id, long long user, int page, int per_page,
                                    long long& total);
//! (id, name) of the active persons assigned to `user_id`, by kana.
std::vector<std::pair<long long, std::string>> ActiveCasesOf(storage::Tx& tx, long long office_id, long long user_id);
//! An open monitoring month of the person whose due date is before `today` (per-person facts).
bool MonitoringOverdue(storage::Tx& tx, long long office_id, long long person_id, const std::string& today);
//! The last review date of the person, "" for none.
std::string LastReviewed(storage::Tx& tx, long long office_id, long long person_id);
//! The cases Suggest() needs to see to answer as it would over the whole caseload: for each rank
//! (a raised red flag; an overdue monitoring or task; a goal unmet twice; any case), the first
//! `limit` active persons in scope of that kind by last review (never first) and id, each with what
//! the rules look at. A case among the first `limit` of all is among the first `limit` of its own
//! kind (everything before it there is before it overall), so Suggest over these gives the same.
//! Read from the per-person facts and indexes: no read per person of the office.
std::vector<SuggestionInput> SuggestionCandidates(storage::Tx& tx, const auth::Scope& scope, const std::string& today,
                                                  std::size_t limit);

// --- handlers (review_api.cpp) ---
http::Response CreateReviewApi(http::Context& ctx);  //!< POST /case-reviews
http::Response ListReviewsApi(http::Context& ctx);   //!< GET /case-reviews
http::Response SuggestionsApi(http::Context& ctx);   //!< GET /case-reviews/suggestions

}  // namespace tsunagu::quality
