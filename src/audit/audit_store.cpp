#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "audit/audit.hpp"
#include "http/context.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::audit {

namespace {
// Each office has its own chain (office 0: events of no office, e.g. unknown logins), so on
// PostgreSQL offices append without waiting on each other. Rows up to the cut-over (migration
// 0006) form the one chain of before; its head is where every office's chain starts.
constexpr const char* kChainStart = "SELECT last_id, last_hash FROM audit_chain_start WHERE id = 1";
// An office's last row and the start of every chain in ONE statement: a batch of reads' audit rows
// reads this once per office, and on PostgreSQL each statement is a round trip (decision 0007).
constexpr const char* kOfficeHeadAndStart =
    "SELECT s.last_id, s.last_hash, l.id, l.hash FROM (SELECT 1 AS one) k "
    "LEFT JOIN audit_chain_start s ON s.id = 1 "
    "LEFT JOIN (SELECT id, hash FROM audit_log WHERE office_id = :office ORDER BY id DESC LIMIT 1) l ON 1 = 1";
constexpr const char* kLastIdSqlite = "SELECT id FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kLockOfficePostgres = "SELECT pg_advisory_xact_lock(7412, CAST(:office AS INTEGER))";
constexpr const char* kHeadAll = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log";
// Each office's count of rows (migration 0030), kept by AppendAll in the transaction that appends,
// read with the office's last row in ONE statement: on PostgreSQL (READ COMMITTED) each statement
// has a snapshot of its own, and a batch committed between two reads would pair a count with
// another count's last row.
constexpr const char* kOfficeRowsAndHead =
    "SELECT c.row_count, l.id, l.hash FROM (SELECT CAST(:office AS BIGINT) AS office_id) k "
    "LEFT JOIN audit_office_rows c ON c.office_id = k.office_id "
    "LEFT JOIN (SELECT id, hash FROM audit_log WHERE office_id = :office2 ORDER BY id DESC LIMIT 1) l ON 1 = 1";
constexpr const char* kAddOfficeRows =
    "INSERT INTO audit_office_rows (office_id, row_count) VALUES (:office, :n) "
    "ON CONFLICT (office_id) DO UPDATE SET row_count = audit_office_rows.row_count + excluded.row_count";
constexpr const char* kHashOf = "SELECT hash FROM audit_log WHERE id = :id";
// `audit recount`: migration 0030's fill, again.
constexpr const char* kClearOfficeRows = "DELETE FROM audit_office_rows";
constexpr const char* kCountOfficeRows =
    "INSERT INTO audit_office_rows (office_id, row_count) "
    "SELECT COALESCE(office_id, 0), COUNT(*) FROM audit_log GROUP BY COALESCE(office_id, 0)";

AuditEvent MakeEvent(const http::Context& ctx, const std::string& action, const std::string& entity,
                     const std::string& entity_id, long long person_id) {
    AuditEvent e;
    e.office_id = ctx.user.office_id;
    e.user_id = ctx.user.user_id;
    e.action = action;
    e.entity = entity;
    e.entity_id = entity_id;
    e.person_id = person_id;
    e.request_id = ctx.req.request_id;
    e.client_addr = ctx.req.client_addr;
    return e;
}

//! The hash an office's next row chains to: its last row's, or the start of every chain (see
//! kChainStart) when it has none after the cut-over.
storage::Tx::ChainHead OfficeHead(storage::Tx& tx, long long office_id) {
    ChainStart start;
    storage::Tx::ChainHead head;
    {
        storage::CachedQuery q(tx, kOfficeHeadAndStart, {office_id});
        if (!q.Next()) throw std::logic_error("audit: the chain head query gave no row");  // always one
        if (q.row().get_indicator("last_id") != soci::i_null)
            start = ChainStart{storage::Int(q.row(), "last_id"), storage::Text(q.row(), "last_hash")};
        head = {storage::Int(q.row(), "id"), storage::Text(q.row(), "hash")};  // NULL (no row yet): 0, ""
    }
    if (head.id == 0 || head.id <= start.last_id) head.hash = start.last_hash;
    return head;
}

//! Appends `events` now (write transaction) or hands them to the group committer with the
//! request (read transaction: the response waits until they are durable).
void AppendOrDefer(storage::Tx& tx, const http::Context& ctx, std::vector<AuditEvent> events) {
    if (tx.mode() != storage::Tx::Mode::kRead) {
        AppendAll(tx, events);
        return;
    }
    ctx.deferred_writes.emplace_back([events = std::move(events)](storage::Tx& batch) { AppendAll(batch, events); });
}

constexpr const char* kNextIdsPostgres =
    "SELECT nextval('audit_log_id_seq') FROM generate_series(1, CAST(:n AS INTEGER))";
//! Rows per INSERT statement: a request's audit rows (a list page's 50) go in a few statements,
//! not one round trip each (on PostgreSQL each statement is one).
constexpr std::size_t kRowsPerInsert = 25;
constexpr const char* kInsertColumns =
    "INSERT INTO audit_log (id, at, office_id, user_id, action, entity, entity_id, person_id, request_id, "
    "client_addr, outcome, prev_hash, hash, key_id) VALUES ";

//! The INSERT of `n` rows (1 ≤ n ≤ kRowsPerInsert): texts with static storage, as the statement
//! cache keys statements by their text's address (SOCI turns the :pN into each engine's form).
const char* InsertOfRows(std::size_t n) {
    static const auto texts = [] {
        std::array<std::string, kRowsPerInsert + 1> t;
        for (std::size_t k = 1; k <= kRowsPerInsert; ++k) {
            std::string sql = kInsertColumns;
            int param = 0;
            for (std::size_t r = 0; r < k; ++r) {
                sql += r ? ", (" : "(";
                for (int c = 0; c < 14; ++c) {
                    if (c) sql += ", ";
                    sql += ":p" + std::to_string(++param);
                }
                sql += ")";
            }
            t[k] = std::move(sql);
        }
        return t;
    }();
    return texts.at(n).c_str();
}

//! The next `n` ids of the log, ascending.
std::vector<long long> NextIds(storage::Tx& tx, std::size_t n) {
    std::vector<long long> ids;
    ids.reserve(n);
    if (tx.dialect() == storage::Dialect::kPostgres) {
        storage::CachedQuery next(tx, kNextIdsPostgres, {static_cast<long long>(n)});
        while (next.Next()) ids.push_back(storage::Int(next.row(), "nextval"));
        std::sort(ids.begin(), ids.end());
        if (ids.size() != n) throw std::runtime_error("audit: the id sequence gave too few ids");
        return ids;
    }
    long long& last = tx.last_audit_id();
    if (last == 0) {
        storage::CachedQuery q(tx, kLastIdSqlite, {});
        if (q.Next()) last = storage::Int(q.row(), "id");
    }
    for (std::size_t i = 0; i < n; ++i) ids.push_back(++last);
    return ids;
}

//! The head of `office_id`'s chain in this transaction (read, and on PostgreSQL locked, once).
storage::Tx::ChainHead& HeadIn(storage::Tx& tx, long long office_id) {
    // SQLite: the writer lock of the process is held. PostgreSQL: the office's chain is locked here
    // for the rest of the transaction (re-entrant), so reading its head and appending cannot interleave.
    auto& heads = tx.chain_heads();
    auto head = std::find_if(heads.begin(), heads.end(), [&](const auto& h) { return h.first == office_id; });
    if (head != heads.end()) return head->second;
    if (tx.dialect() == storage::Dialect::kPostgres) storage::CachedExec(tx, kLockOfficePostgres, {office_id});
    heads.emplace_back(office_id, OfficeHead(tx, office_id));
    return heads.back().second;
}

//! Adds the rows this transaction appended to each office's count (Tx::BeforeCommit), one statement
//! per office, in office order. Each office's chain is locked (the writer lock on SQLite, the
//! office's advisory lock on PostgreSQL), so no other transaction changes its count meanwhile.
void AddOfficeRows(storage::Tx& tx) {
    std::vector<std::pair<long long, long long>> added;  // (office, rows)
    for (const auto& [office_id, head] : tx.chain_heads())
        if (head.appended > 0) added.emplace_back(office_id, head.appended);
    std::sort(added.begin(), added.end());
    for (const auto& [office_id, n] : added) storage::CachedExec(tx, kAddOfficeRows, {office_id, n});
    for (auto& [office_id, head] : tx.chain_heads()) head.appended = 0;  // counted (only once they are)
}
}  // namespace

