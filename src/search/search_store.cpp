// The search index (search_entries; SQLite: FTS5 trigram table search_fts kept in step by triggers;
// PostgreSQL: a pg_trgm GIN index on text_normalised). Scope is part of every query.
#include <soci/soci.h>

#include <algorithm>

#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/row.hpp"
#include "storage/scope_sql.hpp"
#include "storage/statement_cache.hpp"
#include "storage/text_range.hpp"

namespace tsunagu::search {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kExisting =
    "SELECT id, text_normalised FROM search_entries WHERE office_id = :o AND kind = :k AND entity_id = :e";
constexpr const char* kInsert =
    "INSERT INTO search_entries (office_id, person_id, kind, entity_id, date, text, text_normalised, updated_at) "
    "VALUES (:o, :p, :k, :e, :d, :t, :n, :now)";
constexpr const char* kUpdate =
    "UPDATE search_entries SET person_id = :p, date = :d, text = :t, text_normalised = :n, updated_at = :now "
    "WHERE id = :id AND office_id = :o";
constexpr const char* kDelete = "DELETE FROM search_entries WHERE id = :id AND office_id = :o";
// SQLite: the FTS5 table is external-content, written beside search_entries (same transaction). It
// indexes each text with kFtsEnd after it (migration 0024: its view search_fts_content).
constexpr const char* kFtsEnd = "\n\n";
constexpr const char* kFtsInsert = "INSERT INTO search_fts (rowid, text_normalised) VALUES (:id, :n)";
constexpr const char* kFtsDelete =
    "INSERT INTO search_fts (search_fts, rowid, text_normalised) VALUES ('delete', :id, :n)";
// A few pages of merging with every write of the index (migration 0027: no write merges a whole level).
constexpr const char* kFtsMergeStep = "INSERT INTO search_fts (search_fts, rank) VALUES ('merge', 4)";
// How the entries of a search are reached (SQLite; PostgreSQL's planner is left to choose):
// - kEntries: by the office's indexes (a small office read on its own: search_entries_scan holds
//   its entries together with their text; or PostgreSQL);
// - kEntriesByMatch: the trigram index's matches as it finds them, each entry by its rowid, for
//   the count: it stops at the count's cap and a word with no match costs nothing;
// - by rowid (`+` keeps the office's indexes out): a page of few matches, its entries by rowid;
// - kEntriesByDate: the office's entries newest first (the narrow index, no text in it), each
//   checked against the matches, for a page of many matches: it stops at the page's last row.
constexpr const char* kEntries = "search_entries e";
constexpr const char* kEntriesByDate = "search_entries e INDEXED BY search_entries_date";
constexpr const char* kEntriesByMatch = "search_fts f CROSS JOIN search_entries e ON e.id = f.rowid";
constexpr const char* kMatchJoined = " AND f.search_fts MATCH :m ";

//! The caller's scope (the office and, for specialists, the persons assigned to them) over the
//! entries `e` reached as `entries`; `persons` joins each entry's person (the page needs the name).
std::string Scoped(const char* entries, bool by_rowid, bool persons) {
    std::string s = std::string(" FROM ") + entries + " ";
    if (persons) s += "JOIN persons p ON p.id = e.person_id AND p.office_id = e.office_id ";
    return s + "WHERE " + (by_rowid ? "+e.office_id" : "e.office_id") +
           " = :office AND (:whole = 1 OR EXISTS (SELECT 1 FROM assignments a WHERE a.office_id = e.office_id AND "
           "a.person_id = e.person_id AND a.user_id = :uid)) AND (:pid = 0 OR e.person_id = :pid2) ";
}
//! The office's entries, counted up to :lim (Query::scan_entries + 1).
constexpr const char* kOfficeEntries =
    "SELECT COUNT(*) FROM (SELECT 1 FROM search_entries WHERE office_id = :o LIMIT :lim) c";
//! The index's trigrams that begin with a short query (one range of its term list).
constexpr const char* kTermsFrom = "SELECT term FROM search_fts_terms WHERE term >= :lo AND term < :hi LIMIT :lim";
// On SQLite: the trigram index, the query as one phrase (3+ characters) or its trigrams OR-ed (shorter).
constexpr const char* kMatchFts = " AND e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :m) ";
// A big office's on PostgreSQL (pg_trgm's GIN index serves LIKE).
constexpr const char* kMatchLike = " AND e.text_normalised LIKE :m ESCAPE '\\' ";
// SQLite, entries read on their own (a small office, a character too common for the index, a
// specialist's persons): a byte search (contains_text, storage::RegisterSqliteFunctions). The text
// and the query are normalised to lower case, so LIKE's ASCII case folding would find nothing more,
// and a byte search costs a fraction of LIKE's character-by-character pattern.
constexpr const char* kMatchContains = " AND contains_text(e.text_normalised, :m) ";
// PostgreSQL, a small office: the same match, read from the office's entries (not pg_trgm's index):
// strpos finds the same substrings as LIKE '%…%' (both case-sensitive), at a third of its cost (the
// page's statement over an office's 3,300 entries in psql: 5.6–6.9 against 16–19 ms); no index serves it.
constexpr const char* kMatchStrposOffice = " AND strpos(e.text_normalised, :m) > 0 ";
constexpr const char* kColumns = "SELECT e.kind, e.entity_id, e.person_id, p.name, e.date, e.text";
//! The number of matches beside each row of the page (a small office's one pass).
constexpr const char* kCountOver = ", COUNT(*) OVER () AS total";
constexpr const char* kOrder = " ORDER BY e.date DESC, e.id DESC LIMIT :lim OFFSET :off";
//! The entries of a page by id (storage::InIds adds the list), for FindInSmallOffice.
constexpr const char* kPageByIds =
    "SELECT e.id, e.kind, e.entity_id, e.person_id, p.name, e.date, e.text FROM search_entries e JOIN persons p ON "
    "p.id = e.person_id AND p.office_id = e.office_id WHERE e.office_id = :o AND e.id IN ";

//! The match of entries read without the trigram index, as its clause and the value bound to :m
//! (they go together: a pattern for LIKE, the text itself for the byte searches). `office_read`: the
//! entries are read on their own (a small office, a specialist's persons), not through pg_trgm.
struct ScanMatch {
    const char* clause;
    std::string value;
};
ScanMatch ScanMatchOf(storage::Dialect d, bool office_read, const std::string& q) {
    if (d == storage::Dialect::kSqlite) return {kMatchContains, q};
    if (office_read) return {kMatchStrposOffice, q};
    return {kMatchLike, LikeContains(q)};
}

//! `e.kind IN (...)` of the requested kinds, each checked against kKinds (so never user text).
std::string KindsClause(const std::vector<std::string>& kinds) {
    std::string in;
    for (const auto& k : kinds) {
        if (std::find(kKinds.begin(), kKinds.end(), k) == kKinds.end()) continue;
        in += (in.empty() ? "'" : ", '") + k + "'";
    }
    return in.empty() ? std::string() : " AND e.kind IN (" + in + ") ";
}
}  // namespace

