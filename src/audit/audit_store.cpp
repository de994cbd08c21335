#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "audit/audit.hpp"
#include "crypto/crypto.hpp"
#include "http/context.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/row_walk.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::audit {

namespace {
// Each office has its own chain (office 0: events of no office, e.g. unknown logins), so on
// PostgreSQL offices append without waiting on each other. Rows up to the cut-over (migration
// 0006) form the one chain of before; its head is where every office's chain starts.
constexpr const char* kChainStart = "SELECT last_id, last_hash FROM audit_chain_start WHERE id = 1";
constexpr const char* kOfficeHead = "SELECT id, hash FROM audit_log WHERE office_id = :office ORDER BY id DESC LIMIT 1";
constexpr const char* kLastIdSqlite = "SELECT id FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kLockOfficePostgres = "SELECT pg_advisory_xact_lock(7412, CAST(:office AS INTEGER))";
//! A page of the log for `audit verify`, after the last row of the one before (storage::ForEachRow).
constexpr const char* kRowsAfter =
    "SELECT id, at, office_id, user_id, action, entity, entity_id, person_id, request_id, client_addr, outcome, "
    "prev_hash, hash, key_id FROM audit_log WHERE id > :after ORDER BY id LIMIT 20000";
constexpr const char* kKeyStart = "SELECT last_id FROM audit_key_start WHERE id = 1";
constexpr const char* kHeadAll = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log";
constexpr const char* kHeadOffice = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log WHERE office_id = :office";
constexpr const char* kHashOf = "SELECT hash FROM audit_log WHERE id = :id";
constexpr const char* kRowsUpTo = "SELECT COUNT(*) FROM audit_log WHERE id <= :id";

struct ChainStart {
    long long last_id = 0;
    std::string last_hash = kGenesisHash;
};

ChainStart ReadChainStart(storage::Tx& tx) {
    storage::CachedQuery q(tx, kChainStart, {});
    if (!q.Next() || q.row().get_indicator("last_id") == soci::i_null) return {};
    return ChainStart{storage::Int(q.row(), "last_id"), storage::Text(q.row(), "last_hash")};
}

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
    const ChainStart start = ReadChainStart(tx);
    storage::Tx::ChainHead head;
    {
        storage::CachedQuery q(tx, kOfficeHead, {office_id});
        if (q.Next()) head = {storage::Int(q.row(), "id"), storage::Text(q.row(), "hash")};
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
}  // namespace

void Append(storage::Tx& tx, const AuditEvent& e) { AppendAll(tx, {e}); }

void AppendAll(storage::Tx& tx, const std::vector<AuditEvent>& events) {
    if (tx.mode() == storage::Tx::Mode::kRead) throw std::logic_error("audit row written in a read transaction");
    if (events.empty()) return;
    // Every office's head (and lock) first, in the order the events name them; then the ids: on
    // PostgreSQL an id is taken while the chain of its office is locked, so ids ascend along a chain.
    for (const AuditEvent& e : events) HeadIn(tx, e.office_id);
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
        head = {ids[i], hash};
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

namespace {

constexpr std::size_t kVerifyColumns = 14;
constexpr std::size_t kCheckBatch = 4096;

//! Rows as read: every row's kVerifyColumns cells, end to end in one buffer (the reader only copies;
//! the checker takes the rows apart).
struct RawRows {
    std::string bytes;
    std::vector<std::size_t> ends;  //!< where each cell ends in `bytes`, kVerifyColumns per row
    std::size_t Count() const { return ends.size() / kVerifyColumns; }
};

long long IntCell(std::string_view s) {
    long long v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);  // NULL (empty) reads as 0, as storage::Int
    return v;
}

AuditRow RowAt(const RawRows& raw, std::size_t r) {
    std::array<std::string_view, kVerifyColumns> c;
    for (std::size_t i = 0; i < kVerifyColumns; ++i) {
        const std::size_t k = r * kVerifyColumns + i;
        const std::size_t from = k == 0 ? 0 : raw.ends[k - 1];
        c[i] = std::string_view(raw.bytes).substr(from, raw.ends[k] - from);
    }
    AuditRow row;
    row.id = IntCell(c[0]);
    row.at = c[1];
    row.event.office_id = IntCell(c[2]);
    row.event.user_id = IntCell(c[3]);
    row.event.action = c[4];
    row.event.entity = c[5];
    row.event.entity_id = c[6];
    row.event.person_id = IntCell(c[7]);
    row.event.request_id = c[8];
    row.event.client_addr = c[9];
    row.event.outcome = c[10];
    row.prev_hash = c[11];
    row.hash = c[12];
    row.key_id = IntCell(c[13]);
    return row;
}

//! The walk's checks, row after row in id order, as one pass makes them: each row's link (its id,
//! its prev_hash) and then its hash. Stops at the first row that does not pass.
class ChainCheck {
public:
    ChainCheck(const ChainStart& start, long long key_start) : start_(start), key_start_(key_start) {}
    //! False once a row failed (res holds it).
    bool Row(const AuditRow& row, VerifyResult& res) {
        ++res.rows;
        std::string why = Problem(row);
        if (why.empty()) return true;
        res.ok = false;
        res.first_bad_id = row.id;
        res.reason = std::move(why);
        return false;
    }
    //! After the last row: the old chain must have reached the cut-over.
    void End(VerifyResult& res) const {
        if (res.ok && !start_checked_ && (expected_id_ != start_.last_id + 1 || prev_ != start_.last_hash)) {
            res.ok = false;
            res.first_bad_id = expected_id_;
            res.reason = "rows missing before the chain cut-over (id " + std::to_string(start_.last_id) + ")";
        }
    }

private:
    std::string Problem(const AuditRow& row) {
        if (row.id <= start_.last_id) {
            if (row.id != expected_id_)
                return "row missing before this id (expected " + std::to_string(expected_id_) + ")";
            if (row.prev_hash != prev_) return "prev_hash does not match the previous row";
            std::string why = HashProblem(row);
            if (!why.empty()) return why;
            prev_ = row.hash;
            expected_id_ = row.id + 1;
            return {};
        }
        if (!start_checked_) {
            // The old chain must end exactly where the per-office chains say they start.
            if (expected_id_ != start_.last_id + 1 || prev_ != start_.last_hash)
                return "rows missing before the chain cut-over (id " + std::to_string(start_.last_id) + ")";
            start_checked_ = true;
        }
        auto [it, first] = office_prev_.try_emplace(row.event.office_id, start_.last_hash);
        if (row.prev_hash != it->second) return "prev_hash does not match the office's previous row";
        std::string why = HashProblem(row);
        if (!why.empty()) return why;
        it->second = row.hash;
        return {};
    }
    //! Why the row's hash is not what its fields, its prev_hash and its key make ("" when it is).
    std::string HashProblem(const AuditRow& row) const {
        std::string expected;
        if (row.key_id == 0) {
            // Unkeyed only up to the key cut-over (migration 0013).
            if (row.id > key_start_)
                return "unkeyed row after the key cut-over (id " + std::to_string(key_start_) + ")";
            expected = ChainHash(row.prev_hash, row.id, row.at, row.event);
        } else {
            const auto k = keys_.macs.find(row.key_id);
            if (k == keys_.macs.end())
                return "no audit key " + std::to_string(row.key_id) +
                       " to check this row (the key file is missing or not it)";
            expected = KeyedChainHash(*k->second, row.key_id, row.prev_hash, row.id, row.at, row.event);
        }
        return row.hash == expected ? "" : "hash does not match the row";
    }

    const ChainStart start_;
    const long long key_start_;
    const KeyRing& keys_ = Keys();
    std::string prev_ = kGenesisHash;  // the one chain of before the cut-over
    long long expected_id_ = 1;
    std::unordered_map<long long, std::string> office_prev_;  // each office's chain after it
    bool start_checked_ = start_.last_id == 0;
};

//! Runs a ChainCheck on a thread of its own over the rows the walk hands it, in order, while the
//! walk reads on: reading and hashing, each about half of a row's cost, on two cores.
class CheckThread {
public:
    CheckThread(const ChainStart& start, long long key_start) : check_(start, key_start), thread_([this] { Run(); }) {}
    ~CheckThread() { Finish(); }
    CheckThread(const CheckThread&) = delete;
    CheckThread& operator=(const CheckThread&) = delete;

    //! Queues `rows` (waits while kQueued batches wait). False once a row failed: read no further.
    bool Push(RawRows rows) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [this] { return queue_.size() < kQueued || failed_; });
        if (failed_) return false;
        queue_.push_back(std::move(rows));
        ready_.notify_one();
        return true;
    }
    //! Waits for every batch queued; the result of the whole walk.
    VerifyResult Finish() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
            ready_.notify_one();
        }
        if (thread_.joinable()) thread_.join();
        check_.End(res_);
        return res_;
    }

