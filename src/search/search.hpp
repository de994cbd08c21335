#pragma once
// 横断検索: one index of the texts of a person's records (notes, assessments, plans, monitorings,
// meetings …), searched in Japanese. The stores call Index/Remove in their own transaction, so the
// index never lags behind the records. Matching is on normalised text (Normalise), the snippet and
// its highlights are on the text as written.
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"
#include "storage/database.hpp"

namespace tsunagu::search {

//! Record kinds the index holds (GET /api/v1/search?kinds=).
inline const std::vector<std::string> kKinds = {"note", "assessment", "plan", "monitoring", "meeting"};
//! Longest snippet, in characters (code points).
inline constexpr std::size_t kSnippetChars = 160;
//! Longest query, in characters.
inline constexpr std::size_t kMaxQueryChars = 100;
//! Shortest normalised query the trigram index serves as one phrase; shorter ones are served by the
//! trigrams that begin with them (SQLite) or read the caller's scope.
inline constexpr std::size_t kTrigramMinChars = 3;

// --- rules (normalise.cpp, search_rules.cpp; pure) ---
//! NFKC, then hiragana → katakana, then lower case: half-width ｶﾅ, full-width ＡＢＣ１２３,
//! ぐるーぷ and グループ all become the same string. Invalid UTF-8 is replaced (U+FFFD).
std::string Normalise(std::string_view text);
//! One character's hiragana → katakana step of Normalise (other characters unchanged).
char32_t HiraganaToKatakana(char32_t c);

//! A highlighted range of a snippet, in code points.
struct Highlight {
    std::size_t start = 0;
    std::size_t length = 0;
};
struct Snippet {
    std::string text;  //!< ≤ kSnippetChars code points of the original text
    std::vector<Highlight> highlights;
};
//! The snippet of `text` around the first match of `query` (both as written; matched after
//! Normalise), with every match inside it highlighted. No match: the start of the text, no highlights.
Snippet MakeSnippet(std::string_view text, std::string_view query);

//! `s` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` escaped (ESCAPE '\').
std::string LikeContains(std::string_view s);
//! `s` as one FTS5 phrase: in double quotes, inner quotes doubled (so OR, NEAR, * are plain text).
std::string FtsPhrase(std::string_view s);
//! Code points in a UTF-8 string.
std::size_t CodePoints(std::string_view s);

// --- store (search_store.cpp) ---
//! Adds or replaces the entry of one record (kind, entity_id) in the caller's transaction.
void Index(storage::Tx& tx, long long office_id, long long person_id, const std::string& kind, long long entity_id,
           const std::string& date, const std::string& text);
//! Removes the entry of one record, if any.
void Remove(storage::Tx& tx, long long office_id, const std::string& kind, long long entity_id);

struct Hit {
    std::string kind;
    long long entity_id = 0;
    long long person_id = 0;
    std::string person_name;
    std::string date;
    std::string text;  //!< as written
};
struct Query {
    std::string q;                   //!< as typed (normalised here)
    long long person_id = 0;         //!< 0 = every person in scope
    std::vector<std::string> kinds;  //!< empty = all
    int page = 1;
    int per_page = 20;
    //! An office with up to this many entries is read on its own, a bigger one through the trigram
    //! index (SQLite FTS5, PostgreSQL pg_trgm; the same matches; a test sets it to compare the two).
    long long scan_entries = 20000;
    //! SQLite, a query shorter than a trigram: read through the index when it begins at most this
    //! many of the index's trigrams (OR-ed in one MATCH), else by reading the scope.
    int max_short_terms = 2000;
    //! SQLite, through the trigram index: a page of up to this many matches is read by rowid and
    //! sorted, a page of more by walking the office's entries newest first (it stops at the page).
    long long rowid_page_matches = 2000;
};
struct Result {
    std::vector<Hit> items;
    long long total = 0;
    bool total_is_lower_bound = false;  //!< more than kTotalCap matched: total is kTotalCap
};
//! A search's count is exact up to this many entries (as the person search's).
inline constexpr long long kTotalCap = 10000;
//! Entries in `scope` whose text contains the query, newest first; `total` counted with the same scope.
Result Find(storage::Tx& tx, const auth::Scope& scope, const Query& query);

// --- handlers (search_api.cpp) ---
//! GET /api/v1/search?q=&person_id=&kinds=&page=&per_page=
http::Response SearchApi(http::Context& ctx);

}  // namespace tsunagu::search

namespace tsunagu::search {}  // namespace tsunagu::search
