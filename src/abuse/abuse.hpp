#pragma once
// 虐待の通報 (障害者虐待防止法 第7条・第16条・第22条): whoever finds a person with a disability who
// seems to be abused must report it to the municipality at once. Reporting is a legal duty: it never
// needs the person's consent, and a report is never edited or deleted — follow-ups are appended.
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::abuse {

//! 虐待の種別: 身体的 性的 心理的 ネグレクト 経済的.
inline const std::vector<std::string> kKinds = {"physical", "sexual", "psychological", "neglect", "economic"};
//! 虐待の主体: 養護者 施設従事者 使用者 その他.
inline const std::vector<std::string> kActors = {"family", "facility_staff", "employer", "other"};

//! A follow-up (経過) or the closing (終結) of a report.
struct Followup {
    long long id = 0;
    std::string kind;  //!< followup | close
    std::string date;
    std::string text;  //!< what happened; for a close, the reason
    long long created_by = 0;
    std::string created_by_name;
    std::string created_at;
};

//! 虐待通報記録: what was observed, and when, to whom and by whom it was reported.
struct Report {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::vector<std::string> kinds;
    std::string suspected_actor;
    std::string observed;     //!< what was seen or heard, factually
    std::string observed_on;  //!< 確認日
    std::string observed_by;  //!< 確認者
    std::string reported_on;  //!< 通報日
    std::string reported_at;  //!< 通報時刻 HH:MM
    std::string reported_to;  //!< the municipality's 虐待防止センター
    std::string reported_by;  //!< 通報者
    long long created_by = 0;
    std::string created_at;
    std::vector<Followup> followups;  //!< oldest first
};

// --- rules (abuse_rules.cpp) ---
//! "closed" once closed, "followup" once followed up, else "reported".
std::string StatusOf(const std::vector<Followup>& followups);
//! The closing follow-up, if any.
std::optional<Followup> ClosingOf(const std::vector<Followup>& followups);

// --- store (abuse_store.cpp) ---
long long Insert(storage::Tx& tx, const Report& r);
long long InsertFollowup(storage::Tx& tx, long long office_id, long long report_id, const Followup& f);
//! One report of the person with its follow-ups.
std::optional<Report> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! The person's reports, newest first, paged, with their follow-ups.
std::vector<Report> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                  long long& total);
//! (id, reported_on) of the person's reports not closed (alerts).
std::vector<std::pair<long long, std::string>> OpenForPerson(storage::Tx& tx, long long office_id, long long person_id);

// --- handlers (abuse_api.cpp) ---
http::Response CreateApi(http::Context& ctx);    //!< POST /persons/{id}/abuse-reports
http::Response ListApi(http::Context& ctx);      //!< GET /persons/{id}/abuse-reports
http::Response GetApi(http::Context& ctx);       //!< GET /persons/{id}/abuse-reports/{rid}
http::Response FollowupApi(http::Context& ctx);  //!< POST …/{rid}/followups
http::Response CloseApi(http::Context& ctx);     //!< POST …/{rid}/close

}  // namespace tsunagu::abuse