namespace {
struct Existing {
    long long id = 0;
    std::string normalised;
};
Existing FindExisting(storage::Tx& tx, long long office_id, const std::string& kind, long long entity_id) {
    Existing e;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kExisting, soci::use(office_id), soci::use(kind), soci::use(entity_id));
    for (const auto& r : rows) e = {Int(r, "id"), Text(r, "text_normalised")};
    return e;
}
}  // namespace

void Index(storage::Tx& tx, long long office_id, long long person_id, const std::string& kind, long long entity_id,
           const std::string& date, const std::string& text) {
    const bool fts = tx.dialect() == storage::Dialect::kSqlite;
    const std::string normalised = Normalise(text), now = storage::NowIso();
    Existing e = FindExisting(tx, office_id, kind, entity_id);
    if (e.id != 0) {
        // The same text as indexed (a save that changed other fields, a plan's submission, consent
        // or issue): the index holds it already, and only the entry's own columns are written.
        const bool same = e.normalised == normalised;
        if (fts && !same) storage::CachedExec(tx, kFtsDelete, {e.id, e.normalised + kFtsEnd});
        storage::CachedExec(tx, kUpdate, {person_id, date, text, normalised, now, e.id, office_id});
        if (same) return;
    } else {
        storage::CachedExec(tx, kInsert, {office_id, person_id, kind, entity_id, date, text, normalised, now});
        e.id = tx.LastId();
    }
    if (!fts) return;
    storage::CachedExec(tx, kFtsInsert, {e.id, normalised + kFtsEnd});
    storage::CachedExec(tx, kFtsMergeStep);
}

void Remove(storage::Tx& tx, long long office_id, const std::string& kind, long long entity_id) {
    const Existing e = FindExisting(tx, office_id, kind, entity_id);
    if (e.id == 0) return;
    const std::string old_indexed = e.normalised + kFtsEnd;
    const bool fts = tx.dialect() == storage::Dialect::kSqlite;
    if (fts) storage::CachedExec(tx, kFtsDelete, {e.id, old_indexed});
    storage::CachedExec(tx, kDelete, {e.id, office_id});
    if (fts) storage::CachedExec(tx, kFtsMergeStep);
}

