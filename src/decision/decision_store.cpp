#include <soci/soci.h>

#include <boost/json.hpp>
#include <tuple>

#include "decision/decision.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::decision {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO decisions (office_id, person_id, decided_on, period_start, period_end, monitoring_interval_months, "
    "monitoring_periods, services, certificate_number, notes, created_by, created_at, flags) VALUES (:o, :p, :decided, "
    ":pstart, :pend, :interval, :periods, :services, :cert, NULLIF(:notes, ''), :by, :now, :flags)";
constexpr const char* kColumns =
    "SELECT id, office_id, person_id, decided_on, period_start, period_end, monitoring_interval_months, "
    "monitoring_periods, services, certificate_number, notes, created_by, created_at, flags FROM decisions ";
constexpr const char* kList = " WHERE office_id = :o AND person_id = :p ORDER BY decided_on DESC, id DESC";
constexpr const char* kFind = " WHERE id = :id AND office_id = :o AND person_id = :p";
constexpr const char* kLatest = " WHERE office_id = :o AND person_id = :p ORDER BY decided_on DESC, id DESC LIMIT 1";
// Followed by the persons' id list; the latest of each is picked in C++ (by decided_on, then id, as kLatest).
constexpr const char* kOfPersons = " WHERE office_id = :o AND person_id IN ";
constexpr const char* kCovering =
    " WHERE office_id = :o AND person_id = :p AND decided_on <= :on AND period_end >= :on2 "
    "ORDER BY decided_on DESC, id DESC LIMIT 1";
// The person's page shows the 受給者証 of the latest decision.
constexpr const char* kApplyToPerson =
    "UPDATE persons SET certificate_number = :cert, decision_period_start = :pstart, decision_period_end = :pend, "
    "updated_at = :now WHERE id = :p AND office_id = :o";

std::string ServicesJson(const Decision& d) {
    json::array a;
    for (const auto& s : d.services) a.push_back(json::object{{"kind", s.kind}, {"amount", s.amount}});
    return json::serialize(a);
}

std::string PeriodsJson(const Decision& d) {
    json::array a;
    for (const auto& v : d.monitoring_periods)
        a.push_back(json::object{{"interval_months", v.interval_months},
                                 {"first_month", v.first_month.ToString()},
                                 {"last_month", v.last_month.ToString()}});
    return json::serialize(a);
}

Decision FromRow(const soci::row& r) {
    Decision d;
    d.id = Int(r, "id");
    d.office_id = Int(r, "office_id");
    d.person_id = Int(r, "person_id");
    d.decided_on = Text(r, "decided_on");
    d.period_start = Text(r, "period_start");
    d.period_end = Text(r, "period_end");
    d.monitoring_interval_months = static_cast<int>(Int(r, "monitoring_interval_months"));
    const json::value periods = json::parse(Text(r, "monitoring_periods"));
    for (const auto& v : periods.as_array()) {
        const auto& o = v.as_object();
        d.monitoring_periods.push_back(
            {static_cast<int>(o.at("interval_months").to_number<long long>()),
             calendar::YearMonth::Parse(storage::StringMember(o, "first_month")).value_or(calendar::YearMonth{}),
             calendar::YearMonth::Parse(storage::StringMember(o, "last_month")).value_or(calendar::YearMonth{})});
    }
    const json::value services = json::parse(Text(r, "services"));
    for (const auto& v : services.as_array())
        d.services.push_back(
            {storage::StringMember(v.as_object(), "kind"), storage::StringMember(v.as_object(), "amount")});
    d.certificate_number = Text(r, "certificate_number");
    d.notes = Text(r, "notes");
    d.created_by = Int(r, "created_by");
    d.created_at = Text(r, "created_at");
    d.flags = storage::StringList(Text(r, "flags"));
    return d;
}

std::optional<Decision> One(soci::rowset<soci::row>& rows) {
    std::optional<Decision> d;
    for (const auto& r : rows) d = FromRow(r);
    return d;
}
}  // namespace

long long Insert(storage::Tx& tx, const Decision& d) {
    const std::string periods = PeriodsJson(d), services = ServicesJson(d), now = storage::NowIso();
    const std::string flags = storage::StringListJson(d.flags);
    tx.sql() << kInsert, soci::use(d.office_id), soci::use(d.person_id), soci::use(d.decided_on),
        soci::use(d.period_start), soci::use(d.period_end), soci::use(d.monitoring_interval_months), soci::use(periods),
        soci::use(services), soci::use(d.certificate_number), soci::use(d.notes), soci::use(d.created_by),
        soci::use(now), soci::use(flags);
    return tx.LastId();
}

std::vector<Decision> ListForPerson(storage::Tx& tx, long long office_id, long long person_id) {
    std::vector<Decision> out;
    const std::string sql = std::string(kColumns) + kList;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::optional<Decision> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    const std::string sql = std::string(kColumns) + kFind;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(id), soci::use(office_id), soci::use(person_id));
    return One(rows);
}

std::optional<Decision> Latest(storage::Tx& tx, long long office_id, long long person_id) {
    const std::string sql = std::string(kColumns) + kLatest;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id));
    return One(rows);
}

std::map<long long, Decision> LatestOf(storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids) {
    std::map<long long, Decision> out;
    if (person_ids.empty()) return out;
    static const storage::InIds sql(std::string(kColumns) + kOfPersons);
    storage::CachedQuery rows(tx, sql.For(tx.dialect()), {office_id, storage::IdsValue(tx.dialect(), person_ids)});
    while (rows.Next()) {
        Decision d = FromRow(rows.row());
        auto [it, added] = out.try_emplace(d.person_id, d);
        if (!added && std::tie(d.decided_on, d.id) > std::tie(it->second.decided_on, it->second.id))
            it->second = std::move(d);
    }
    return out;
}

std::optional<Decision> Covering(storage::Tx& tx, long long office_id, long long person_id, const std::string& on) {
    const std::string sql = std::string(kColumns) + kCovering;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id), soci::use(on), soci::use(on));
    return One(rows);
}

void ApplyToPerson(storage::Tx& tx, const Decision& d) {
    const std::string now = storage::NowIso();
    tx.sql() << kApplyToPerson, soci::use(d.certificate_number), soci::use(d.period_start), soci::use(d.period_end),
        soci::use(now), soci::use(d.person_id), soci::use(d.office_id);
}

}  // namespace tsunagu::decision
