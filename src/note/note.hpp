#pragma once
// 支援経過記録: a record of every contact with or about a person (visit, call, meeting …), with
// the person's own words first, SOAP, ICF viewpoints, the goals it concerns, and the next step.
// Editable by its author for 24 hours; after that only corrections (訂正) are appended.
// 意思決定支援 (decision-making support) is recorded on a note.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::note {

inline const std::vector<std::string> kContactKinds = {"visit",   "office", "phone",  "accompany",
                                                       "meeting", "online", "letter", "other"};
inline const std::vector<std::string> kTimeCategories = {"interview", "coordination", "records", "reflection"};
inline const std::vector<std::string> kIcf = {"body_functions", "activities", "participation", "environmental",
                                              "personal"};
//! Seconds after creation during which the author may edit a note.
inline constexpr std::time_t kEditableSeconds = 24 * 3600;
inline constexpr std::size_t kMaxNextStepChars = 200;
inline constexpr std::size_t kMaxTextChars = 4000;

struct Soap {
    std::string s, o, a, p;  //!< 主観・客観・評価・計画
};
//! A goal of one of the person's plans: plans.id and the 0-based row of its needs.
struct GoalRef {
    long long plan_id = 0;
    int need_index = 0;
};
//! 意思決定支援: what was to be decided, how the person's will was supported, and who decided.
struct DecisionSupport {
    std::string matter;   //!< 決めること
    std::string methods;  //!< 意思形成・表明の支援の方法
    std::string options;  //!< 選択肢
    std::string choice;   //!< 本人の選択（本人の言葉で）
    bool substitute = false;
    std::string substitute_by;
    std::string reason;  //!< required when substitute
};
struct Correction {
    long long id = 0;
    std::string text;
    std::string reason;
    long long author_id = 0;
    std::string author_name;
    std::string created_at;
};

struct Note {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string date;
    std::string time;  //!< HH:MM or ""
    std::string contact_kind;
    std::string place;
    int minutes = 0;  //!< 0 = not given
    std::string time_category;
    std::vector<std::string> participants;
    std::string own_words;
    Soap soap;
    std::vector<std::string> icf;
    std::vector<GoalRef> goal_refs;
    std::string next_step;
    std::optional<DecisionSupport> decision_support;
    long long author_id = 0;
    std::string author_name;
    std::string created_at;
    std::string updated_at;
    std::vector<Correction> corrections;
};

// --- rules (note_rules.cpp, pure) ---
//! Seconds since the epoch of an ISO 8601 UTC timestamp ("2026-11-25T21:30:00Z"); nullopt if malformed.
std::optional<std::time_t> ParseTimestamp(const std::string& iso);
//! True when a note created at `created_at` may no longer be edited at `now` (24 hours passed,
//! or a malformed timestamp: fail closed).
bool IsLocked(const std::string& created_at, std::time_t now);
//! The text the search index holds for a note: every field written by hand, corrections included.
std::string SearchText(const Note& n);

// --- store (note_store.cpp); every query is limited to the office ---
//! Inserts and indexes a note; created_at is now unless set (the demo office back-dates).
long long Insert(storage::Tx& tx, const Note& n);
void Update(storage::Tx& tx, const Note& n);
std::optional<Note> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
struct ListFilter {
    std::string from, to, contact_kind;
    int page = 1;
    int per_page = 50;
};
struct ListResult {
    std::vector<Note> items;
    long long total = 0;
};
//! The person's notes, newest first (date, time, id), paged in SQL.
ListResult List(storage::Tx& tx, long long office_id, long long person_id, const ListFilter& f);
//! Every note of the person from..to (for print), oldest first; at most `limit` + 1 rows.
std::vector<Note> ForPrint(storage::Tx& tx, long long office_id, long long person_id, const std::string& from,
                           const std::string& to, int limit);
long long AddCorrection(storage::Tx& tx, long long office_id, long long note_id, const Correction& c);
//! Re-indexes a note (after an edit or a correction) in the caller's transaction.
void Reindex(storage::Tx& tx, const Note& n);

struct DecisionRow {
    Note note;
    std::string person_name;
};
//! Notes carrying decision support in `scope`, newest first; `substitute_only` limits to 代行決定.
std::vector<DecisionRow> ListDecisionSupport(storage::Tx& tx, const auth::Scope& scope, bool substitute_only, int page,
                                             int per_page, long long& total);

// --- handlers (note_api.cpp, note_print.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response CorrectApi(http::Context& ctx);
http::Response DecisionSupportApi(http::Context& ctx);
//! GET /print/persons/{id}/notes?from=&to=: 支援経過記録 as A4 HTML.
http::Response PrintNotesApi(http::Context& ctx);

}  // namespace tsunagu::note