ChainStart ReadChainStart(storage::Tx& tx) {
    storage::CachedQuery q(tx, kChainStart, {});
    if (!q.Next() || q.row().get_indicator("last_id") == soci::i_null) return {};
    return ChainStart{storage::Int(q.row(), "last_id"), storage::Text(q.row(), "last_hash")};
}

void Append(storage::Tx& tx, const AuditEvent& e) { AppendAll(tx, {e}); }

void RecountOfficeRows(storage::Tx& tx) {
    // Rows this transaction appended before are in the log now: counted here, not added again.
    for (auto& [office_id, head] : tx.chain_heads()) head.appended = 0;
    tx.sql() << kClearOfficeRows;
    tx.sql() << kCountOfficeRows;
    // Appended after the count, added to it before the commit.
    Append(tx, {0, 0, "recount", "audit_office_rows", "", 0, "cli", "local", "ok"});
}

void AppendAll(storage::Tx& tx, const std::vector<AuditEvent>& events) {
    if (tx.mode() == storage::Tx::Mode::kRead) throw std::logic_error("audit row written in a read transaction");
    if (events.empty()) return;
    // Every office's head (and lock) first, in the order the events name them; then the ids: on
    // PostgreSQL an id is taken while the chain of its office is locked, so ids ascend along a chain.
    for (const AuditEvent& e : events) HeadIn(tx, e.office_id);
    tx.BeforeCommit(&AddOfficeRows);
    const std::vector<long long> ids = NextIds(tx, events.size());
    const std::string at = storage::NowIso();
    // Every new row is keyed (HMAC with the current key, outside the database): without the key,
    // editing the database and recomputing the chain no longer passes `audit verify`.
    const KeyRing& keys = Keys();
    if (keys.empty()) throw std::logic_error("no audit key loaded");
    const long long key_id = keys.current;
    std::vector<storage::Value> values;
    values.reserve(14 * std::min(events.size(), kRowsPerInsert));
    std::size_t rows = 0;
    auto flush = [&] {
        if (rows == 0) return;
        storage::CachedExec(tx, InsertOfRows(rows), std::move(values));
        values.clear();
        rows = 0;
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        const AuditEvent& e = events[i];
        storage::Tx::ChainHead& head = HeadIn(tx, e.office_id);
        const std::string hash = KeyedChainHash(*keys.macs.at(key_id), key_id, head.hash, ids[i], at, e);
        tx.TouchPerson(e.office_id, e.person_id);
        for (storage::Value v : std::initializer_list<storage::Value>{
                 ids[i], at, e.office_id, e.user_id, e.action, e.entity, e.entity_id, e.person_id, e.request_id,
                 e.client_addr, e.outcome, head.hash, hash, key_id})
            values.push_back(std::move(v));
        head.id = ids[i];
        head.hash = hash;
        ++head.appended;
        if (++rows == kRowsPerInsert) flush();
    }
    flush();
}

