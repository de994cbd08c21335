#include <soci/soci.h>

#include "assessment/assessment.hpp"
#include "search/record_texts.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::assessment {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO assessments (office_id, person_id, assessed_on, place, own_words, life_history, family_situation, "
    "health_medical, current_services, income, daily_life, work_school, leisure, strengths, icf_body_functions, "
    "icf_activities, icf_participation, icf_environmental, icf_personal, needs, status, finalised_on, copied_from_id, "
    "author_id, created_at, updated_at) VALUES (:o, :p, :on, NULLIF(:place, ''), :words, NULLIF(:history, ''), "
    "NULLIF(:family, ''), NULLIF(:health, ''), NULLIF(:services, ''), NULLIF(:income, ''), NULLIF(:daily, ''), "
    "NULLIF(:work, ''), NULLIF(:leisure, ''), NULLIF(:strengths, ''), NULLIF(:body, ''), NULLIF(:activities, ''), "
    "NULLIF(:participation, ''), NULLIF(:environmental, ''), NULLIF(:personal, ''), :needs, :status, "
    "NULLIF(:finalised, ''), NULLIF(CAST(:copied AS BIGINT), 0), :author, :now, :now2)";
constexpr const char* kUpdate =
    "UPDATE assessments SET assessed_on = :on, place = NULLIF(:place, ''), own_words = :words, "
    "life_history = NULLIF(:history, ''), family_situation = NULLIF(:family, ''), health_medical = NULLIF(:health, "
    "''), "
    "current_services = NULLIF(:services, ''), income = NULLIF(:income, ''), daily_life = NULLIF(:daily, ''), "
    "work_school = NULLIF(:work, ''), leisure = NULLIF(:leisure, ''), strengths = NULLIF(:strengths, ''), "
    "icf_body_functions = NULLIF(:body, ''), icf_activities = NULLIF(:activities, ''), "
    "icf_participation = NULLIF(:participation, ''), icf_environmental = NULLIF(:environmental, ''), "
    "icf_personal = NULLIF(:personal, ''), needs = :needs, status = :status, finalised_on = NULLIF(:finalised, ''), "
    "updated_at = :now WHERE id = :id AND office_id = :o AND person_id = :p";
constexpr const char* kColumns =
    "SELECT a.id, a.office_id, a.person_id, a.assessed_on, a.place, a.own_words, a.life_history, a.family_situation, "
    "a.health_medical, a.current_services, a.income, a.daily_life, a.work_school, a.leisure, a.strengths, "
    "a.icf_body_functions, a.icf_activities, a.icf_participation, a.icf_environmental, a.icf_personal, a.needs, "
    "a.status, a.finalised_on, a.copied_from_id, a.author_id, u.name AS author_name, a.created_at, a.updated_at "
    "FROM assessments a JOIN users u ON u.id = a.author_id ";
constexpr const char* kList = " WHERE a.office_id = :o AND a.person_id = :p ORDER BY a.assessed_on DESC, a.id DESC";
constexpr const char* kFind = " WHERE a.id = :id AND a.office_id = :o AND a.person_id = :p";
// Followed by the assessments' id list.
constexpr const char* kPlacesOf = "SELECT id, person_id, place FROM assessments WHERE office_id = :o AND id IN ";

Assessment FromRow(const soci::row& r) {
    Assessment a;
    a.id = Int(r, "id");
    a.office_id = Int(r, "office_id");
    a.person_id = Int(r, "person_id");
    a.date = Text(r, "assessed_on");
    a.place = Text(r, "place");
    a.own_words = Text(r, "own_words");
    a.life_history = Text(r, "life_history");
    a.family_situation = Text(r, "family_situation");
    a.health_medical = Text(r, "health_medical");
    a.current_services = Text(r, "current_services");
    a.income = Text(r, "income");
    a.daily_life = Text(r, "daily_life");
    a.work_school = Text(r, "work_school");
    a.leisure = Text(r, "leisure");
    a.strengths = Text(r, "strengths");
    a.icf = {Text(r, "icf_body_functions"), Text(r, "icf_activities"), Text(r, "icf_participation"),
             Text(r, "icf_environmental"), Text(r, "icf_personal")};
    a.needs = storage::StringList(Text(r, "needs"));
    a.status = Text(r, "status");
    a.finalised_on = Text(r, "finalised_on");
    a.copied_from_id = Int(r, "copied_from_id");
    a.author_id = Int(r, "author_id");
    a.author_name = Text(r, "author_name");
    a.created_at = Text(r, "created_at");
    a.updated_at = Text(r, "updated_at");
    return a;
}
}  // namespace

long long Insert(storage::Tx& tx, const Assessment& a) {
    const std::string needs = storage::StringListJson(a.needs), now = storage::NowIso();
    tx.sql() << kInsert, soci::use(a.office_id), soci::use(a.person_id), soci::use(a.date), soci::use(a.place),
        soci::use(a.own_words), soci::use(a.life_history), soci::use(a.family_situation), soci::use(a.health_medical),
        soci::use(a.current_services), soci::use(a.income), soci::use(a.daily_life), soci::use(a.work_school),
        soci::use(a.leisure), soci::use(a.strengths), soci::use(a.icf.body_functions), soci::use(a.icf.activities),
        soci::use(a.icf.participation), soci::use(a.icf.environmental), soci::use(a.icf.personal), soci::use(needs),
        soci::use(a.status), soci::use(a.finalised_on), soci::use(a.copied_from_id), soci::use(a.author_id),
        soci::use(now), soci::use(now);
    const long long id = tx.LastId();
    search::Index(tx, a.office_id, a.person_id, "assessment", id, a.date, search::TextOf(a));
    return id;
}

void Update(storage::Tx& tx, const Assessment& a) {
    const std::string needs = storage::StringListJson(a.needs), now = storage::NowIso();
    tx.sql() << kUpdate, soci::use(a.date), soci::use(a.place), soci::use(a.own_words), soci::use(a.life_history),
        soci::use(a.family_situation), soci::use(a.health_medical), soci::use(a.current_services), soci::use(a.income),
        soci::use(a.daily_life), soci::use(a.work_school), soci::use(a.leisure), soci::use(a.strengths),
        soci::use(a.icf.body_functions), soci::use(a.icf.activities), soci::use(a.icf.participation),
        soci::use(a.icf.environmental), soci::use(a.icf.personal), soci::use(needs), soci::use(a.status),
        soci::use(a.finalised_on), soci::use(now), soci::use(a.id), soci::use(a.office_id), soci::use(a.person_id);
    search::Index(tx, a.office_id, a.person_id, "assessment", a.id, a.date, search::TextOf(a));
}

std::vector<Assessment> ListForPerson(storage::Tx& tx, long long office_id, long long person_id) {
    std::vector<Assessment> out;
    const std::string sql = std::string(kColumns) + kList;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::optional<Assessment> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    const std::string sql = std::string(kColumns) + kFind;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(id), soci::use(office_id), soci::use(person_id));
    std::optional<Assessment> a;
    for (const auto& r : rows) a = FromRow(r);
    return a;
}

std::map<long long, Place> PlacesOf(storage::Tx& tx, long long office_id, const std::vector<long long>& ids) {
    std::map<long long, Place> out;
    if (ids.empty()) return out;
    static const storage::InIds sql(kPlacesOf);
    storage::CachedQuery rows(tx, sql.For(tx.dialect()), {office_id, storage::IdsValue(tx.dialect(), ids)});
    while (rows.Next()) out[Int(rows.row(), "id")] = {Int(rows.row(), "person_id"), Text(rows.row(), "place")};
    return out;
}

}  // namespace tsunagu::assessment
