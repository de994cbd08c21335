#pragma once
// Prepared statements kept per pooled connection (issue 8: preparing every statement again on
// every request was a third of the CPU). A statement is prepared the first time a connection runs
// it and re-executed with new values after that; the key is the address of its SQL text, so only
// constants with static storage (the stores' `constexpr const char* kX`) may be cached.
// Values are bound by position, in the order of the placeholders, like `soci::use` in the stores.
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace soci {
class row;
class session;
}  // namespace soci

namespace tsunagu::storage {

class Tx;

//! One bound value: an integer or a text.
using Value = std::variant<long long, std::string>;

struct CachedStatement;

//! `sql` for PostgreSQL: without SQLite's `+column` (a column SQLite is told not to look up by an
//! index, so it walks the rows in the order it was given). PostgreSQL has no such hint: `+column` is
//! an expression its indexes cannot serve, and a table whose keys begin with office_id is then read
//! whole (a specialist's tasks took 0.6 s on 40,000 persons). The cache prepares every statement for
//! PostgreSQL through this, so a store writes the SQLite form only.
std::string WithoutIndexHints(std::string sql);

//! The statements of one connection (owned by the Database, one per pool slot).
class StatementCache {
public:
    StatementCache();
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    //! The statement for `sql` on `session`, prepared on first use; `values` are its bound values.
    CachedStatement& Get(soci::session& session, const char* sql, const std::vector<Value>& values, bool rows);
    //! Forgets `sql` (after an error its state is unknown; it is prepared again next time).
    void Drop(const char* sql);
    //! Forgets every statement: before its connection is opened again, the statements of the old one
    //! (PostgreSQL's are named on that server session and refer to SOCI's backend for it) go with it.
    void Clear();
    std::size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

//! A SELECT through the connection's cache: `Next()` steps through the rows.
class CachedQuery {
public:
    CachedQuery(Tx& tx, const char* sql, std::vector<Value> values);
    ~CachedQuery();  //!< resets the statement, so no read stays open past its use
    CachedQuery(const CachedQuery&) = delete;
    CachedQuery& operator=(const CachedQuery&) = delete;
    //! Moves to the next row (the first call, the first row); false when there are no more.
    bool Next();
    const soci::row& row() const;

private:
    Tx& tx_;
    const char* sql_;
    CachedStatement* st_;
    bool started_ = false;
};

//! A statement without rows (INSERT, UPDATE, DELETE, BEGIN …) through the connection's cache.
void CachedExec(Tx& tx, const char* sql, std::vector<Value> values = {});
//! The same on a bare session (the transaction's own BEGIN/COMMIT/ROLLBACK).
void CachedExec(StatementCache& cache, soci::session& session, const char* sql);

}  // namespace tsunagu::storage
