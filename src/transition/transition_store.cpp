// 地域移行支援・地域定着支援: all SQL of the episodes and their activities.
#include <soci/soci.h>

#include "storage/database.hpp"
#include "storage/row.hpp"
#include "transition/transition.hpp"

namespace tsunagu::transition {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kColumns =
    "SELECT t.id, t.office_id, t.person_id, t.kind, t.start, t.end_on, t.extended_to, t.extension_reason, "
    "t.from_kind, t.from_name, t.admitted_on, t.emergency_contact, t.moved_on, t.destination, t.readmitted_on, "
    "t.created_by, t.created_at, t.updated_at FROM transitions t ";
constexpr const char* kById = "WHERE t.id = :id AND t.office_id = :office AND t.person_id = :person";
constexpr const char* kByPerson =
    "WHERE t.office_id = :office AND t.person_id = :person AND (:open = 0 OR t.moved_on IS NULL) ";
constexpr const char* kOrder = "ORDER BY t.start DESC, t.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCount =
    "SELECT COUNT(*) FROM transitions t WHERE t.office_id = :office AND t.person_id = :person AND "
    "(:open = 0 OR t.moved_on IS NULL)";
constexpr const char* kNotMovedOn =
    "WHERE t.office_id = :office AND t.person_id = :person AND t.moved_on IS NULL ORDER BY t.id";
constexpr const char* kInsert =
    "INSERT INTO transitions (office_id, person_id, kind, start, end_on, extended_to, extension_reason, from_kind, "
    "from_name, admitted_on, emergency_contact, moved_on, destination, readmitted_on, created_by, created_at, "
    "updated_at) VALUES (:office, :person, :kind, :start, :end_on, NULLIF(:ext, ''), NULLIF(:reason, ''), "
    "NULLIF(:from_kind, ''), NULLIF(:from_name, ''), NULLIF(:admitted, ''), NULLIF(:contact, ''), "
    "NULLIF(:moved, ''), NULLIF(:dest, ''), NULLIF(:readmitted, ''), :by, :now, :now2)";
constexpr const char* kUpdate =
    "UPDATE transitions SET start = :start, end_on = :end_on, extended_to = NULLIF(:ext, ''), extension_reason = "
    "NULLIF(:reason, ''), from_kind = NULLIF(:from_kind, ''), from_name = NULLIF(:from_name, ''), admitted_on = "
    "NULLIF(:admitted, ''), emergency_contact = NULLIF(:contact, ''), moved_on = NULLIF(:moved, ''), destination = "
    "NULLIF(:dest, ''), readmitted_on = NULLIF(:readmitted, ''), updated_at = :now WHERE id = :id AND office_id = "
    ":office AND person_id = :person";
constexpr const char* kActivities =
    "SELECT id, transition_id, date, kind, minutes, note, created_at FROM transition_activities WHERE office_id = "
    ":office AND transition_id = :t ORDER BY date, id";
constexpr const char* kInsertActivity =
    "INSERT INTO transition_activities (office_id, transition_id, date, kind, minutes, note, created_by, created_at) "
    "VALUES (:office, :t, :date, :kind, NULLIF(:minutes, -1), NULLIF(:note, ''), :by, :now)";
// Moved on within [from, to], of the office, optionally of the persons assigned to one user.
constexpr const char* kMovedOn =
    "WHERE t.office_id = :office AND t.kind = 'transition' AND t.moved_on >= :from_on AND t.moved_on <= :to_on AND "
    "(CAST(:uid AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM assignments a WHERE a.office_id = t.office_id AND "
    "a.person_id = t.person_id AND a.user_id = :uid2)) ORDER BY t.id";

Transition FromRow(const soci::row& r) {
    Transition t;
    t.id = Int(r, "id");
    t.office_id = Int(r, "office_id");
    t.person_id = Int(r, "person_id");
    t.kind = Text(r, "kind");
    t.start = Text(r, "start");
    t.end = Text(r, "end_on");
    t.extended_to = Text(r, "extended_to");
    t.extension_reason = Text(r, "extension_reason");
    t.from_kind = Text(r, "from_kind");
    t.from_name = Text(r, "from_name");
    t.admitted_on = Text(r, "admitted_on");
    t.emergency_contact = Text(r, "emergency_contact");
    t.outcome = {Text(r, "moved_on"), Text(r, "destination"), Text(r, "readmitted_on")};
    t.created_by = Int(r, "created_by");
    t.created_at = Text(r, "created_at");
    t.updated_at = Text(r, "updated_at");
    return t;
}

void LoadActivities(storage::Tx& tx, Transition& t) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << kActivities, soci::use(t.office_id), soci::use(t.id));
    for (const auto& r : rows) {
        Activity a;
        a.id = Int(r, "id");
        a.transition_id = Int(r, "transition_id");
        a.date = Text(r, "date");
        a.kind = Text(r, "kind");
        if (r.get_indicator("minutes") != soci::i_null) a.minutes = Int(r, "minutes");
        a.note = Text(r, "note");
        a.created_at = Text(r, "created_at");
        t.activities.push_back(std::move(a));
    }
}
}  // namespace

