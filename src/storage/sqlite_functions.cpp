#include "storage/sqlite_functions.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "storage/database.hpp"

namespace tsunagu::storage {

namespace {

// soci-sqlite3.h includes sqlite3.h inside namespace sqlite_api.
using sqlite_api::sqlite3_aggregate_context;
using sqlite_api::sqlite3_context;
using sqlite_api::sqlite3_create_function_v2;
using sqlite_api::sqlite3_int64;
using sqlite_api::sqlite3_result_error_nomem;
using sqlite_api::sqlite3_result_int64;
using sqlite_api::sqlite3_value;
using sqlite_api::sqlite3_value_bytes;
using sqlite_api::sqlite3_value_int64;
using sqlite_api::sqlite3_value_text;
using sqlite_api::sqlite3_value_type;

//! The values seen by one count_distinct_ids: small positive ids (every id a sequence hands out) in
//! a bitmap, any other integer in a set.
struct DistinctIds {
    static constexpr std::uint64_t kBitmapLimit = std::uint64_t{1} << 26;  // 8 MiB of bits at most
    std::vector<bool> small;
    std::unordered_set<sqlite3_int64> other;
    sqlite3_int64 count = 0;

    void Add(sqlite3_int64 v) {
        if (v > 0 && static_cast<std::uint64_t>(v) < kBitmapLimit) {
            const auto at = static_cast<std::size_t>(v);
            if (at >= small.size()) small.resize(std::min<std::size_t>(kBitmapLimit, at + 1 + at / 2));
            if (small[at]) return;
            small[at] = true;
            ++count;
        } else if (other.insert(v).second) {
            ++count;
        }
    }
};

//! The state's slot in SQLite's aggregate context (zeroed by SQLite on first use): one pointer.
constexpr int kSlotBytes = static_cast<int>(sizeof(void*));
DistinctIds** Slot(sqlite3_context* ctx, int bytes) {
    return static_cast<DistinctIds**>(sqlite3_aggregate_context(ctx, bytes));
}

void DistinctIdsStep(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    DistinctIds** slot = Slot(ctx, kSlotBytes);
    if (slot == nullptr) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    try {
        if (*slot == nullptr) *slot = new DistinctIds();
        (*slot)->Add(sqlite3_value_int64(argv[0]));
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    }
}

// Called once per aggregate, also when the statement stops early or fails: the state is freed here.
void DistinctIdsFinal(sqlite3_context* ctx) {
    DistinctIds** slot = Slot(ctx, 0);
    const sqlite3_int64 n = slot != nullptr && *slot != nullptr ? (*slot)->count : 0;
    if (slot != nullptr) {
        delete *slot;
        *slot = nullptr;
    }
    sqlite3_result_int64(ctx, n);
}

//! contains_text(haystack, needle): 1 when needle's bytes occur in haystack's, else 0; NULL when
//! either is NULL. Both are read as UTF-8 text; a match of whole UTF-8 sequences can only begin at a
//! character's first byte, so a byte search finds exactly the character matches.
void ContainsText(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) return;
    const auto* hay = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int hay_bytes = sqlite3_value_bytes(argv[0]);
    const auto* needle = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const int needle_bytes = sqlite3_value_bytes(argv[1]);
    if (hay == nullptr || needle == nullptr) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    // glibc's memmem (a two-way search, hashed pairs of bytes for short needles): no per-character step.
    const bool found = needle_bytes == 0 || ::memmem(hay, static_cast<std::size_t>(hay_bytes), needle,
                                                     static_cast<std::size_t>(needle_bytes)) != nullptr;
    sqlite3_result_int64(ctx, found ? 1 : 0);
}

}  // namespace

void RegisterSqliteFunctions(soci::session& s) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
    // DIRECTONLY: usable in tsunagu's own statements, never from a schema object (trusted_schema=OFF).
    const int rc = sqlite3_create_function_v2(be->conn_, "count_distinct_ids", 1,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr, nullptr,
                                              DistinctIdsStep, DistinctIdsFinal, nullptr);
    if (rc != SQLITE_OK) throw std::runtime_error("sqlite: count_distinct_ids could not be added");
    const int rc2 = sqlite3_create_function_v2(be->conn_, "contains_text", 2,
                                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
                                               ContainsText, nullptr, nullptr, nullptr);
    if (rc2 != SQLITE_OK) throw std::runtime_error("sqlite: contains_text could not be added");
}

std::string CountDistinctIds(Dialect d, const std::string& column) {
    return d == Dialect::kSqlite ? "count_distinct_ids(" + column + ")" : "COUNT(DISTINCT " + column + ")";
}

}  // namespace tsunagu::storage