private:
    static constexpr std::size_t kQueued = 4;
    void Run() {
        for (;;) {
            RawRows raw;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return !queue_.empty() || done_; });
                if (queue_.empty()) return;
                raw = std::move(queue_.front());
                queue_.pop_front();
                room_.notify_one();
            }
            for (std::size_t r = 0; r < raw.Count(); ++r) {
                if (check_.Row(RowAt(raw, r), res_)) continue;
                std::lock_guard lock(mutex_);
                failed_ = true;
                queue_.clear();
                room_.notify_one();
                return;
            }
        }
    }
    ChainCheck check_;
    VerifyResult res_;  // written by the thread only; read after join
    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<RawRows> queue_;
    bool done_ = false, failed_ = false;
    std::thread thread_;
};

}  // namespace

VerifyResult Verify(storage::Database& db) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const ChainStart start = ReadChainStart(tx);
    long long key_start = 0;
    {
        soci::indicator ind = soci::i_null;
        tx.sql() << kKeyStart, soci::into(key_start, ind);
        if (ind == soci::i_null) key_start = 0;
    }
    // This thread reads the log page by page; the check runs beside it, row after row.
    CheckThread check(start, key_start);
    RawRows raw;
    bool more = true;
    long long after = 0;
    while (more) {
        long long last = after;
        const std::size_t n = storage::ForEachRow(tx, kRowsAfter, after, kVerifyColumns, [&](storage::TextCells cells) {
            for (std::string_view cell : cells) {
                raw.bytes += cell;
                raw.ends.push_back(raw.bytes.size());
            }
            last = IntCell(cells[0]);  // ascending
            if (raw.Count() < kCheckBatch) return true;
            more = check.Push(std::move(raw));
            raw = {};
            return more;
        });
        if (n == 0) break;
        after = last;
    }
    if (more && raw.Count() > 0) check.Push(std::move(raw));
    return check.Finish();
}

