// スーパービジョンの保存: supervisees and persons discussed as rows (for the alert and the scope).
#include <soci/soci.h>

#include <boost/json.hpp>

#include "quality/supervision.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::quality {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO supervisions (office_id, date, kind, supervisor_user_id, supervisor_name, topics, insights, minutes, "
    "actions, created_by, created_at) VALUES (:o, :d, :k, NULLIF(CAST(:su AS BIGINT), 0), :sn, NULLIF(:t, ''), "
    "NULLIF(:i, ''), NULLIF(:m, ''), :a, :by, :at)";
constexpr const char* kInsertMember =
    "INSERT INTO supervision_members (office_id, supervision_id, user_id, date) VALUES (:o, :s, :u, :d)";
constexpr const char* kInsertPerson =
    "INSERT INTO supervision_persons (office_id, supervision_id, person_id) VALUES (:o, :s, :p)";
constexpr const char* kFilter =
    " FROM supervisions s WHERE s.office_id = :o AND (CAST(:m AS BIGINT) = 0 OR s.supervisor_user_id = :m2 OR "
    "s.created_by = :m3 OR EXISTS (SELECT 1 FROM supervision_members x WHERE x.office_id = s.office_id AND "
    "x.supervision_id = s.id AND x.user_id = :m4))";
constexpr const char* kColumns =
    "SELECT s.id, s.office_id, s.date, s.kind, s.supervisor_user_id, s.supervisor_name, s.topics, s.insights, "
    "s.minutes, s.actions, s.created_by, s.created_at";
constexpr const char* kMembers =
    "SELECT user_id FROM supervision_members WHERE office_id = :o AND supervision_id = :s ORDER BY user_id";
constexpr const char* kPersons =
    "SELECT person_id FROM supervision_persons WHERE office_id = :o AND supervision_id = :s ORDER BY person_id";
constexpr const char* kLastOfEach =
    "SELECT user_id, MAX(date) AS last FROM supervision_members WHERE office_id = :o GROUP BY user_id";

std::string ActionsJson(const std::vector<SupervisionAction>& actions) {
    json::array a;
    for (const auto& x : actions)
        a.push_back(json::object{{"text", x.text},
                                 {"owner", x.owner},
                                 {"owner_user_id", x.owner_user_id},
                                 {"due", x.due},
                                 {"measure", x.measure},
                                 {"person_id", x.person_id},
                                 {"task_id", x.task_id}});
    return json::serialize(a);
}

std::vector<SupervisionAction> ActionsOf(const std::string& text) {
    std::vector<SupervisionAction> out;
    const json::value parsed = json::parse(text.empty() ? "[]" : text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        SupervisionAction a;
        a.text = std::string(o.at("text").as_string());
        a.owner = std::string(o.at("owner").as_string());
        a.owner_user_id = o.at("owner_user_id").as_int64();
        a.due = std::string(o.at("due").as_string());
        a.measure = std::string(o.at("measure").as_string());
        a.person_id = o.at("person_id").as_int64();
        a.task_id = o.at("task_id").as_int64();
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<long long> Ids(storage::Tx& tx, const char* sql, long long office_id, long long id, const char* col) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(id));
    for (const auto& r : rows) out.push_back(Int(r, col));
    return out;
}
}  // namespace

long long InsertSupervision(storage::Tx& tx, const Supervision& s) {
    const std::string now = storage::NowIso(), actions = ActionsJson(s.actions);
    tx.sql() << kInsert, soci::use(s.office_id), soci::use(s.date), soci::use(s.kind), soci::use(s.supervisor_user_id),
        soci::use(s.supervisor_name), soci::use(s.topics), soci::use(s.insights), soci::use(s.minutes),
        soci::use(actions), soci::use(s.created_by), soci::use(now);
    const long long id = tx.LastId();
    for (long long u : s.supervisee_ids)
        tx.sql() << kInsertMember, soci::use(s.office_id), soci::use(id), soci::use(u), soci::use(s.date);
    for (long long p : s.person_ids) tx.sql() << kInsertPerson, soci::use(s.office_id), soci::use(id), soci::use(p);
    return id;
}

std::vector<Supervision> ListSupervisions(storage::Tx& tx, long long office_id, long long member, int page,
                                          int per_page, long long& total) {
    tx.sql() << std::string("SELECT COUNT(*)") + kFilter, soci::use(office_id), soci::use(member), soci::use(member),
        soci::use(member), soci::use(member), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Supervision> out;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + kFilter +
                                                                " ORDER BY s.date DESC, s.id DESC LIMIT :l OFFSET :f",
                                        soci::use(office_id), soci::use(member), soci::use(member), soci::use(member),
                                        soci::use(member), soci::use(per_page), soci::use(offset));
        for (const auto& r : rows) {
            Supervision s;
            s.id = Int(r, "id");
            s.office_id = Int(r, "office_id");
            s.date = Text(r, "date");
            s.kind = Text(r, "kind");
            s.supervisor_user_id = Int(r, "supervisor_user_id");
            s.supervisor_name = Text(r, "supervisor_name");
            s.topics = Text(r, "topics");
            s.insights = Text(r, "insights");
            s.minutes = Text(r, "minutes");
            s.actions = ActionsOf(Text(r, "actions"));
            s.created_by = Int(r, "created_by");
            s.created_at = Text(r, "created_at");
            out.push_back(std::move(s));
        }
    }
    for (auto& s : out) {
        s.supervisee_ids = Ids(tx, kMembers, office_id, s.id, "user_id");
        s.person_ids = Ids(tx, kPersons, office_id, s.id, "person_id");
    }
    return out;
}

std::map<long long, std::string> LastSupervisions(storage::Tx& tx, long long office_id) {
    std::map<long long, std::string> out;
    storage::CachedQuery rows(tx, kLastOfEach, {office_id});
    while (rows.Next()) out[Int(rows.row(), "user_id")] = Text(rows.row(), "last");
    return out;
}

}  // namespace tsunagu::quality