//! The trigrams in the index that begin with `q` (shorter than a trigram), up to `limit` of them.
std::vector<std::string> TermsStartingWith(storage::Tx& tx, const std::string& q, int limit) {
    std::vector<std::string> terms;
    const std::string hi = q + storage::kTopCodePoint;  // after every character that may follow
    soci::rowset<soci::row> rows = (tx.sql().prepare << kTermsFrom, soci::use(q), soci::use(hi), soci::use(limit));
    for (const auto& r : rows) terms.push_back(Text(r, "term"));
    return terms;
}

//! `s` without C0 control characters: a query is one line, and the index's line feeds (kFtsEnd) are
//! never part of what it asks for.
std::string WithoutControls(std::string s) {
    std::erase_if(s, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    return s;
}

//! Exact up to kTotalCap matches, then "at least" (total_is_lower_bound).
void CapTotal(Result& res) {
    if (res.total <= kTotalCap) return;
    res.total = kTotalCap;
    res.total_is_lower_bound = true;
}

//! A specialist's search: the entries of their own persons (a few dozen persons' records), found from
//! their assignments and matched by LIKE (the same matches as the trigram index: see Find), whatever
//! the size of the office. Through the trigram index, a common word's matches are those of every
//! office, read to find the specialist's few (a second in an office of 100,000).
Result FindAmongOwn(storage::Tx& tx, const auth::Scope& scope, const Query& query, const std::string& q) {
    Result res;
    const storage::ScopedRows own = storage::Scoped(false, "search_entries", "e", "person_id");
    const ScanMatch scan = ScanMatchOf(tx.dialect(), true, q);
    const std::string where =
        " WHERE" + own.where + "AND (:pid = 0 OR e.person_id = :pid2) " + KindsClause(query.kinds) + scan.clause;
    const std::string& match = scan.value;
    const long long whole = 0;
    tx.sql() << "SELECT COUNT(*) FROM (SELECT 1 FROM " + own.from + where + " LIMIT " + std::to_string(kTotalCap + 1) +
                    ") c",
        soci::use(scope.office_id), soci::use(whole), soci::use(scope.user_id), soci::use(query.person_id),
        soci::use(query.person_id), soci::use(match), soci::into(res.total);
    CapTotal(res);
    const int offset = (query.page - 1) * query.per_page;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kColumns + std::string(" FROM ") + own.from +
                                 " JOIN persons p ON p.id = e.person_id AND p.office_id = e.office_id" + where + kOrder,
         soci::use(scope.office_id), soci::use(whole), soci::use(scope.user_id), soci::use(query.person_id),
         soci::use(query.person_id), soci::use(match), soci::use(query.per_page), soci::use(offset));
    for (const auto& r : rows)
        res.items.push_back({Text(r, "kind"), Int(r, "entity_id"), Int(r, "person_id"), Text(r, "name"),
                             Text(r, "date"), Text(r, "text")});
    return res;
}

//! SQLite, an office with few entries (Query::scan_entries), matched by `filter` (LIKE): one walk of
//! its entries in the page's order, through the covering index search_entries_scan (date, id, text),
//! gives every match's id. The count is their number and the page a slice of them, read by id: the
//! count and the page no longer walk the office's entries once each. Every match's id is kept (at
//! most scan_entries of them), so a page past kTotalCap matches still has its rows.
Result FindInSmallOffice(storage::Tx& tx, const auth::Scope& scope, const Query& query, const std::string& filter,
                         const std::string& match) {
    Result res;
    std::vector<long long> ids;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT e.id" + Scoped(kEntries, false, false) + filter +
                                     " ORDER BY e.date DESC, e.id DESC",
             soci::use(scope.office_id), soci::use(scope.whole_office), soci::use(scope.user_id),
             soci::use(query.person_id), soci::use(query.person_id), soci::use(match));
        for (const auto& r : rows) ids.push_back(Int(r, "id"));
    }
    res.total = static_cast<long long>(ids.size());
    CapTotal(res);
    const auto offset = static_cast<std::size_t>(query.page - 1) * static_cast<std::size_t>(query.per_page);
    if (offset >= ids.size()) return res;
    const std::vector<long long> page(
        ids.begin() + static_cast<std::ptrdiff_t>(offset),
        ids.begin() +
            static_cast<std::ptrdiff_t>(std::min(ids.size(), offset + static_cast<std::size_t>(query.per_page))));
    static const storage::InIds by_ids(kPageByIds);
    auto hits = storage::RowsByKey<Hit>(tx, by_ids, scope.office_id, page, "id", [](const soci::row& r) -> Hit {
        return {Text(r, "kind"), Int(r, "entity_id"), Int(r, "person_id"),
                Text(r, "name"), Text(r, "date"),     Text(r, "text")};
    });
    for (long long id : page)  // in the walk's order (newest first)
        for (Hit& h : storage::TakeList(hits, id)) res.items.push_back(std::move(h));
    return res;
}