void Record(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
            const std::string& entity_id, long long person_id) {
    AppendOrDefer(tx, ctx, {MakeEvent(ctx, action, entity, entity_id, person_id)});
}

void RecordPersons(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
                   const std::vector<long long>& person_ids) {
    std::vector<AuditEvent> events;
    if (person_ids.empty()) events.push_back(MakeEvent(ctx, action, entity, "", 0));
    std::unordered_set<long long> seen;
    for (long long id : person_ids)
        if (seen.insert(id).second) events.push_back(MakeEvent(ctx, action, entity, "", id));
    AppendOrDefer(tx, ctx, std::move(events));
}

Head ReadHead(storage::Tx& tx, long long office_id) {
    Head h;
    if (office_id < 0) {
        // The whole log's head is what audit-heads.log anchors and `audit verify` checks: counted
        // from the rows themselves (upkeep and the CLI, not a request).
        tx.sql() << kHeadAll, soci::into(h.rows), soci::into(h.last_id);
        if (h.last_id > 0) tx.sql() << kHashOf, soci::use(h.last_id), soci::into(h.last_hash);
    } else {
        // An office's: its kept count and its last row, two point reads however long its log.
        storage::CachedQuery q(tx, kOfficeRowsAndHead, {office_id, office_id});
        if (q.Next()) {  // always one row; NULL (no count, no row yet) reads as 0 and ""
            h.rows = storage::Int(q.row(), "row_count");
            h.last_id = storage::Int(q.row(), "id");
            h.last_hash = storage::Text(q.row(), "hash");
        }
    }
    h.at = storage::NowIso();
    return h;
}

std::string HeadJsonLine(const Head& h) {
    return boost::json::serialize(
        boost::json::object{{"rows", h.rows}, {"last_id", h.last_id}, {"last_hash", h.last_hash}, {"at", h.at}});
}

void AppendHead(storage::Database& db, const std::string& path) {
    try {
        Head h;
        {
            storage::Tx tx(db, storage::Tx::Mode::kRead);
            h = ReadHead(tx);
        }
        std::ofstream out(path, std::ios::app);
        out << HeadJsonLine(h) << "\n";
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + path);
    } catch (const std::exception& e) {
        spdlog::warn("audit head not recorded: {}", e.what());
    }
}

}  // namespace tsunagu::audit