Head ReadHead(storage::Tx& tx, long long office_id) {
    Head h;
    if (office_id < 0) {
        tx.sql() << kHeadAll, soci::into(h.rows), soci::into(h.last_id);
    } else {
        tx.sql() << kHeadOffice, soci::use(office_id), soci::into(h.rows), soci::into(h.last_id);
    }
    if (h.last_id > 0) tx.sql() << kHashOf, soci::use(h.last_id), soci::into(h.last_hash);
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

VerifyResult VerifyHeads(storage::Database& db, const std::string& path) {
    VerifyResult res;
    std::ifstream in(path);
    if (!in) {
        res.ok = false;
        res.reason = "cannot read " + path;
        return res;
    }
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const Head now = ReadHead(tx);
    res.rows = now.rows;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty()) continue;
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(line, ec);
        const boost::json::object* o = ec ? nullptr : v.if_object();
        if (!o || !o->contains("last_id") || !o->contains("rows") || !o->contains("last_hash") ||
            !o->at("last_id").is_int64() || !o->at("rows").is_int64() || !o->at("last_hash").is_string()) {
            res.ok = false;
            res.reason = path + " line " + std::to_string(n) + " is not a head";
            return res;
        }
        const long long last_id = o->at("last_id").as_int64(), rows = o->at("rows").as_int64();
        const std::string last_hash(o->at("last_hash").as_string());
        if (last_id == 0) continue;
        if (now.last_id < last_id) {
            // Rows recorded in a head are gone from the end: truncation.
            res.ok = false;
            res.first_bad_id = now.last_id + 1;
            res.reason =
                "rows removed after the head recorded at " +
                std::string(o->contains("at") && o->at("at").is_string() ? o->at("at").as_string().c_str() : "?") +
                " (" + std::to_string(rows) + " rows up to id " + std::to_string(last_id) + "): first missing id " +
                std::to_string(now.last_id + 1);
            return res;
        }
        std::string hash;
        soci::indicator ind = soci::i_null;
        tx.sql() << kHashOf, soci::use(last_id), soci::into(hash, ind);
        long long upto = 0;
        tx.sql() << kRowsUpTo, soci::use(last_id), soci::into(upto);
        if (ind == soci::i_null || hash != last_hash || upto != rows) {
            res.ok = false;
            res.first_bad_id = last_id;
            res.reason = "the log no longer matches the head recorded on line " + std::to_string(n) + " (id " +
                         std::to_string(last_id) + ", " + std::to_string(rows) + " rows; now " + std::to_string(upto) +
                         " rows up to it)";
            return res;
        }
    }
    return res;
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
