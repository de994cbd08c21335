#include <soci/soci.h>

#include <array>
#include <boost/json.hpp>

#include "caseload/caseload_counts.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"
#include "storage/scope_sql.hpp"
#include "storage/statement_cache.hpp"
#include "storage/text_range.hpp"

namespace tsunagu::person {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
// Scope is part of every query: office, and for specialists an assignment — or, for the on-call
// routes only, an on-call slot of the user holding the given local time (当番).
constexpr const char* kScope =
    " p.office_id = :office AND (:whole = 1 OR EXISTS (SELECT 1 FROM assignments a WHERE a.office_id = p.office_id "
    "AND a.person_id = p.id AND a.user_id = :uid) OR (:oncall = 1 AND EXISTS (SELECT 1 FROM oncall_slots s WHERE "
    "s.office_id = p.office_id AND s.user_id = :uid2 AND s.start_at <= :at AND s.end_at > :at2))) ";
//! The assignees of a page's persons (storage::InIds adds the list).
constexpr const char* kAssigneesOf =
    "SELECT a.person_id, u.id, u.name FROM assignments a JOIN users u ON u.id = a.user_id "
    "WHERE a.office_id = :o AND a.person_id IN ";
constexpr const char* kAssigneesOrder = " ORDER BY a.person_id, u.id";
constexpr const char* kSelect =
    "SELECT p.id, p.office_id, p.name, p.kana, p.birth_date, p.gender, p.address, p.phone, p.disability_kinds, "
    "p.support_level, p.support_level_valid_until, p.certificate_number, p.decision_period_start, "
    "p.decision_period_end, p.wishes, p.contacts, p.notes, p.guardian, p.child_certificate_number, "
    "p.community_certificate_number, p.copay_cap, p.created_by, p.created_at, p.updated_at, p.status, "
    "p.closed_on, p.closure_reason ";
// On call now (当番): the on-call routes then list the whole office. Decided before the list's query, so
// that query has the one form of its scope (storage::Scoped).
constexpr const char* kOnCallNow =
    "SELECT 1 AS x FROM oncall_slots s WHERE s.office_id = :o AND s.user_id = :u AND s.start_at <= :at AND s.end_at "
    "> :at2 LIMIT 1";
//! A search's count is exact up to this many persons.
constexpr long long kTotalCap = 10000;
constexpr const char* kInsert =
    "INSERT INTO persons (office_id, name, kana, birth_date, gender, address, phone, disability_kinds, support_level, "
    "support_level_valid_until, certificate_number, decision_period_start, decision_period_end, wishes, contacts, "
    "notes, guardian, child_certificate_number, community_certificate_number, copay_cap, created_by, created_at, "
    "updated_at) VALUES (:office, :name, :kana, :birth, NULLIF(:gender, ''), "
    "NULLIF(:address, ''), NULLIF(:phone, ''), "
    ":kinds, NULLIF(:level, ''), NULLIF(:level_until, ''), NULLIF(:cert, ''), NULLIF(:dstart, ''), NULLIF(:dend, ''), "
    "NULLIF(:wishes, ''), :contacts, NULLIF(:notes, ''), NULLIF(:guardian, ''), NULLIF(:ccert, ''), NULLIF(:mcert, "
    "''), "
    "NULLIF(:cap, -1), :by, :now, :now2)";
constexpr const char* kUpdate =
    "UPDATE persons SET name = :name, kana = :kana, birth_date = :birth, gender = NULLIF(:gender, ''), address = "
    "NULLIF(:address, ''), "
    "phone = NULLIF(:phone, ''), disability_kinds = :kinds, support_level = NULLIF(:level, ''), "
    "support_level_valid_until = NULLIF(:level_until, ''), "
    "certificate_number = NULLIF(:cert, ''), decision_period_start = NULLIF(:dstart, ''), decision_period_end = "
    "NULLIF(:dend, ''), wishes = NULLIF(:wishes, ''), "
    "contacts = :contacts, notes = NULLIF(:notes, ''), guardian = NULLIF(:guardian, ''), child_certificate_number = "
    "NULLIF(:ccert, ''), community_certificate_number = NULLIF(:mcert, ''), copay_cap = NULLIF(:cap, -1), "
    "updated_at = :now WHERE id = :id AND office_id = :office";
constexpr const char* kUnindex = "DELETE FROM persons_fts WHERE rowid = :id";
constexpr const char* kIndex =
    "INSERT INTO persons_fts (rowid, name, kana) SELECT id, name, kana FROM persons WHERE office_id = :o AND id = :id";
// A few pages of merging with every write of the index (migration 0027: no write merges a whole level).
constexpr const char* kFtsMergeStep = "INSERT INTO persons_fts (persons_fts, rank) VALUES ('merge', 4)";
// SQLite: 1 when the name index holds the person's name and kana (persons_fts, by rowid) and their
// bigrams are under their office (person_grams_person): both are written together, by IndexForSearch.
constexpr const char* kIndexedSqlite =
    "SELECT 1 AS indexed FROM persons p WHERE p.office_id = :o AND p.id = :id AND EXISTS (SELECT 1 FROM persons_fts f "
    "WHERE f.rowid = p.id AND f.name IS p.name AND f.kana IS p.kana) AND EXISTS (SELECT 1 FROM person_grams g WHERE "
    "g.office_id = p.office_id AND g.person_id = p.id)";
// The bigrams of one person (migration 0023): of LOWER(name) and of kana, each ended by U+0001. The
// person is read by the whole key (office_id, id): PostgreSQL has no index on id alone.
constexpr const char* kUngram = "DELETE FROM person_grams WHERE office_id = :o AND person_id = :id";
constexpr const char* kGramSqlite =
    "INSERT INTO person_grams (office_id, gram, person_id) WITH RECURSIVE s(office_id, id, t) AS (SELECT office_id, "
    "id, LOWER(name) || char(1) || kana || char(1) FROM persons WHERE office_id = :o AND id = :id), g(office_id, id, "
    "t, i) AS (SELECT "
    "office_id, id, t, 1 FROM s UNION ALL SELECT office_id, id, t, i + 1 FROM g WHERE i < length(t) - 1) SELECT "
    "DISTINCT office_id, substr(t, i, 2), id FROM g WHERE substr(t, i, 1) <> char(1)";
constexpr const char* kGramPg =
    "INSERT INTO person_grams (office_id, gram, person_id) SELECT DISTINCT s.office_id, substr(s.t, i, 2), s.id FROM "
    "(SELECT office_id, id, LOWER(name) || chr(1) || kana || chr(1) AS t FROM persons WHERE office_id = :o AND id = "
    ":id) s, "
    "generate_series(1, length(s.t) - 1) AS i WHERE substr(s.t, i, 1) <> chr(1)";
constexpr const char* kDeleteAssignees = "DELETE FROM assignments WHERE office_id = :o AND person_id = :pid";
constexpr const char* kInsertAssignee = "INSERT INTO assignments (office_id, person_id, user_id) VALUES (:o, :p, :u)";
constexpr const char* kAssignable =
    "SELECT id FROM users WHERE office_id = :office AND active = 1 AND role IN ('specialist', 'chief') ORDER BY id";

std::string LikePattern(const std::string& q) {
    std::string out = "%";
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

std::string GuardianJson(const Person& p) {
    if (p.guardian.name.empty()) return "";
    return json::serialize(
        json::object{{"name", p.guardian.name}, {"relation", p.guardian.relation}, {"phone", p.guardian.phone}});
}

std::string KindsJson(const Person& p) { return storage::StringListJson(p.disability_kinds); }

std::string ContactsJson(const Person& p) {
    json::array a;
    for (const auto& c : p.contacts)
        a.push_back(json::object{{"role", c.role}, {"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
    return json::serialize(a);
}

Person FromRow(const soci::row& r) {
    Person p;
    p.id = Int(r, "id");
    p.office_id = Int(r, "office_id");
    p.name = Text(r, "name");
    p.kana = Text(r, "kana");
    p.birth_date = Text(r, "birth_date");
    p.gender = Text(r, "gender");
    p.address = Text(r, "address");
    p.phone = Text(r, "phone");
    p.disability_kinds = storage::StringList(Text(r, "disability_kinds"));
    p.support_level = Text(r, "support_level");
    p.support_level_valid_until = Text(r, "support_level_valid_until");
    p.certificate_number = Text(r, "certificate_number");
    p.decision_period_start = Text(r, "decision_period_start");
    p.decision_period_end = Text(r, "decision_period_end");
    p.wishes = Text(r, "wishes");
    const json::value contacts = json::parse(Text(r, "contacts"));
    for (const auto& v : contacts.as_array()) {
        const auto& o = v.as_object();
        p.contacts.push_back({std::string(o.at("role").as_string()), std::string(o.at("name").as_string()),
                              std::string(o.at("relation").as_string()), std::string(o.at("phone").as_string())});
    }
    p.notes = Text(r, "notes");
    if (const std::string g = Text(r, "guardian"); !g.empty()) {
        const json::object o = json::parse(g).as_object();
        p.guardian = {std::string(o.at("name").as_string()), std::string(o.at("relation").as_string()),
                      std::string(o.at("phone").as_string())};
    }
    p.child_certificate_number = Text(r, "child_certificate_number");
    p.community_certificate_number = Text(r, "community_certificate_number");
    if (r.get_indicator("copay_cap") != soci::i_null) p.copay_cap = Int(r, "copay_cap");
    p.created_by = Int(r, "created_by");
    p.created_at = Text(r, "created_at");
    p.updated_at = Text(r, "updated_at");
    p.status = Text(r, "status");
    p.closed_on = Text(r, "closed_on");
    p.closure_reason = Text(r, "closure_reason");
    return p;
}

//! On call (当番) now: a slot of the user holds the scope's local time.
bool OnCallNow(storage::Tx& tx, const auth::Scope& scope) {
    storage::CachedQuery q(tx, kOnCallNow, {scope.office_id, scope.user_id, scope.at, scope.at});
    return q.Next();
}

//! The assignees of every person of a page (one office) in one query, not one per person.
void LoadAssignees(storage::Tx& tx, std::vector<Person>& persons) {
    if (persons.empty()) return;
    std::vector<long long> ids;
    for (const Person& p : persons) ids.push_back(p.id);
    const long long office = persons.front().office_id;
    static const storage::InIds sql(kAssigneesOf, kAssigneesOrder);
    storage::CachedQuery rows(tx, sql.For(tx.dialect()), {office, storage::IdsValue(tx.dialect(), ids)});
    while (rows.Next()) {
        const soci::row& r = rows.row();
        const long long person = Int(r, "person_id");
        for (Person& p : persons)
            if (p.id == person) p.assignees.emplace_back(Int(r, "id"), Text(r, "name"));
    }
}

//! How a list narrows by the text typed (the statement's variant).
enum class ListFilter {
    kNoText,  //!< no text: the scope and the status only
    kFts,     //!< 3 characters or more on SQLite: the trigram index (persons_fts)
    kGrams,   //!< one or two characters, both engines: the bigram index (person_grams)
    kLike,    //!< 3 characters or more on PostgreSQL: LIKE, which pg_trgm's indexes answer
};
constexpr std::size_t kListFilters = 4;

//! The filter's condition. Every variant binds the same values (q, match, like, like_kana, then the
//! bigram ranges' office, q, q, top, office, kana, kana, top), in this order; a variant that does not
//! use one names it in a no-op condition.
std::string ListFilterSql(ListFilter f) {
    constexpr const char* kUnusedGrams =
        " AND CAST(:go AS BIGINT) IS NOT NULL AND CAST(:g1 AS TEXT) IS NOT NULL AND CAST(:g1b AS TEXT) IS NOT NULL "
        "AND CAST(:top AS TEXT) IS NOT NULL AND CAST(:go2 AS BIGINT) IS NOT NULL AND CAST(:g2 AS TEXT) IS NOT NULL "
        "AND CAST(:g2b AS TEXT) IS NOT NULL AND CAST(:top2 AS TEXT) IS NOT NULL";
    switch (f) {
        case ListFilter::kNoText:
            return std::string(" AND (:q0 = '' OR :m = '' OR :l = '' OR :lk = '')") + kUnusedGrams;
        case ListFilter::kFts:
            return std::string(
                       " AND (:q0 <> '' AND p.id IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH :m)"
                       " AND CAST(:l AS TEXT) IS NOT NULL AND CAST(:lk AS TEXT) IS NOT NULL)") +
                   kUnusedGrams;
        case ListFilter::kGrams:
            // One range for the text as typed (lower case) and one for its katakana (a UNION: an OR of
            // the two ranges would read every bigram of the office).
            return " AND (:q0 <> '' AND CAST(:m AS TEXT) IS NOT NULL AND CAST(:l AS TEXT) IS NOT NULL AND CAST(:lk AS "
                   "TEXT) IS NOT NULL AND p.id IN (SELECT g.person_id FROM person_grams g WHERE g.office_id = :go AND "
                   "g.gram >= LOWER(:g1) AND g.gram <= (LOWER(:g1b) || :top) UNION ALL SELECT g.person_id FROM "
                   "person_grams g WHERE g.office_id = :go2 AND g.gram >= :g2 AND g.gram <= (:g2b || :top2)))";
        case ListFilter::kLike:
            // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            return std::string(
                       " AND (:q0 <> '' AND CAST(:m AS TEXT) IS NOT NULL AND (LOWER(p.name) LIKE LOWER(:l) ESCAPE "
                       "'\\' OR LOWER(p.kana) LIKE LOWER(:lk) ESCAPE '\\'))") +
                   kUnusedGrams;
    }
    return {};
}

//! The list's count (exact up to kTotalCap; past that the count says "at least") or its page, for a
//! filter and a scope (storage::Scoped): one fixed text each, built once, so every connection
//! prepares each once (statement cache) instead of parsing a new text on every list.
const char* ListSql(ListFilter f, bool whole, bool count) {
    constexpr std::size_t kFilters = kListFilters;
    //! The position of a variant's text: four per filter (scope of one's own or the whole office, then
    //! the count or the page).
    constexpr auto kAt = [](std::size_t filter, bool whole_office, bool counted) {
        return filter * 4 + (whole_office ? 2 : 0) + (counted ? 0 : 1);
    };
    static const auto texts = [&] {
        std::array<std::string, kFilters * 4> t;
        for (std::size_t k = 0; k < kFilters; ++k)
            for (const bool w : {false, true}) {
                const storage::ScopedRows in_scope = storage::Scoped(w, "persons", "p", "id");
                const std::string where = " WHERE" + in_scope.where + ListFilterSql(static_cast<ListFilter>(k)) +
                                          " AND (:st = '' OR p.status = :st2)";
                t[kAt(k, w, true)] = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM " + in_scope.from + where + " LIMIT " +
                                     std::to_string(kTotalCap + 1) + ") c";
                t[kAt(k, w, false)] = std::string(kSelect) + "FROM " + in_scope.from + where +
                                      " ORDER BY p.kana, p.id LIMIT :lim OFFSET :off";
            }
        return t;
    }();
    return texts[kAt(static_cast<std::size_t>(f), whole, count)].c_str();
}
}  // namespace

ListResult List(storage::Tx& tx, const auth::Scope& scope, const std::string& q, int page, int per_page,
                const std::string& status) {
    ListResult res;
    const std::string kana = ToKatakana(q);
    const bool sqlite = tx.dialect() == storage::Dialect::kSqlite;
    const ListFilter filter = q.empty()                 ? ListFilter::kNoText
                              : http::Utf8Length(q) < 3 ? ListFilter::kGrams
                              : sqlite                  ? ListFilter::kFts
                                                        : ListFilter::kLike;
    // name : "q" OR kana : "qk", each a literal phrase, so FTS operators in q are only text.
    auto phrase = [](const std::string& s) {
        std::string out = "\"";
        for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    const std::string match = "name : " + phrase(q) + " OR kana : " + phrase(kana);
    const std::string like = LikePattern(q), like_kana = LikePattern(kana), top = storage::kTopCodePoint;
    const bool whole = scope.whole_office == 1 || (scope.on_call == 1 && OnCallNow(tx, scope));
    const long long whole_value = whole ? 1 : 0;
    // Every variant binds the same values in this order (see ListSql).
    std::vector<storage::Value> values{
        scope.office_id, whole_value, scope.user_id, q,   match,  like,  like_kana, scope.office_id, q, q, top,
        scope.office_id, kana,        kana,          top, status, status};
    {
        storage::CachedQuery count(tx, ListSql(filter, whole, true), values);
        if (count.Next()) res.total = Int(count.row(), "n");
    }
    if (res.total > kTotalCap) {
        res.total = kTotalCap;
        res.total_is_lower_bound = true;
    }
    values.emplace_back(static_cast<long long>(per_page));
    values.emplace_back(static_cast<long long>(page - 1) * per_page);
    storage::CachedQuery rows(tx, ListSql(filter, whole, false), std::move(values));
    while (rows.Next()) res.items.push_back(FromRow(rows.row()));
    LoadAssignees(tx, res.items);
    return res;
}

std::vector<Person> FindMany(storage::Tx& tx, const auth::Scope& scope, const std::vector<long long>& ids) {
    std::vector<Person> found;
    if (ids.empty()) return found;
    static const storage::InIds sql(std::string(kSelect) + "FROM persons p WHERE p.id IN ",
                                    std::string(" AND ") + kScope);
    storage::CachedQuery rows(
        tx, sql.For(tx.dialect()),
        {storage::IdsValue(tx.dialect(), ids), scope.office_id, static_cast<long long>(scope.whole_office),
         scope.user_id, static_cast<long long>(scope.on_call), scope.user_id, scope.at, scope.at});
    while (rows.Next()) found.push_back(FromRow(rows.row()));
    LoadAssignees(tx, found);
    std::vector<Person> out;  // in the order asked for
    for (long long id : ids)
        for (Person& p : found)
            if (p.id == id) out.push_back(std::move(p));
    return out;
}

void IndexForSearch(storage::Tx& tx, long long office_id, long long person_id) {
    const bool sqlite = tx.dialect() == storage::Dialect::kSqlite;
    storage::CachedExec(tx, kUngram, {office_id, person_id});
    storage::CachedExec(tx, (sqlite ? kGramSqlite : kGramPg), {office_id, person_id});
    // PostgreSQL searches the persons table itself for 3+ characters (pg_trgm indexes on it).
    if (!sqlite) return;
    storage::CachedExec(tx, kUnindex, {person_id});
    storage::CachedExec(tx, kIndex, {office_id, person_id});
    storage::CachedExec(tx, kFtsMergeStep);
}

void RefreshSearchIndex(storage::Tx& tx, long long office_id, long long person_id) {
    if (tx.dialect() == storage::Dialect::kSqlite) {
        storage::CachedQuery indexed(tx, kIndexedSqlite, {office_id, person_id});
        if (indexed.Next()) return;
    }
    IndexForSearch(tx, office_id, person_id);
}

std::optional<Person> Find(storage::Tx& tx, const auth::Scope& scope, long long id) {
    // The person and its assignees in one statement: a row per assignee (one with none), in the order
    // LoadAssignees gives. A second query was a second round trip on PostgreSQL for every read (issue 8).
    // One text for the process: its address keys the connection's prepared statement.
    static const std::string sql = std::string(kSelect) +
                                   ", pu.id AS assignee_id, pu.name AS assignee_name FROM persons p LEFT JOIN "
                                   "assignments pa ON pa.office_id = p.office_id AND pa.person_id = p.id LEFT JOIN "
                                   "users pu ON pu.id = pa.user_id WHERE p.id = :id AND " +
                                   kScope + "ORDER BY pa.user_id";
    storage::CachedQuery q(tx, sql.c_str(),
                           {id, scope.office_id, static_cast<long long>(scope.whole_office), scope.user_id,
                            static_cast<long long>(scope.on_call), scope.user_id, scope.at, scope.at});
    std::optional<Person> p;
    while (q.Next()) {
        if (!p) p = FromRow(q.row());
        if (q.row().get_indicator("assignee_id") != soci::i_null)
            p->assignees.emplace_back(Int(q.row(), "assignee_id"), Text(q.row(), "assignee_name"));
    }
    return p;
}

long long Insert(storage::Tx& tx, const Person& p) {
    const std::string kinds = KindsJson(p), contacts = ContactsJson(p), now = storage::NowIso();
    const std::string guardian = GuardianJson(p);
    const long long cap = p.copay_cap.value_or(-1);
    tx.sql() << kInsert, soci::use(p.office_id), soci::use(p.name), soci::use(p.kana), soci::use(p.birth_date),
        soci::use(p.gender), soci::use(p.address), soci::use(p.phone), soci::use(kinds), soci::use(p.support_level),
        soci::use(p.support_level_valid_until), soci::use(p.certificate_number), soci::use(p.decision_period_start),
        soci::use(p.decision_period_end), soci::use(p.wishes), soci::use(contacts), soci::use(p.notes),
        soci::use(guardian), soci::use(p.child_certificate_number), soci::use(p.community_certificate_number),
        soci::use(cap), soci::use(p.created_by), soci::use(now), soci::use(now);
    return tx.LastId();
}

void Update(storage::Tx& tx, const Person& p) {
    const std::string kinds = KindsJson(p), contacts = ContactsJson(p), now = storage::NowIso();
    const std::string guardian = GuardianJson(p);
    const long long cap = p.copay_cap.value_or(-1);
    caseload::UncountPerson(tx, p.office_id, p.id);  // the support level may change
    tx.sql() << kUpdate, soci::use(p.name), soci::use(p.kana), soci::use(p.birth_date), soci::use(p.gender),
        soci::use(p.address), soci::use(p.phone), soci::use(kinds), soci::use(p.support_level),
        soci::use(p.support_level_valid_until), soci::use(p.certificate_number), soci::use(p.decision_period_start),
        soci::use(p.decision_period_end), soci::use(p.wishes), soci::use(contacts), soci::use(p.notes),
        soci::use(guardian), soci::use(p.child_certificate_number), soci::use(p.community_certificate_number),
        soci::use(cap), soci::use(now), soci::use(p.id), soci::use(p.office_id);
    caseload::CountPerson(tx, p.office_id, p.id);
}

std::vector<long long> AssignableUsers(storage::Tx& tx, long long office_id) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kAssignable, soci::use(office_id));
    for (const auto& r : rows) out.push_back(Int(r, "id"));
    return out;
}

void SetAssignees(storage::Tx& tx, long long office_id, long long person_id, const std::vector<long long>& user_ids) {
    const auto allowed = AssignableUsers(tx, office_id);
    for (std::size_t i = 0; i < user_ids.size(); ++i)
        if (std::find(allowed.begin(), allowed.end(), user_ids[i]) == allowed.end())
            throw http::Invalid("user_ids[" + std::to_string(i) + "]", "この事業所の有効な職員を選んでください。");
    caseload::UncountPerson(tx, office_id, person_id);
    tx.sql() << kDeleteAssignees, soci::use(office_id), soci::use(person_id);
    std::vector<long long> unique = user_ids;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (long long uid : unique)
        tx.sql() << kInsertAssignee, soci::use(office_id), soci::use(person_id), soci::use(uid);
    caseload::CountPerson(tx, office_id, person_id);
}

}  // namespace tsunagu::person