namespace tsunagu::audit {

namespace {
//! The list's filters, as bits of a statement's number: each combination has its own statement,
//! which names only the filters given, so the engine uses the index that fits them (migration 0028).
enum ListFilter : unsigned { kByUser = 1, kByPerson = 2, kByAction = 4, kFrom = 8, kTo = 16, kFilterBits = 5 };
constexpr std::size_t kListStatements = std::size_t{1} << kFilterBits;
//! Counted exactly up to here; past it the total says "at least" (total_is_lower_bound).
constexpr long long kListTotalCap = 10000;

std::string ListWhere(unsigned filters) {
    std::string w = " WHERE a.office_id = :office";
    if (filters & kByUser) w += " AND a.user_id = :uid";
    if (filters & kByPerson) w += " AND a.person_id = :pid";
    if (filters & kByAction) w += " AND a.action = :action";
    if (filters & kFrom) w += " AND a.at >= :from";
    if (filters & kTo) w += " AND a.at <= :to";
    return w;
}

//! The count (`count`) or the page of the list for `filters`: texts with static storage, as the
//! statement cache keys statements by their text's address.
const char* ListSql(unsigned filters, bool count) {
    static const auto texts = [] {
        std::array<std::string, 2 * kListStatements> t;
        for (std::size_t f = 0; f < kListStatements; ++f) {
            // In id order: the engine walks the office's rows by id (forward, the faster way), not one
            // row here and one there through the person index, which also starts with the office.
            t[2 * f] = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM audit_log a" + ListWhere(static_cast<unsigned>(f)) +
                       " ORDER BY a.id LIMIT " + std::to_string(kListTotalCap + 1) + ") c";
            t[2 * f + 1] =
                "SELECT a.id, a.at, a.office_id, a.user_id, a.action, a.entity, a.entity_id, a.person_id, "
                "a.request_id, a.client_addr, a.outcome, a.prev_hash, a.hash, u.name AS user_name "
                "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id" +
                ListWhere(static_cast<unsigned>(f)) + " ORDER BY a.id DESC LIMIT :lim OFFSET :off";
        }
        return t;
    }();
    return texts.at(std::size_t{2} * filters + (count ? 0 : 1)).c_str();
}

//! `f`'s filters as ListWhere's bits, and their values in the order ListWhere names them.
unsigned ListFilters(const Filter& f, std::vector<storage::Value>& binds) {
    unsigned filters = 0;
    binds = {f.office_id};
    auto add = [&](bool given, unsigned bit, storage::Value v) {
        if (!given) return;
        filters |= bit;
        binds.push_back(std::move(v));
    };
    add(f.user_id != 0, kByUser, f.user_id);
    add(f.person_id != 0, kByPerson, f.person_id);
    add(!f.action.empty(), kByAction, f.action);
    add(!f.from.empty(), kFrom, f.from);
    add(!f.to.empty(), kTo, f.to.size() == 10 ? f.to + "T23:59:59Z" : f.to);  // a bare date: the whole day
    return filters;
}
}  // namespace

const char* ListStatement(const Filter& f, bool count) {
    std::vector<storage::Value> binds;
    return ListSql(ListFilters(f, binds), count);
}

ListPage List(storage::Tx& tx, const Filter& f) {
    std::vector<storage::Value> binds;
    const unsigned filters = ListFilters(f, binds);
    ListPage page;
    {
        storage::CachedQuery count(tx, ListSql(filters, true), binds);
        if (count.Next()) page.total = storage::Int(count.row(), "n");
    }
    if (page.total > kListTotalCap) {
        page.total = kListTotalCap;
        page.total_is_lower_bound = true;
    }
    binds.emplace_back(static_cast<long long>(f.per_page));
    binds.emplace_back(static_cast<long long>(f.page - 1) * f.per_page);
    storage::CachedQuery rows(tx, ListSql(filters, false), std::move(binds));
    while (rows.Next()) {
        const soci::row& r = rows.row();
        ListedRow l;
        l.row.id = storage::Int(r, "id");
        l.row.at = storage::Text(r, "at");
        l.row.event.office_id = storage::Int(r, "office_id");
        l.row.event.user_id = storage::Int(r, "user_id");
        l.row.event.action = storage::Text(r, "action");
        l.row.event.entity = storage::Text(r, "entity");
        l.row.event.entity_id = storage::Text(r, "entity_id");
        l.row.event.person_id = storage::Int(r, "person_id");
        l.row.event.request_id = storage::Text(r, "request_id");
        l.row.event.client_addr = storage::Text(r, "client_addr");
        l.row.event.outcome = storage::Text(r, "outcome");
        l.user_name = storage::Text(r, "user_name");
        page.items.push_back(std::move(l));
    }
    return page;
}

}  // namespace tsunagu::audit
