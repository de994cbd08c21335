// Checking the audit log (issue #13): the whole chain, row by row (audit verify, serve at every
// start, restore, verify-backup), and the heads recorded outside the database.
#include <soci/soci.h>

#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>

#include "audit/audit.hpp"
#include "crypto/crypto.hpp"
#include "storage/database.hpp"
#include "storage/pipe.hpp"
#include "storage/row.hpp"
#include "storage/row_walk.hpp"

namespace tsunagu::audit {

namespace {

//! A page of the log for `audit verify`, after the last row of the one before (storage::ForEachRow).
constexpr const char* kRowsAfter =
    "SELECT id, at, office_id, user_id, action, entity, entity_id, person_id, request_id, client_addr, outcome, "
    "prev_hash, hash, key_id FROM audit_log WHERE id > :after ORDER BY id LIMIT 20000";
constexpr const char* kHashOf = "SELECT hash FROM audit_log WHERE id = :id";
constexpr const char* kKeyStart = "SELECT last_id FROM audit_key_start WHERE id = 1";
constexpr const char* kRowsUpTo = "SELECT COUNT(*) FROM audit_log WHERE id <= :id";
// Each office's kept count (migration 0030), compared with the rows the walk found.
constexpr const char* kKeptCounts = "SELECT office_id, row_count FROM audit_office_rows ORDER BY office_id";
// A database before migration 0030 (`audit verify` does not migrate) has no counts to compare.
constexpr const char* kHasCounts = "SELECT COUNT(*) FROM schema_migrations WHERE version = 30";
// Counting on PostgreSQL needs the walk and the counts in one snapshot (READ COMMITTED gives each
// statement its own, and a read runs without a transaction of its own: storage::Tx). The read
// begins this one itself; the Tx ends it.
constexpr const char* kOneSnapshotPostgres = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
constexpr std::size_t kCountsNamed = 3;  // offices named in a reason; the rest are counted

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
        ++rows_by_office_[row.event.office_id];  // NULL (rows of before the cut-over) is office 0
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
    //! Rows seen so far, by office.
    const std::unordered_map<long long, long long>& RowsByOffice() const { return rows_by_office_; }

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
    std::unordered_map<long long, long long> rows_by_office_;
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

    //! Queues `rows` (waits while four batches wait). False once a row failed: read no further.
    bool Push(RawRows rows) { return pipe_.Put(std::move(rows)); }
    //! Waits for every batch queued; the result of the whole walk.
    VerifyResult Finish() {
        pipe_.Done();
        if (thread_.joinable()) thread_.join();
        check_.End(res_);
        return res_;
    }
    //! After Finish: the rows the check saw, by office.
    const std::unordered_map<long long, long long>& RowsByOffice() const { return check_.RowsByOffice(); }

private:
    void Run() {
        RawRows raw;
        try {
            while (pipe_.Take(raw)) {
                for (std::size_t r = 0; r < raw.Count(); ++r) {
                    if (check_.Row(RowAt(raw, r), res_)) continue;
                    pipe_.Stop();
                    return;
                }
            }
        } catch (const std::exception& e) {
            // Not a verdict on the log: the check itself failed (memory, the crypto library).
            res_.ok = false;
            res_.reason = std::string("the check could not run: ") + e.what();
            pipe_.Stop();
        }
    }
    ChainCheck check_;
    VerifyResult res_;  // written by the thread only; read after join
    storage::Pipe<RawRows, 4> pipe_;
    std::thread thread_;
};

//! Compares the walk's rows by office with the kept counts; sets `res` when they differ.
void CompareCounts(storage::Tx& tx, const std::unordered_map<long long, long long>& walked, VerifyResult& res) {
    long long has_counts = 0;
    tx.sql() << kHasCounts, soci::into(has_counts);
    if (has_counts == 0) return;
    std::map<long long, std::pair<long long, long long>> both;  // office → (kept, walked)
    {
        soci::rowset<soci::row> rows = tx.sql().prepare << kKeptCounts;
        for (const soci::row& r : rows) both[storage::Int(r, "office_id")].first = storage::Int(r, "row_count");
    }
    for (const auto& [office, n] : walked) both[office].second = n;
    std::string named;
    std::size_t differ = 0;
    for (const auto& [office, n] : both) {
        if (n.first == n.second) continue;
        if (++differ <= kCountsNamed)
            named += std::string(named.empty() ? "" : "; ") + "office " + std::to_string(office) + " keeps " +
                     std::to_string(n.first) + ", its log has " + std::to_string(n.second);
    }
    if (differ == 0) return;
    res.ok = false;
    res.counts_differ = true;
    res.reason = std::to_string(differ) + " office(s) whose kept row count is not their rows in the log (" + named +
                 (differ > kCountsNamed ? "; …" : "") +
                 "): rows removed from an office's end, or appended by something that did not count them";
}

}  // namespace

std::string Describe(const VerifyResult& r) {
    if (r.ok) return "audit chain intact: " + std::to_string(r.rows) + " rows";
    if (r.counts_differ) return "audit row counts differ from the log: " + r.reason;
    return "audit chain broken at row " + std::to_string(r.first_bad_id) + ": " + r.reason;
}

VerifyResult Verify(storage::Database& db) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    if (db.dialect() == storage::Dialect::kPostgres) tx.sql() << kOneSnapshotPostgres;
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
    VerifyResult res = check.Finish();
    if (res.ok) CompareCounts(tx, check.RowsByOffice(), res);
    return res;
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