Result Find(storage::Tx& tx, const auth::Scope& scope, const Query& query) {
    Result res;
    const std::string q = WithoutControls(Normalise(query.q));
    if (q.empty()) return res;
    if (scope.whole_office != 1) return FindAmongOwn(tx, scope, query, q);
    // SQLite's trigram index is one for the whole file: its matches of a common word are those of
    // every office. An office with few entries is read on its own instead (the same matches: the
    // normalised text is lower case, and LIKE finds the same substrings as the trigram phrase).
    // PostgreSQL's trigram index is one for every office too: a common word's candidates there are
    // a million rows, so a small office is read on its own as well (the match as an expression the
    // index cannot serve, so the planner reads the office's entries).
    long long entries = 0;
    const long long limit = query.scan_entries + 1;
    tx.sql() << kOfficeEntries, soci::use(scope.office_id), soci::use(limit), soci::into(entries);
    const bool small = entries <= query.scan_entries;
    const bool sqlite = tx.dialect() == storage::Dialect::kSqlite;
    bool fts = sqlite && !small;
    std::string match;
    if (fts && CodePoints(q) < kTrigramMinChars) {
        // One or two characters: every place they occur starts one of the index's trigrams (the texts
        // end with kFtsEnd), so the matches are those of the trigrams that begin with them. A query
        // that begins more than query.max_short_terms of them (a common character) reads the scope.
        const auto terms = TermsStartingWith(tx, q, query.max_short_terms + 1);
        if (terms.empty()) return res;
        if (terms.size() > static_cast<std::size_t>(query.max_short_terms)) fts = false;
        for (const auto& t : terms) match += (match.empty() ? "" : " OR ") + FtsPhrase(t);
    } else if (fts) {
        match = FtsPhrase(q);
    }
    const ScanMatch scan = ScanMatchOf(tx.dialect(), small, q);
    if (!fts) match = scan.value;
    const char* like = scan.clause;
    const std::string filter = KindsClause(query.kinds) + (fts ? kMatchFts : like);
    if (sqlite && small) return FindInSmallOffice(tx, scope, query, filter, match);
    const int offset = (query.page - 1) * query.per_page;
    auto read_page = [&](const std::string& sql, bool counted) {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << sql, soci::use(scope.office_id), soci::use(scope.whole_office),
             soci::use(scope.user_id), soci::use(query.person_id), soci::use(query.person_id), soci::use(match),
             soci::use(query.per_page), soci::use(offset));
        for (const auto& r : rows) {
            res.items.push_back({Text(r, "kind"), Int(r, "entity_id"), Int(r, "person_id"), Text(r, "name"),
                                 Text(r, "date"), Text(r, "text")});
            if (counted) res.total = Int(r, "total");
        }
    };
    // PostgreSQL, a small office read on its own: one pass over its entries gives the page and the
    // count (at most scan_entries of them, so counting them all is bounded), not one pass for each.
    // (SQLite, a small office: FindInSmallOffice, above.)
    const bool one_pass = small && !sqlite;
    if (one_pass) {
        read_page(kColumns + std::string(kCountOver) + Scoped(kEntries, false, true) + filter + kOrder, true);
        if (!res.items.empty() || offset == 0) {
            CapTotal(res);
            return res;
        }
        // A page past the last: its count comes from the count below.
    }
    // A common word in a big office is not counted to its end on every page: the count stops past kTotalCap.
    const std::string count_filter = KindsClause(query.kinds) + (fts ? kMatchJoined : like);
    tx.sql() << "SELECT COUNT(*) FROM (SELECT 1" + Scoped(fts ? kEntriesByMatch : kEntries, fts, false) + count_filter +
                    " LIMIT " + std::to_string(kTotalCap + 1) + ") c",
        soci::use(scope.office_id), soci::use(scope.whole_office), soci::use(scope.user_id), soci::use(query.person_id),
        soci::use(query.person_id), soci::use(match), soci::into(res.total);
    CapTotal(res);
    if (one_pass) return res;
    const bool by_date = fts && res.total > query.rowid_page_matches;
    read_page(kColumns + Scoped(by_date ? kEntriesByDate : kEntries, fts && !by_date, true) + filter + kOrder, false);
    return res;
}

}  // namespace tsunagu::search
