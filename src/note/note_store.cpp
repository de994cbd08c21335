// 支援経過記録 in SQL: notes, their corrections, and their entries in the search index.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "note/note.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::note {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO notes (office_id, person_id, date, start_time, contact_kind, place, minutes, time_category, "
    "participants, own_words, soap_s, soap_o, soap_a, soap_p, icf, goal_refs, next_step, decision_support, "
    "substitute, author_id, created_at, updated_at) VALUES (:o, :p, :d, NULLIF(:t, ''), :kind, NULLIF(:place, ''), "
    "NULLIF(:minutes, 0), NULLIF(:cat, ''), :participants, NULLIF(:words, ''), NULLIF(:s, ''), NULLIF(:ob, ''), "
    "NULLIF(:a, ''), NULLIF(:pl, ''), :icf, :refs, :next, NULLIF(:ds, ''), :sub, :author, :now, :now2)";
constexpr const char* kUpdate =
    "UPDATE notes SET date = :d, start_time = NULLIF(:t, ''), contact_kind = :kind, place = NULLIF(:place, ''), "
    "minutes = NULLIF(:minutes, 0), time_category = NULLIF(:cat, ''), participants = :participants, "
    "own_words = NULLIF(:words, ''), soap_s = NULLIF(:s, ''), soap_o = NULLIF(:ob, ''), soap_a = NULLIF(:a, ''), "
    "soap_p = NULLIF(:pl, ''), icf = :icf, goal_refs = :refs, next_step = :next, decision_support = NULLIF(:ds, ''), "
    "substitute = :sub, updated_at = :now WHERE id = :id AND office_id = :o AND person_id = :p";
constexpr const char* kColumns =
    "SELECT n.id, n.office_id, n.person_id, n.date, n.start_time, n.contact_kind, n.place, n.minutes, "
    "n.time_category, n.participants, n.own_words, n.soap_s, n.soap_o, n.soap_a, n.soap_p, n.icf, n.goal_refs, "
    "n.next_step, n.decision_support, n.author_id, u.name AS author_name, n.created_at, n.updated_at "
    "FROM notes n JOIN users u ON u.id = n.author_id ";
constexpr const char* kFind = " WHERE n.id = :id AND n.office_id = :o AND n.person_id = :p";
constexpr const char* kListWhere =
    " WHERE n.office_id = :o AND n.person_id = :p AND (:from0 = '' OR n.date >= :from) AND (:to0 = '' OR n.date <= "
    ":to) AND (:kind0 = '' OR n.contact_kind = :kind) ";
constexpr const char* kNewestFirst =
    " ORDER BY n.date DESC, COALESCE(n.start_time, '') DESC, n.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kOldestFirst = " ORDER BY n.date, COALESCE(n.start_time, ''), n.id LIMIT :lim";
constexpr const char* kCorrections =
    "SELECT c.id, c.note_id, c.text, c.reason, c.author_id, u.name AS author_name, c.created_at "
    "FROM note_corrections c JOIN users u ON u.id = c.author_id WHERE c.office_id = :o AND c.note_id = :n "
    "ORDER BY c.id";
constexpr const char* kInsertCorrection =
    "INSERT INTO note_corrections (office_id, note_id, text, reason, author_id, created_at) "
    "VALUES (:o, :n, :t, :r, :a, :now)";
// Decision support in the caller's scope (office; specialists: their assigned persons).
constexpr const char* kDecisionWhere =
    " JOIN persons p ON p.id = n.person_id AND p.office_id = n.office_id WHERE n.office_id = :office AND "
    "(:whole = 1 OR EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = n.person_id AND a.user_id = :uid)) "
    "AND n.decision_support IS NOT NULL AND n.substitute >= :subonly ";

std::string RefsJson(const std::vector<GoalRef>& refs) {
    json::array a;
    for (const auto& r : refs) a.push_back(json::object{{"plan_id", r.plan_id}, {"need_index", r.need_index}});
    return json::serialize(a);
}