long long Insert(storage::Tx& tx, const Transition& t) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(t.office_id), soci::use(t.person_id), soci::use(t.kind), soci::use(t.start),
        soci::use(t.end), soci::use(t.extended_to), soci::use(t.extension_reason), soci::use(t.from_kind),
        soci::use(t.from_name), soci::use(t.admitted_on), soci::use(t.emergency_contact), soci::use(t.outcome.moved_on),
        soci::use(t.outcome.destination), soci::use(t.outcome.readmitted_on), soci::use(t.created_by), soci::use(now),
        soci::use(now);
    return tx.LastId();
}

void Update(storage::Tx& tx, const Transition& t) {
    const std::string now = storage::NowIso();
    tx.sql() << kUpdate, soci::use(t.start), soci::use(t.end), soci::use(t.extended_to), soci::use(t.extension_reason),
        soci::use(t.from_kind), soci::use(t.from_name), soci::use(t.admitted_on), soci::use(t.emergency_contact),
        soci::use(t.outcome.moved_on), soci::use(t.outcome.destination), soci::use(t.outcome.readmitted_on),
        soci::use(now), soci::use(t.id), soci::use(t.office_id), soci::use(t.person_id);
}

std::optional<Transition> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    const std::string sql = std::string(kColumns) + kById;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(id), soci::use(office_id), soci::use(person_id));
    std::optional<Transition> t;
    for (const auto& r : rows) t = FromRow(r);
    if (t) LoadActivities(tx, *t);
    return t;
}

std::vector<Transition> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, bool open_only,
                                      int page, int per_page, long long& total) {
    const int open = open_only ? 1 : 0, offset = (page - 1) * per_page;
    tx.sql() << kCount, soci::use(office_id), soci::use(person_id), soci::use(open), soci::into(total);
    const std::string sql = std::string(kColumns) + kByPerson + kOrder;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id),
                                    soci::use(open), soci::use(per_page), soci::use(offset));
    std::vector<Transition> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::vector<Transition> NotMovedOn(storage::Tx& tx, long long office_id, long long person_id) {
    const std::string sql = std::string(kColumns) + kNotMovedOn;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(office_id), soci::use(person_id));
    std::vector<Transition> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

long long InsertActivity(storage::Tx& tx, long long office_id, const Activity& a, long long by) {
    const std::string now = storage::NowIso();
    const long long minutes = a.minutes.value_or(-1);
    tx.sql() << kInsertActivity, soci::use(office_id), soci::use(a.transition_id), soci::use(a.date), soci::use(a.kind),
        soci::use(minutes), soci::use(a.note), soci::use(by), soci::use(now);
    return tx.LastId();
}

TransitionKpi KpiFor(storage::Tx& tx, std::int64_t office_id, std::optional<std::int64_t> user_id,
                     const std::string& from, const std::string& to) {
    TransitionKpi k;
    const long long office = office_id, uid = user_id.value_or(0);
    const std::string sql = std::string(kColumns) + kMovedOn;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(office), soci::use(from), soci::use(to), soci::use(uid), soci::use(uid));
    for (const auto& r : rows) AddToKpi(k, FromRow(r));  // one row at a time: nothing kept but the sums
    return k;
}

}  // namespace tsunagu::transition
