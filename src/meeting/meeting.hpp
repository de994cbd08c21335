#pragma once
// 会議 (サービス担当者会議, ケース会議, 退院前カンファレンス …) of one person: who came, what was
// discussed and concluded, and the agreements — each with an owner, a deadline and a measure —
// which become tasks (src/task). The first meeting of a case may hold the 合意形成シート.
#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"
#include "plan/plan.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::meeting {

//! 出席者: name, organisation (所属), role, and whether they came.
struct Participant {
    std::string name;
    std::string organisation;
    std::string role;
    bool attended = true;
};

//! One participant's opinion (各出席者の意見).
struct Opinion {
    std::string participant;
    std::string opinion;
};

//! 合意事項: what, who (a participant's name, or a user of the office), by when, and how to tell.
struct Agreement {
    std::string text;
    std::string owner;            //!< a participant's name, or the user's name
    long long owner_user_id = 0;  //!< 0 = not a user of the office
    std::string due;              //!< 期限
    std::string measure;          //!< 評価指標
};

//! 合意形成シート: the shared understanding written at the start of a case.
struct ConsensusSheet {
    std::string purpose;              //!< 支援の目的
    std::string roles;                //!< 役割分担
    std::string risks;                //!< リスクと対応
    std::string contact_arrangement;  //!< 連絡体制
};

struct Meeting {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string kind;              //!< service_conference | case_conference | discharge_conference | other
    std::string status = "draft";  //!< draft | finalised
    std::string date;
    std::string start;  //!< HH:MM or ""
    std::string end;
    std::string place;
    long long plan_id = 0;  //!< the plan discussed, 0 = none
    std::vector<Participant> participants;
    bool person_attended = true;
    std::string person_absent_reason;
    std::string agenda;      //!< 検討した項目
    std::string discussion;  //!< 検討内容
    std::vector<Opinion> opinions;
    std::string conclusion;        //!< 結論
    std::string remaining_issues;  //!< 残された課題
    std::vector<Agreement> agreements;
    std::optional<ConsensusSheet> consensus_sheet;
    long long author_id = 0;
    std::string author_name;
    std::string finalised_on;
    std::string created_at;
    std::string updated_at;
};

inline const std::vector<std::string> kKinds = {"service_conference", "case_conference", "discharge_conference",
                                                "other"};
inline constexpr std::size_t kMaxParticipants = 50;
inline constexpr std::size_t kMaxAgreements = 50;

// --- rules (meeting_rules.cpp, pure) ---
//! Japanese name of a kind (print, messages).
std::string KindNameJa(const std::string& kind);
//! The rules a saved meeting keeps: an absent person's reason, start before end, and every
//! agreement with its text, owner, due date and measure (field named as in API errors).
std::optional<plan::FieldError> Check(const Meeting& m);
//! Participants / opinions / agreements / sheet in their API (and storage) JSON shape.
boost::json::array ParticipantsJson(const std::vector<Participant>& v);
boost::json::array OpinionsJson(const std::vector<Opinion>& v);
boost::json::array AgreementsJson(const std::vector<Agreement>& v);
boost::json::value SheetJson(const std::optional<ConsensusSheet>& s);
//! Reads the stored shapes back (malformed → empty).
std::vector<Participant> ParticipantsFrom(const std::string& text);
std::vector<Opinion> OpinionsFrom(const std::string& text);
std::vector<Agreement> AgreementsFrom(const std::string& text);
std::optional<ConsensusSheet> SheetFrom(const std::string& text);
//! What the search finds a meeting by (場所・検討した項目・検討内容・結論・残された課題・合意事項):
//! the text the store indexes on every save, and `generate` with each generated meeting.
std::string SearchText(const Meeting& m);

// --- store (meeting_store.cpp); every query limited to the office (and the person) ---
long long Insert(storage::Tx& tx, const Meeting& m);
void Update(storage::Tx& tx, const Meeting& m);
std::optional<Meeting> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
std::optional<Meeting> FindInOffice(storage::Tx& tx, long long office_id, long long id);
//! A page of the person's meetings, newest first; `total` gets the count.
std::vector<Meeting> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                   long long& total);
//! True when the person has a meeting other than `except_id` dated before `date` (or the same day, earlier id).
bool HasEarlierMeeting(storage::Tx& tx, long long office_id, long long person_id, const std::string& date,
                       long long except_id);

// --- handlers (meeting_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response FinaliseApi(http::Context& ctx);
//! GET /print/meetings/{mid}: サービス担当者会議の記録 as A4 HTML (meeting_print.cpp).
http::Response PrintApi(http::Context& ctx);

}  // namespace tsunagu::meeting
