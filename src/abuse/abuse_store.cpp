#include <soci/soci.h>

#include "abuse/abuse.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::abuse {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO abuse_reports (office_id, person_id, kinds, suspected_actor, observed, observed_on, observed_by, "
    "reported_on, reported_at, reported_to, reported_by, created_by, created_at) VALUES (:o, :p, :kinds, :actor, "
    ":observed, :observed_on, :observed_by, :reported_on, :reported_at, :reported_to, :reported_by, :by, :now)";
constexpr const char* kInsertFollowup =
    "INSERT INTO abuse_followups (office_id, report_id, kind, date, text, created_by, created_at) VALUES (:o, :r, "
    ":kind, :date, :text, :by, :now)";
constexpr const char* kSelect =
    "SELECT id, office_id, person_id, kinds, suspected_actor, observed, observed_on, observed_by, reported_on, "
    "reported_at, reported_to, reported_by, created_by, created_at FROM abuse_reports WHERE office_id = :o AND "
    "person_id = :p ";
constexpr const char* kById = "AND id = :id";
constexpr const char* kPage = "ORDER BY reported_on DESC, id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCount = "SELECT COUNT(*) FROM abuse_reports WHERE office_id = :o AND person_id = :p";
constexpr const char* kFollowups =
    "SELECT f.id, f.kind, f.date, f.text, f.created_by, u.name AS created_by_name, f.created_at FROM abuse_followups "
    "f LEFT JOIN users u ON u.id = f.created_by WHERE f.office_id = :o AND f.report_id = :r ORDER BY f.id";
constexpr const char* kOpen =
    "SELECT r.id, r.reported_on FROM abuse_reports r WHERE r.office_id = :o AND r.person_id = :p AND NOT EXISTS "
    "(SELECT 1 FROM abuse_followups f WHERE f.office_id = r.office_id AND f.report_id = r.id AND f.kind = 'close') "
    "ORDER BY r.id";

Report FromRow(const soci::row& r) {
    Report v;
    v.id = Int(r, "id");
    v.office_id = Int(r, "office_id");
    v.person_id = Int(r, "person_id");
    v.kinds = storage::StringList(Text(r, "kinds"));
    v.suspected_actor = Text(r, "suspected_actor");
    v.observed = Text(r, "observed");
    v.observed_on = Text(r, "observed_on");
    v.observed_by = Text(r, "observed_by");
    v.reported_on = Text(r, "reported_on");
    v.reported_at = Text(r, "reported_at");
    v.reported_to = Text(r, "reported_to");
    v.reported_by = Text(r, "reported_by");
    v.created_by = Int(r, "created_by");
    v.created_at = Text(r, "created_at");
    return v;
}

void LoadFollowups(storage::Tx& tx, Report& r) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << kFollowups, soci::use(r.office_id), soci::use(r.id));
    for (const auto& row : rows)
        r.followups.push_back({Int(row, "id"), Text(row, "kind"), Text(row, "date"), Text(row, "text"),
                               Int(row, "created_by"), Text(row, "created_by_name"), Text(row, "created_at")});
}
}  // namespace

long long Insert(storage::Tx& tx, const Report& r) {
    const std::string kinds = storage::StringListJson(r.kinds), now = storage::NowIso();
    tx.sql() << kInsert, soci::use(r.office_id), soci::use(r.person_id), soci::use(kinds), soci::use(r.suspected_actor),
        soci::use(r.observed), soci::use(r.observed_on), soci::use(r.observed_by), soci::use(r.reported_on),
        soci::use(r.reported_at), soci::use(r.reported_to), soci::use(r.reported_by), soci::use(r.created_by),
        soci::use(now);
    return tx.LastId();
}

long long InsertFollowup(storage::Tx& tx, long long office_id, long long report_id, const Followup& f) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertFollowup, soci::use(office_id), soci::use(report_id), soci::use(f.kind), soci::use(f.date),
        soci::use(f.text), soci::use(f.created_by), soci::use(now);
    return tx.LastId();
}

std::optional<Report> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    std::optional<Report> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kById, soci::use(office_id), soci::use(person_id), soci::use(id));
    for (const auto& r : rows) out = FromRow(r);
    if (out) LoadFollowups(tx, *out);
    return out;
}

std::vector<Report> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                  long long& total) {
    tx.sql() << kCount, soci::use(office_id), soci::use(person_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Report> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kPage, soci::use(office_id),
                                    soci::use(person_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    for (auto& r : out) LoadFollowups(tx, r);
    return out;
}

std::vector<std::pair<long long, std::string>> OpenForPerson(storage::Tx& tx, long long office_id,
                                                             long long person_id) {
    std::vector<std::pair<long long, std::string>> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kOpen, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out.emplace_back(Int(r, "id"), Text(r, "reported_on"));
    return out;
}

}  // namespace tsunagu::abuse
