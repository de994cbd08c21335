// 会議の保存: every query is limited to the office, and to the person where one is known.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "meeting/meeting.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::meeting {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kSelect =
    "SELECT m.id, m.office_id, m.person_id, m.kind, m.status, m.date, m.start_time, m.end_time, m.place, m.plan_id, "
    "m.participants, m.person_attended, m.person_absent_reason, m.agenda, m.discussion, m.opinions, m.conclusion, "
    "m.remaining_issues, m.agreements, m.consensus_sheet, m.author_id, u.name AS author_name, m.finalised_on, "
    "m.created_at, m.updated_at FROM meetings m LEFT JOIN users u ON u.id = m.author_id ";
constexpr const char* kById = "WHERE m.office_id = :o AND m.person_id = :p AND m.id = :id";
constexpr const char* kByIdInOffice = "WHERE m.office_id = :o AND m.id = :id";
constexpr const char* kByPerson =
    "WHERE m.office_id = :o AND m.person_id = :p ORDER BY m.date DESC, m.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCountByPerson = "SELECT COUNT(*) FROM meetings WHERE office_id = :o AND person_id = :p";
constexpr const char* kEarlier =
    "SELECT COUNT(*) FROM meetings WHERE office_id = :o AND person_id = :p AND id <> :id AND "
    "(date < :date OR (date = :date2 AND id < :id2))";
constexpr const char* kInsert =
    "INSERT INTO meetings (office_id, person_id, kind, status, date, start_time, end_time, place, plan_id, "
    "participants, person_attended, person_absent_reason, agenda, discussion, opinions, conclusion, "
    "remaining_issues, agreements, consensus_sheet, author_id, finalised_on, created_at, updated_at) VALUES (:o, :p, "
    ":kind, :status, :date, NULLIF(:start, ''), NULLIF(:end, ''), NULLIF(:place, ''), "
    "NULLIF(CAST(:plan AS BIGINT), 0), :participants, :attended, NULLIF(:absent, ''), NULLIF(:agenda, ''), "
    "NULLIF(:discussion, ''), :opinions, NULLIF(:conclusion, ''), NULLIF(:remaining, ''), :agreements, "
    "NULLIF(:sheet, ''), :author, NULLIF(:fin, ''), :now, :now2)";
constexpr const char* kUpdate =
    "UPDATE meetings SET kind = :kind, status = :status, date = :date, start_time = NULLIF(:start, ''), "
    "end_time = NULLIF(:end, ''), place = NULLIF(:place, ''), plan_id = NULLIF(CAST(:plan AS BIGINT), 0), "
    "participants = :participants, person_attended = :attended, person_absent_reason = NULLIF(:absent, ''), "
    "agenda = NULLIF(:agenda, ''), discussion = NULLIF(:discussion, ''), opinions = :opinions, "
    "conclusion = NULLIF(:conclusion, ''), remaining_issues = NULLIF(:remaining, ''), agreements = :agreements, "
    "consensus_sheet = NULLIF(:sheet, ''), finalised_on = NULLIF(:fin, ''), updated_at = :now "
    "WHERE office_id = :o AND person_id = :p AND id = :id";

Meeting FromRow(const soci::row& r) {
    Meeting m;
    m.id = Int(r, "id");
    m.office_id = Int(r, "office_id");
    m.person_id = Int(r, "person_id");
    m.kind = Text(r, "kind");
    m.status = Text(r, "status");
    m.date = Text(r, "date");
    m.start = Text(r, "start_time");
    m.end = Text(r, "end_time");
    m.place = Text(r, "place");
    m.plan_id = Int(r, "plan_id");
    m.participants = ParticipantsFrom(Text(r, "participants"));
    m.person_attended = Int(r, "person_attended") != 0;
    m.person_absent_reason = Text(r, "person_absent_reason");
    m.agenda = Text(r, "agenda");
    m.discussion = Text(r, "discussion");
    m.opinions = OpinionsFrom(Text(r, "opinions"));
    m.conclusion = Text(r, "conclusion");
    m.remaining_issues = Text(r, "remaining_issues");
    m.agreements = AgreementsFrom(Text(r, "agreements"));
    m.consensus_sheet = SheetFrom(Text(r, "consensus_sheet"));
    m.author_id = Int(r, "author_id");
    m.author_name = Text(r, "author_name");
    m.finalised_on = Text(r, "finalised_on");
    m.created_at = Text(r, "created_at");
    m.updated_at = Text(r, "updated_at");
    return m;
}

struct Columns {
    std::string participants, opinions, agreements, sheet;
    int attended = 1;
};
Columns ColumnsOf(const Meeting& m) {
    Columns c;
    c.participants = json::serialize(ParticipantsJson(m.participants));
    c.opinions = json::serialize(OpinionsJson(m.opinions));
    c.agreements = json::serialize(AgreementsJson(m.agreements));
    c.sheet = m.consensus_sheet ? json::serialize(SheetJson(m.consensus_sheet)) : std::string();
    c.attended = m.person_attended ? 1 : 0;
    return c;
}
}  // namespace

long long Insert(storage::Tx& tx, const Meeting& m) {
    const Columns c = ColumnsOf(m);
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(m.office_id), soci::use(m.person_id), soci::use(m.kind), soci::use(m.status),
        soci::use(m.date), soci::use(m.start), soci::use(m.end), soci::use(m.place), soci::use(m.plan_id),
        soci::use(c.participants), soci::use(c.attended), soci::use(m.person_absent_reason), soci::use(m.agenda),
        soci::use(m.discussion), soci::use(c.opinions), soci::use(m.conclusion), soci::use(m.remaining_issues),
        soci::use(c.agreements), soci::use(c.sheet), soci::use(m.author_id), soci::use(m.finalised_on), soci::use(now),
        soci::use(now);
    const long long id = tx.LastId();
    search::Index(tx, m.office_id, m.person_id, "meeting", id, m.date, SearchText(m));
    return id;
}

void Update(storage::Tx& tx, const Meeting& m) {
    const Columns c = ColumnsOf(m);
    const std::string now = storage::NowIso();
    tx.sql() << kUpdate, soci::use(m.kind), soci::use(m.status), soci::use(m.date), soci::use(m.start),
        soci::use(m.end), soci::use(m.place), soci::use(m.plan_id), soci::use(c.participants), soci::use(c.attended),
        soci::use(m.person_absent_reason), soci::use(m.agenda), soci::use(m.discussion), soci::use(c.opinions),
        soci::use(m.conclusion), soci::use(m.remaining_issues), soci::use(c.agreements), soci::use(c.sheet),
        soci::use(m.finalised_on), soci::use(now), soci::use(m.office_id), soci::use(m.person_id), soci::use(m.id);
    search::Index(tx, m.office_id, m.person_id, "meeting", m.id, m.date, SearchText(m));
}

std::optional<Meeting> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kById, soci::use(office_id), soci::use(person_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::optional<Meeting> FindInOffice(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kByIdInOffice, soci::use(office_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::vector<Meeting> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                   long long& total) {
    tx.sql() << kCountByPerson, soci::use(office_id), soci::use(person_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Meeting> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kByPerson, soci::use(office_id),
                                    soci::use(person_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

bool HasEarlierMeeting(storage::Tx& tx, long long office_id, long long person_id, const std::string& date,
                       long long except_id) {
    long long n = 0;
    tx.sql() << kEarlier, soci::use(office_id), soci::use(person_id), soci::use(except_id), soci::use(date),
        soci::use(date), soci::use(except_id == 0 ? (1LL << 62) : except_id), soci::into(n);
    return n > 0;
}

}  // namespace tsunagu::meeting