std::string DecisionJson(const std::optional<DecisionSupport>& d) {
    if (!d) return {};
    return json::serialize(json::object{{"matter", d->matter},
                                        {"methods", d->methods},
                                        {"options", d->options},
                                        {"choice", d->choice},
                                        {"substitute", d->substitute},
                                        {"substitute_by", d->substitute_by},
                                        {"reason", d->reason}});
}

Note FromRow(const soci::row& r) {
    Note n;
    n.id = Int(r, "id");
    n.office_id = Int(r, "office_id");
    n.person_id = Int(r, "person_id");
    n.date = Text(r, "date");
    n.time = Text(r, "start_time");
    n.contact_kind = Text(r, "contact_kind");
    n.place = Text(r, "place");
    n.minutes = static_cast<int>(Int(r, "minutes"));
    n.time_category = Text(r, "time_category");
    n.participants = storage::StringList(Text(r, "participants"));
    n.own_words = Text(r, "own_words");
    n.soap = {Text(r, "soap_s"), Text(r, "soap_o"), Text(r, "soap_a"), Text(r, "soap_p")};
    n.icf = storage::StringList(Text(r, "icf"));
    boost::system::error_code ec;
    const json::value refs = json::parse(Text(r, "goal_refs"), ec);
    if (!ec && refs.is_array())
        for (const auto& v : refs.as_array())
            if (v.is_object())
                n.goal_refs.push_back({v.as_object().at("plan_id").to_number<long long>(),
                                       static_cast<int>(v.as_object().at("need_index").to_number<long long>())});
    n.next_step = Text(r, "next_step");
    const std::string ds = Text(r, "decision_support");
    if (!ds.empty()) {
        const json::value v = json::parse(ds, ec);
        if (!ec && v.is_object()) {
            const json::object& o = v.as_object();
            const json::value* sub = o.if_contains("substitute");
            n.decision_support =
                DecisionSupport{storage::StringMember(o, "matter"),      storage::StringMember(o, "methods"),
                                storage::StringMember(o, "options"),     storage::StringMember(o, "choice"),
                                sub && sub->is_bool() && sub->as_bool(), storage::StringMember(o, "substitute_by"),
                                storage::StringMember(o, "reason")};
        }
    }
    n.author_id = Int(r, "author_id");
    n.author_name = Text(r, "author_name");
    n.created_at = Text(r, "created_at");
    n.updated_at = Text(r, "updated_at");
    return n;
}

void LoadCorrections(storage::Tx& tx, Note& n) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << kCorrections, soci::use(n.office_id), soci::use(n.id));
    for (const auto& r : rows)
        n.corrections.push_back({Int(r, "id"), Text(r, "text"), Text(r, "reason"), Int(r, "author_id"),
                                 Text(r, "author_name"), Text(r, "created_at")});
}
}  // namespace

void Reindex(storage::Tx& tx, const Note& n) {
    search::Index(tx, n.office_id, n.person_id, "note", n.id, n.date, SearchText(n));
}

long long Insert(storage::Tx& tx, const Note& n) {
    const std::string participants = storage::StringListJson(n.participants), icf = storage::StringListJson(n.icf);
    const std::string refs = RefsJson(n.goal_refs), ds = DecisionJson(n.decision_support);
    // created_at is the server's clock; only the demo office back-dates its notes.
    const std::string now = n.created_at.empty() ? storage::NowIso() : n.created_at;
    const int sub = n.decision_support && n.decision_support->substitute ? 1 : 0;
    tx.sql() << kInsert, soci::use(n.office_id), soci::use(n.person_id), soci::use(n.date), soci::use(n.time),
        soci::use(n.contact_kind), soci::use(n.place), soci::use(n.minutes), soci::use(n.time_category),
        soci::use(participants), soci::use(n.own_words), soci::use(n.soap.s), soci::use(n.soap.o), soci::use(n.soap.a),
        soci::use(n.soap.p), soci::use(icf), soci::use(refs), soci::use(n.next_step), soci::use(ds), soci::use(sub),
        soci::use(n.author_id), soci::use(now), soci::use(now);
    Note saved = n;
    saved.id = tx.LastId();
    Reindex(tx, saved);
    return saved.id;
}

