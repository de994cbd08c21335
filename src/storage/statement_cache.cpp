#include "storage/statement_cache.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <stdexcept>
#include <unordered_map>

#include "storage/database.hpp"

namespace tsunagu::storage {

//! A prepared statement with the storage its values are bound to (bound once, by reference).
struct CachedStatement {
    explicit CachedStatement(soci::session& s) : st(s) {}
    soci::statement st;
    std::vector<int> kinds;  //!< per position: 0 integer, 1 text
    std::vector<long long> ints;
    std::vector<std::string> texts;
    soci::row row;
    bool rows = false;
    bool sqlite = false;

    void Assign(const std::vector<Value>& values) {
        if (values.size() != kinds.size()) throw std::logic_error("cached statement: value count changed");
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (static_cast<int>(values[i].index()) != kinds[i])
                throw std::logic_error("cached statement: value type changed");
            if (kinds[i] == 0)
                ints[i] = std::get<0>(values[i]);
            else
                texts[i] = std::get<1>(values[i]);
        }
    }
    //! SQLite: back to the start, so the connection keeps no statement open between uses.
    void Reset() {
        if (!sqlite) return;
        auto* be = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
        if (be->stmt_) sqlite_api::sqlite3_reset(be->stmt_);
    }
};

struct StatementCache::Impl {
    std::unordered_map<const char*, std::unique_ptr<CachedStatement>> map;
};

std::string WithoutIndexHints(std::string sql) {
    for (std::size_t at = sql.find(" +"); at != std::string::npos; at = sql.find(" +", at + 1))
        if (at + 2 < sql.size() && std::isalpha(static_cast<unsigned char>(sql[at + 2]))) sql.erase(at + 1, 1);
    return sql;
}

StatementCache::StatementCache() : impl_(std::make_unique<Impl>()) {}
StatementCache::~StatementCache() = default;
std::size_t StatementCache::size() const { return impl_->map.size(); }
void StatementCache::Drop(const char* sql) { impl_->map.erase(sql); }
void StatementCache::Clear() { impl_->map.clear(); }

CachedStatement& StatementCache::Get(soci::session& session, const char* sql, const std::vector<Value>& values,
                                     bool rows) {
    auto it = impl_->map.find(sql);
    if (it != impl_->map.end()) {
        it->second->Assign(values);
        return *it->second;
    }
    auto e = std::make_unique<CachedStatement>(session);
    e->rows = rows;
    e->sqlite = session.get_backend_name() == "sqlite3";
    e->kinds.reserve(values.size());
    for (const auto& v : values) e->kinds.push_back(static_cast<int>(v.index()));
    e->ints.resize(values.size());
    e->texts.resize(values.size());
    e->Assign(values);
    // bound by reference to the entry's own storage, which never moves (sized once above)
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (e->kinds[i] == 0)
            e->st.exchange(soci::use(e->ints[i]));
        else
            e->st.exchange(soci::use(e->texts[i]));
    }
    if (rows) e->st.exchange(soci::into(e->row));
    e->st.alloc();
    e->st.prepare(e->sqlite ? std::string(sql) : WithoutIndexHints(sql));
    e->st.define_and_bind();
    return *impl_->map.emplace(sql, std::move(e)).first->second;
}

CachedQuery::CachedQuery(Tx& tx, const char* sql, std::vector<Value> values)
    : tx_(tx), sql_(sql), st_(&tx.statements().Get(tx.sql(), sql, values, true)) {
    try {
        st_->st.execute(false);
    } catch (...) {
        tx_.statements().Drop(sql_);
        throw;
    }
}

CachedQuery::~CachedQuery() {
    try {
        st_->Reset();
    } catch (...) {  // a failed reset only costs a re-prepare
        tx_.statements().Drop(sql_);
    }
}

bool CachedQuery::Next() {
    started_ = true;
    try {
        return st_->st.fetch();
    } catch (...) {
        st_->Reset();
        throw;
    }
}

const soci::row& CachedQuery::row() const {
    if (!started_) throw std::logic_error("CachedQuery::row before Next");
    return st_->row;
}

namespace {
//! Runs a statement without rows; one that fails is dropped (prepared again next time).
void Execute(StatementCache& cache, soci::session& session, const char* sql, const std::vector<Value>& values) {
    CachedStatement& st = cache.Get(session, sql, values, false);
    try {
        st.st.execute(true);
        st.Reset();
    } catch (...) {
        cache.Drop(sql);
        throw;
    }
}
}  // namespace

void CachedExec(Tx& tx, const char* sql, std::vector<Value> values) { Execute(tx.statements(), tx.sql(), sql, values); }

void CachedExec(StatementCache& cache, soci::session& session, const char* sql) { Execute(cache, session, sql, {}); }

}  // namespace tsunagu::storage
