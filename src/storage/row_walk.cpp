#include "storage/row_walk.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::storage {

namespace {

// soci-sqlite3.h includes sqlite3.h inside namespace sqlite_api.
using sqlite_api::sqlite3_bind_int64;
using sqlite_api::sqlite3_column_bytes;
using sqlite_api::sqlite3_column_count;
using sqlite_api::sqlite3_column_text;
using sqlite_api::sqlite3_errmsg;
using sqlite_api::sqlite3_finalize;
using sqlite_api::sqlite3_prepare_v2;
using sqlite_api::sqlite3_step;
using sqlite_api::sqlite3_stmt;

struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

std::size_t SqliteRows(Tx& tx, const char* sql, long long after, std::size_t columns,
                       const std::function<bool(TextCells)>& each) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend());
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(be->conn_, sql, -1, &raw, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(be->conn_));
    const std::unique_ptr<sqlite3_stmt, Finalize> st(raw);
    if (static_cast<std::size_t>(sqlite3_column_count(raw)) < columns)
        throw std::logic_error("ForEachRow: the statement has fewer columns than asked for");
    sqlite3_bind_int64(raw, 1, after);
    std::vector<std::string_view> cells(columns);
    std::size_t n = 0;
    for (;;) {
        const int rc = sqlite3_step(raw);
        if (rc == SQLITE_DONE) return n;
        if (rc != SQLITE_ROW) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(be->conn_));
        for (std::size_t i = 0; i < columns; ++i) {
            const int c = static_cast<int>(i);
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
            cells[i] = text == nullptr ? std::string_view{}
                                       : std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
        }
        ++n;
        if (!each(cells)) return n;
    }
}

std::size_t SociRows(Tx& tx, const char* sql, long long after, std::size_t columns,
                     const std::function<bool(TextCells)>& each) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(after));
    std::vector<std::string> text(columns);
    std::vector<std::string_view> cells(columns);
    std::size_t n = 0;
    for (const soci::row& r : rows) {
        if (r.size() < columns) throw std::logic_error("ForEachRow: the statement has fewer columns than asked for");
        for (std::size_t i = 0; i < columns; ++i) {
            text[i] = TextAt(r, i);
            cells[i] = text[i];
        }
        ++n;
        if (!each(cells)) return n;
    }
    return n;
}

}  // namespace

std::size_t ForEachRow(Tx& tx, const char* sql, long long after, std::size_t columns,
                       const std::function<bool(TextCells)>& each) {
    return tx.dialect() == Dialect::kSqlite ? SqliteRows(tx, sql, after, columns, each)
                                            : SociRows(tx, sql, after, columns, each);
}

}  // namespace tsunagu::storage