void Update(storage::Tx& tx, const Note& n) {
    const std::string participants = storage::StringListJson(n.participants), icf = storage::StringListJson(n.icf);
    const std::string refs = RefsJson(n.goal_refs), ds = DecisionJson(n.decision_support), now = storage::NowIso();
    const int sub = n.decision_support && n.decision_support->substitute ? 1 : 0;
    tx.sql() << kUpdate, soci::use(n.date), soci::use(n.time), soci::use(n.contact_kind), soci::use(n.place),
        soci::use(n.minutes), soci::use(n.time_category), soci::use(participants), soci::use(n.own_words),
        soci::use(n.soap.s), soci::use(n.soap.o), soci::use(n.soap.a), soci::use(n.soap.p), soci::use(icf),
        soci::use(refs), soci::use(n.next_step), soci::use(ds), soci::use(sub), soci::use(now), soci::use(n.id),
        soci::use(n.office_id), soci::use(n.person_id);
    Reindex(tx, n);
}

std::optional<Note> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kFind, soci::use(id), soci::use(office_id), soci::use(person_id));
    std::optional<Note> n;
    for (const auto& r : rows) n = FromRow(r);
    if (n) LoadCorrections(tx, *n);
    return n;
}

ListResult List(storage::Tx& tx, long long office_id, long long person_id, const ListFilter& f) {
    ListResult res;
    tx.sql() << std::string("SELECT COUNT(*) FROM notes n") + kListWhere, soci::use(office_id), soci::use(person_id),
        soci::use(f.from), soci::use(f.from), soci::use(f.to), soci::use(f.to), soci::use(f.contact_kind),
        soci::use(f.contact_kind), soci::into(res.total);
    const int offset = (f.page - 1) * f.per_page;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kListWhere + kNewestFirst, soci::use(office_id),
         soci::use(person_id), soci::use(f.from), soci::use(f.from), soci::use(f.to), soci::use(f.to),
         soci::use(f.contact_kind), soci::use(f.contact_kind), soci::use(f.per_page), soci::use(offset));
    for (const auto& r : rows) res.items.push_back(FromRow(r));
    for (auto& n : res.items) LoadCorrections(tx, n);
    return res;
}

std::vector<Note> ForPrint(storage::Tx& tx, long long office_id, long long person_id, const std::string& from,
                           const std::string& to, int limit) {
    std::vector<Note> out;
    const std::string none;
    const int lim = limit + 1;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + kListWhere + kOldestFirst,
                                    soci::use(office_id), soci::use(person_id), soci::use(from), soci::use(from),
                                    soci::use(to), soci::use(to), soci::use(none), soci::use(none), soci::use(lim));
    for (const auto& r : rows) out.push_back(FromRow(r));
    for (auto& n : out) LoadCorrections(tx, n);
    return out;
}

long long AddCorrection(storage::Tx& tx, long long office_id, long long note_id, const Correction& c) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertCorrection, soci::use(office_id), soci::use(note_id), soci::use(c.text), soci::use(c.reason),
        soci::use(c.author_id), soci::use(now);
    return tx.LastId();
}

std::vector<DecisionRow> ListDecisionSupport(storage::Tx& tx, const auth::Scope& scope, bool substitute_only, int page,
                                             int per_page, long long& total) {
    const int sub = substitute_only ? 1 : 0, offset = (page - 1) * per_page;
    tx.sql() << std::string("SELECT COUNT(*) FROM notes n") + kDecisionWhere, soci::use(scope.office_id),
        soci::use(scope.whole_office), soci::use(scope.user_id), soci::use(sub), soci::into(total);
    const std::string sql = std::string(kColumns).replace(std::string(kColumns).find(" FROM"), 0, ", p.name AS pname") +
                            kDecisionWhere + kNewestFirst;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(scope.office_id), soci::use(scope.whole_office),
                                    soci::use(scope.user_id), soci::use(sub), soci::use(per_page), soci::use(offset));
    std::vector<DecisionRow> out;
    for (const auto& r : rows) out.push_back({FromRow(r), Text(r, "pname")});
    return out;
}

}  // namespace tsunagu::note
