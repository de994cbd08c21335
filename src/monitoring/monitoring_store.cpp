#include <soci/soci.h>

#include <boost/json.hpp>

#include "monitoring/monitoring_record.hpp"
#include "search/record_texts.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::monitoring {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO monitorings (office_id, person_id, plan_id, date, visited, place, goals, overall, next_monitoring, "
    "change_needed, change_kinds, new_plan_id, specialist_id, created_at, updated_at, no_visit_reason) VALUES (:o, "
    ":p, :plan, :date, :visited, NULLIF(:place, ''), :goals, NULLIF(:overall, ''), NULLIF(:next, ''), :change, "
    ":kinds, NULLIF(CAST(:newplan AS BIGINT), 0), :spec, :now, :now2, NULLIF(:novisit, ''))";
constexpr const char* kSelect =
    "SELECT m.id, m.office_id, m.person_id, m.plan_id, m.date, m.visited, m.place, m.goals, m.overall, "
    "m.next_monitoring, m.change_needed, m.change_kinds, m.new_plan_id, m.specialist_id, u.name AS specialist_name, "
    "m.created_at, m.updated_at, m.no_visit_reason FROM monitorings m LEFT JOIN users u ON u.id = m.specialist_id ";
constexpr const char* kById = "WHERE m.office_id = :o AND m.person_id = :p AND m.id = :id";
constexpr const char* kByIdInOffice = "WHERE m.office_id = :o AND m.id = :id";
constexpr const char* kByPerson = "WHERE m.office_id = :o AND m.person_id = :p ORDER BY m.date DESC, m.id DESC";

std::string GoalsJson(const std::vector<GoalReview>& goals) {
    json::array a;
    for (const auto& g : goals) {
        json::object o{{"need_index", g.need_index},
                       {"delivery", g.delivery},
                       {"own_words", g.own_words},
                       {"satisfaction", g.satisfaction},
                       {"achievement", g.achievement},
                       {"issues", g.issues},
                       {"notes", g.notes}};
        // A row recorded without its own 計画変更の必要性 keeps no key: it reads back as "not recorded".
        if (g.change_kinds_recorded) {
            json::array kinds;
            for (const auto& k : g.change_kinds) kinds.emplace_back(k);
            o["change_kinds"] = std::move(kinds);
        }
        a.push_back(std::move(o));
    }
    return json::serialize(a);
}

std::vector<GoalReview> GoalsFrom(const std::string& text) {
    std::vector<GoalReview> out;
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array()) {
        const json::object& o = e.as_object();
        GoalReview g;
        g.need_index = static_cast<int>(o.at("need_index").as_int64());
        g.delivery = json::value_to<std::string>(o.at("delivery"));
        g.own_words = json::value_to<std::string>(o.at("own_words"));
        g.satisfaction = static_cast<int>(o.at("satisfaction").as_int64());
        g.achievement = json::value_to<std::string>(o.at("achievement"));
        g.issues = json::value_to<std::string>(o.at("issues"));
        // Rows of #17 (その他留意事項, 計画変更の必要性 per row); older rows have neither key.
        if (const auto* notes = o.if_contains("notes"); notes && notes->is_string())
            g.notes = json::value_to<std::string>(*notes);
        if (const auto* kinds = o.if_contains("change_kinds"); kinds && kinds->is_array()) {
            g.change_kinds_recorded = true;
            for (const auto& k : kinds->as_array())
                if (k.is_string()) g.change_kinds.push_back(json::value_to<std::string>(k));
        }
        out.push_back(std::move(g));
    }
    return out;
}

MonitoringReport FromRow(const soci::row& r) {
    MonitoringReport m;
    m.id = Int(r, "id");
    m.office_id = Int(r, "office_id");
    m.person_id = Int(r, "person_id");
    m.plan_id = Int(r, "plan_id");
    m.date = Text(r, "date");
    m.visited = Int(r, "visited") != 0;
    m.no_visit_reason = Text(r, "no_visit_reason");
    m.place = Text(r, "place");
    m.goals = GoalsFrom(Text(r, "goals"));
    m.overall = Text(r, "overall");
    m.next_monitoring = Text(r, "next_monitoring");
    m.change_needed = Int(r, "change_needed") != 0;
    m.change_kinds = storage::StringList(Text(r, "change_kinds"));
    m.new_plan_id = Int(r, "new_plan_id");
    m.specialist_id = Int(r, "specialist_id");
    m.specialist_name = Text(r, "specialist_name");
    m.created_at = Text(r, "created_at");
    m.updated_at = Text(r, "updated_at");
    return m;
}
}  // namespace

long long Insert(storage::Tx& tx, const MonitoringReport& m) {
    const std::string goals = GoalsJson(m.goals), kinds = storage::StringListJson(m.change_kinds);
    const std::string now = storage::NowIso();
    const int visited = m.visited ? 1 : 0, change = m.change_needed ? 1 : 0;
    tx.sql() << kInsert, soci::use(m.office_id), soci::use(m.person_id), soci::use(m.plan_id), soci::use(m.date),
        soci::use(visited), soci::use(m.place), soci::use(goals), soci::use(m.overall), soci::use(m.next_monitoring),
        soci::use(change), soci::use(kinds), soci::use(m.new_plan_id), soci::use(m.specialist_id), soci::use(now),
        soci::use(now), soci::use(m.no_visit_reason);
    const long long id = tx.LastId();
    search::Index(tx, m.office_id, m.person_id, "monitoring", id, m.date, search::TextOf(m));
    return id;
}

std::optional<MonitoringReport> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kById, soci::use(office_id), soci::use(person_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::optional<MonitoringReport> FindInOffice(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kByIdInOffice, soci::use(office_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::vector<MonitoringReport> ListForPerson(storage::Tx& tx, long long office_id, long long person_id) {
    std::vector<MonitoringReport> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kByPerson, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace tsunagu::monitoring
