#include <soci/soci.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "http/context.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::audit {

namespace {
constexpr const char* kLastRow = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (id, at, office_id, user_id, action, entity, entity_id, person_id, request_id, "
    "client_addr, outcome, prev_hash, hash) VALUES (:id, :at, :office, :user, :action, :entity, :eid, :person, "
    ":rid, :addr, :outcome, :prev, :hash)";
constexpr const char* kAllRows =
    "SELECT id, at, office_id, user_id, action, entity, entity_id, person_id, request_id, client_addr, outcome, "
    "prev_hash, hash FROM audit_log ORDER BY id";
}  // namespace

void Append(storage::Tx& tx, const AuditEvent& e) {
    // The write transaction holds the database's write lock (BEGIN IMMEDIATE / advisory lock), so
    // reading the last hash and appending cannot interleave with another writer.
    long long last_id = 0;
    std::string prev = kGenesisHash;
    soci::indicator ind_id = soci::i_null, ind_hash = soci::i_null;
    tx.sql() << kLastRow, soci::into(last_id, ind_id), soci::into(prev, ind_hash);
    if (ind_id == soci::i_null) {
        last_id = 0;
        prev = kGenesisHash;
    }
    const long long id = last_id + 1;
    const std::string at = storage::NowIso();
    const std::string hash = ChainHash(prev, id, at, e);
    tx.sql() << kInsert, soci::use(id), soci::use(at), soci::use(e.office_id), soci::use(e.user_id),
        soci::use(e.action), soci::use(e.entity), soci::use(e.entity_id), soci::use(e.person_id),
        soci::use(e.request_id), soci::use(e.client_addr), soci::use(e.outcome), soci::use(prev), soci::use(hash);
}

void Record(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
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
    Append(tx, e);
}

void RecordPersons(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
                   const std::vector<long long>& person_ids) {
    if (person_ids.empty()) Record(tx, ctx, action, entity, "");
    std::vector<long long> seen;
    for (long long id : person_ids) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        Record(tx, ctx, action, entity, "", id);
    }
}

VerifyResult Verify(storage::Database& db) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    VerifyResult res;
    std::string prev = kGenesisHash;
    long long expected_id = 1;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kAllRows);
    for (const soci::row& r : rows) {
        AuditRow row;
        row.id = storage::Int(r, "id");
        row.at = storage::Text(r, "at");
        row.event.office_id = storage::Int(r, "office_id");
        row.event.user_id = storage::Int(r, "user_id");
        row.event.action = storage::Text(r, "action");
        row.event.entity = storage::Text(r, "entity");
        row.event.entity_id = storage::Text(r, "entity_id");
        row.event.person_id = storage::Int(r, "person_id");
        row.event.request_id = storage::Text(r, "request_id");
        row.event.client_addr = storage::Text(r, "client_addr");
        row.event.outcome = storage::Text(r, "outcome");
        row.prev_hash = storage::Text(r, "prev_hash");
        row.hash = storage::Text(r, "hash");
        ++res.rows;
        std::string reason;
        if (row.id != expected_id)
            reason = "row missing before this id (expected " + std::to_string(expected_id) + ")";
        else if (row.prev_hash != prev)
            reason = "prev_hash does not match the previous row";
        else if (row.hash != ChainHash(prev, row.id, row.at, row.event))
            reason = "hash does not match the row";
        if (!reason.empty()) {
            res.ok = false;
            res.first_bad_id = row.id;
            res.reason = reason;
            return res;
        }
        prev = row.hash;
        expected_id = row.id + 1;
    }
    return res;
}

}  // namespace tsunagu::audit

namespace tsunagu::audit {

namespace {
constexpr const char* kListWhere =
    " FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.office_id = :office "
    "AND (CAST(:uid AS BIGINT) = 0 OR a.user_id = :uid2) AND (CAST(:pid AS BIGINT) = 0 OR a.person_id = :pid2) "
    "AND (:action = '' OR a.action = :action2) AND (:from = '' OR a.at >= :from2) AND (:to = '' OR a.at <= :to2)";
}  // namespace

std::vector<ListedRow> List(storage::Tx& tx, const Filter& f, long long& total) {
    // A bare date as "to" means the whole day.
    const std::string to = f.to.size() == 10 ? f.to + "T23:59:59Z" : f.to;
    tx.sql() << std::string("SELECT COUNT(*)") + kListWhere, soci::use(f.office_id), soci::use(f.user_id),
        soci::use(f.user_id), soci::use(f.person_id), soci::use(f.person_id), soci::use(f.action), soci::use(f.action),
        soci::use(f.from), soci::use(f.from), soci::use(to), soci::use(to), soci::into(total);
    const int offset = (f.page - 1) * f.per_page;
    const std::string sql =
        std::string(
            "SELECT a.id, a.at, a.office_id, a.user_id, a.action, a.entity, a.entity_id, a.person_id, "
            "a.request_id, a.client_addr, a.outcome, a.prev_hash, a.hash, u.name AS user_name") +
        kListWhere + " ORDER BY a.id DESC LIMIT :lim OFFSET :off";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(f.office_id), soci::use(f.user_id), soci::use(f.user_id),
         soci::use(f.person_id), soci::use(f.person_id), soci::use(f.action), soci::use(f.action), soci::use(f.from),
         soci::use(f.from), soci::use(to), soci::use(to), soci::use(f.per_page), soci::use(offset));
    std::vector<ListedRow> out;
    for (const soci::row& r : rows) {
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
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace tsunagu::audit
