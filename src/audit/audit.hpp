#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
class Database;
}  // namespace tsunagu::storage
namespace tsunagu::http {
struct Context;
}
namespace tsunagu::crypto {
class HmacSha256;
}

namespace tsunagu::audit {

//! One row of the access log (アクセスログ, MHLW 6.0): who did what to which record, from where.
struct AuditEvent {
    long long office_id = 0;
    long long user_id = 0;
    std::string action;       //!< "read", "list", "create", "update", "login", ...
    std::string entity;       //!< "person", "consent", "plan", "audit", "session", ...
    std::string entity_id;    //!< id of the entity, or "" for lists
    long long person_id = 0;  //!< the person concerned, when there is one
    std::string request_id;
    std::string client_addr;
    std::string outcome = "ok";
};

//! The stored row: the event plus its place in the chain.
struct AuditRow {
    long long id = 0;
    std::string at;
    AuditEvent event;
    std::string prev_hash;
    std::string hash;
    long long key_id = 0;  //!< the key the hash was made with; 0 = unkeyed SHA-256 (before 0013)
};

//! Hash of the first row's predecessor.
inline const std::string kGenesisHash(64, '0');

//! SHA-256 over the previous hash and every field of the row (pure; audit_rules.cpp).
std::string ChainHash(const std::string& prev_hash, long long id, const std::string& at, const AuditEvent& e);

//! HMAC-SHA-256 with `key` (raw bytes) over the same fields as ChainHash (pure; audit_rules.cpp).
std::string KeyedChainHash(const std::string& key, long long key_id, const std::string& prev_hash, long long id,
                           const std::string& at, const AuditEvent& e);
//! The same with the key's MAC made once (KeyRing::macs): what Append and Verify use for every row.
std::string KeyedChainHash(const crypto::HmacSha256& mac, long long key_id, const std::string& prev_hash, long long id,
                           const std::string& at, const AuditEvent& e);

//! The chain's keys (audit_key.cpp): id → 32 raw bytes; `current` is the one new rows use.
struct KeyRing {
    std::map<long long, std::string> keys;
    long long current = 0;
    //! Each key's MAC, its key blocks hashed once (made by UseKeys from `keys`).
    std::map<long long, std::shared_ptr<const crypto::HmacSha256>> macs;
    bool empty() const { return keys.empty(); }
};
//! Reads a key file ("<id> <64 hex>" lines, newest last). Refuses a file others can read.
KeyRing LoadKeyFile(const std::string& path);
//! Adds a new random key to `path` (created with mode 0600, its folder 0700) and returns its id.
long long AddKey(const std::string& path);
//! The keys Append and Verify use (process-wide, set once at start-up by the CLI).
void UseKeys(KeyRing ring);
const KeyRing& Keys();
//! Loads `path` for `db` and installs it. When the file is missing: created when `create` (and the
//! log has no keyed rows), else an empty ring. Throws when keyed rows exist and the key is missing.
KeyRing OpenKeys(storage::Database& db, const std::string& path, bool create);

//! Appends a row inside the caller's transaction (so the change and its audit commit together).
void Append(storage::Tx& tx, const AuditEvent& e);
//! Appends `events` in order, in as few statements as the database allows (one request's rows).
void AppendAll(storage::Tx& tx, const std::vector<AuditEvent>& events);
//! Append for the signed-in user of a request.
void Record(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
            const std::string& entity_id, long long person_id = 0);

//! A list read: one row per person whose data the response carries (so "who saw person X" finds
//! list views too), or one row without a person when the list is empty.
void RecordPersons(storage::Tx& tx, const http::Context& ctx, const std::string& action, const std::string& entity,
                   const std::vector<long long>& person_ids);

//! Where the one chain of before ends and every office's chain starts (audit_chain_start,
//! migration 0006; last_id 0 when the log began with office chains).
struct ChainStart {
    long long last_id = 0;
    std::string last_hash = kGenesisHash;
};
ChainStart ReadChainStart(storage::Tx& tx);

//! Result of walking the chain.
struct VerifyResult {
    bool ok = true;
    long long rows = 0;
    long long first_bad_id = 0;  //!< 0 when ok, or when the chain is intact but its counts are not
    std::string reason;
    bool counts_differ = false;  //!< the chain is intact; an office's kept row count is not its rows
};
//! Recomputes every hash in order (keyed rows with Keys()); stops at the first row that does not match.
//! An intact chain is then counted by office against audit_office_rows (migration 0030), in the same
//! snapshot: a count that differs is an office's tail removed (which its chain cannot show) or rows
//! appended by something that did not count them. The counts are not keyed: a cut that also lowers
//! them is found only by the heads recorded outside (VerifyHeads). Runs in a read transaction of its
//! own (never inside a storage::ReadScope): on PostgreSQL it begins it, REPEATABLE READ.
VerifyResult Verify(storage::Database& db);
//! One line for a failed Verify: "audit chain broken at row N: …" or "audit row counts …: …".
std::string Describe(const VerifyResult& r);
//! Counts every office's rows again from the log (audit_office_rows), in `tx`, and appends the
//! recount's own audit row (counted once, as any other): `audit recount`.
void RecountOfficeRows(storage::Tx& tx);

//! The head of the whole log: how many rows, the newest row and its hash, when it was read.
struct Head {
    long long rows = 0;
    long long last_id = 0;
    std::string last_hash;
    std::string at;
};
Head ReadHead(storage::Tx& tx, long long office_id = -1);  //!< office_id -1: the whole log
std::string HeadJsonLine(const Head& h);                   //!< one line of audit-heads.log
//! Appends the current head to `path` (audit-heads.log); logs and swallows failures.
void AppendHead(storage::Database& db, const std::string& path);
//! Checks every head recorded in `path` against the log: each recorded last_id must still be there
//! with its hash, and as many rows up to it. Truncation reports the first missing id.
VerifyResult VerifyHeads(storage::Database& db, const std::string& path);

}  // namespace tsunagu::audit

namespace tsunagu::audit {

//! Filters of GET /api/v1/audit (always within one office).
struct Filter {
    long long office_id = 0;
    long long user_id = 0;
    long long person_id = 0;
    std::string action;
    std::string from;  //!< inclusive, ISO date or timestamp
    std::string to;    //!< inclusive date, or timestamp
    int page = 1;
    int per_page = 50;
};
struct ListedRow {
    AuditRow row;
    std::string user_name;
};
struct ListPage {
    std::vector<ListedRow> items;
    long long total = 0;
    bool total_is_lower_bound = false;  //!< more than 10,000 matched: `total` is 10,000
};
//! One page of one office's rows, newest first, with their count (exact up to 10,000).
ListPage List(storage::Tx& tx, const Filter& f);
//! The statement List runs for `f`'s filters (its count, or its page): one per combination of
//! filters, naming only those given, so that each can use its index (tests read their plans).
const char* ListStatement(const Filter& f, bool count);

//! GET /api/v1/audit (chief only; the read is itself audited).
http::Response ListApi(http::Context& ctx);
//! GET /api/v1/audit/head: the office chain's head, to write down outside the system (chief only).
http::Response HeadApi(http::Context& ctx);

}  // namespace tsunagu::audit
