// search::Find on SQLite has two ways to the same matches: the trigram index (FTS5, one for the
// whole file) and, for an office with few entries, a read of that office's entries. On the demo
// office, every query gives the same items and total both ways, page by page.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "demo/demo_fixture.hpp"
#include "search/search.hpp"

namespace tsunagu::search {
namespace {

class DemoSearch : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        demo_ = std::make_unique<demo::DemoDatabase>("search");
        db_ = &demo_->db();
        office_ = demo_->office();
    }
    static void TearDownTestSuite() {
        db_ = nullptr;
        demo_.reset();
    }

    using Row = std::tuple<std::string, long long, long long, std::string>;
    //! Every page of a query, with the total of the first.
    static std::pair<std::vector<Row>, long long> All(const std::string& q, long long scan_entries,
                                                      std::vector<std::string> kinds = {}, int max_short_terms = 2000,
                                                      long long rowid_page_matches = 2000) {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        std::vector<Row> rows;
        long long total = -1;
        for (int page = 1; page < 200; ++page) {
            Query query;
            query.q = q;
            query.kinds = kinds;
            query.page = page;
            query.per_page = 3;
            query.scan_entries = scan_entries;
            query.max_short_terms = max_short_terms;
            query.rowid_page_matches = rowid_page_matches;
            const Result r = Find(tx, auth::Scope{office_, 0, 1}, query);
            if (total < 0) total = r.total;
            EXPECT_EQ(r.total, total) << q << " page " << page;
            for (const Hit& h : r.items) rows.emplace_back(h.kind, h.entity_id, h.person_id, h.date);
            if (r.items.size() < 3) break;
        }
        return {rows, total};
    }

    static inline std::unique_ptr<demo::DemoDatabase> demo_;
    static inline storage::Database* db_ = nullptr;
    static inline long long office_ = 0;
};

TEST_F(DemoSearch, TrigramIndexAndOfficeReadGiveTheSameMatches) {
    int found = 0;
    for (const std::string q :
         {"グループホーム", "ぐるーぷ", "ＡＤＬ", "通所", "服薬", "本人", "様子", "存在しない語句"}) {
        const auto [by_index, total_index] = All(q, 0);             // always the trigram index, pages by rowid
        const auto [by_scan, total_scan] = All(q, 1000000);         // always the office's entries
        const auto [by_date, total_date] = All(q, 0, {}, 2000, 0);  // the index, pages by date
        EXPECT_EQ(by_index, by_scan) << q;
        EXPECT_EQ(by_date, by_scan) << q;
        EXPECT_EQ(total_index, total_scan) << q;
        EXPECT_EQ(total_date, total_scan) << q;
        EXPECT_EQ(static_cast<long long>(by_index.size()), total_index) << q;
        if (!by_index.empty()) ++found;
    }
    EXPECT_GE(found, 3) << "the demo office's records contain some of the words";
    const auto [notes_index, n1] = All("様子", 0, {"note"});
    const auto [notes_scan, n2] = All("様子", 1000000, {"note"});
    EXPECT_EQ(notes_index, notes_scan);
    EXPECT_EQ(n1, n2);
}

// A page past the last has no rows and still reports the total, both ways (PostgreSQL's one pass,
// which counts beside the page's rows, is checked by tests/api/search.test.mjs on pg).
TEST_F(DemoSearch, APagePastTheLastKeepsTheTotal) {
    for (const long long scan_entries : {0LL, 1000000LL}) {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        Query query;
        query.q = "様子";
        query.scan_entries = scan_entries;
        const Result first = Find(tx, auth::Scope{office_, 0, 1}, query);
        ASSERT_GT(first.total, 0) << scan_entries;
        EXPECT_FALSE(first.total_is_lower_bound);
        query.page = 1000;
        const Result past = Find(tx, auth::Scope{office_, 0, 1}, query);
        EXPECT_TRUE(past.items.empty()) << scan_entries;
        EXPECT_EQ(past.total, first.total) << scan_entries;
    }
}

// One and two characters through the index: the trigrams that begin with them, and the texts' last
// characters (the index reads each text with two line feeds after it). The queries are the last
// one and two characters of every demo text, and some of their first ones.
TEST_F(DemoSearch, ShortQueriesThroughTheIndexMatchAsTheOfficeRead) {
    std::set<std::string> queries;
    {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT text_normalised FROM search_entries WHERE office_id = :o", soci::use(office_));
        for (const auto& r : rows) {
            const std::string t = r.get<std::string>(0);
            std::vector<std::size_t> starts;  // of each code point
            for (std::size_t i = 0; i < t.size(); ++i)
                if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) starts.push_back(i);
            if (starts.size() >= 2) queries.insert(t.substr(starts[starts.size() - 2]));
            if (!starts.empty()) queries.insert(t.substr(starts.back()));
            if (starts.size() >= 3) queries.insert(t.substr(0, starts[2]));
        }
    }
    std::erase_if(queries, [](const std::string& q) { return q.find_first_of("\n\r\t") != std::string::npos; });
    ASSERT_GE(queries.size(), 10U);
    int found = 0;
    for (const std::string& q : queries) {
        const auto [by_index, total_index] = All(q, 0);
        const auto [by_scan, total_scan] = All(q, 1000000);
        const auto [by_date, total_date] = All(q, 0, {}, 2000, 0);
        EXPECT_EQ(by_date, by_scan) << q;
        EXPECT_EQ(by_index, by_scan) << q;
        EXPECT_EQ(total_index, total_scan) << q;
        if (!by_index.empty()) ++found;
    }
    EXPECT_EQ(found, static_cast<int>(queries.size())) << "every query is some text's own characters";
    // A character that begins more trigrams than allowed reads the office instead: the same matches.
    const auto [limited, total_limited] = All("の", 0, {}, 1);
    const auto [scanned, total_scanned] = All("の", 1000000);
    EXPECT_EQ(limited, scanned);
    EXPECT_EQ(total_limited, total_scanned);
    EXPECT_GT(total_scanned, 0);
}

// Index() replacing an entry and Remove() take its old text out of the trigram index (the delete
// must name exactly what was indexed, line feeds included), so neither way finds it any more.
TEST_F(DemoSearch, ReplacedAndRemovedEntriesLeaveTheIndex) {
    long long person = 0;
    {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        tx.sql() << "SELECT id FROM persons WHERE office_id = :o ORDER BY id LIMIT 1", soci::use(office_),
            soci::into(person);
    }
    const long long entity = 987654321;
    auto write = [&](const std::function<void(storage::Tx&)>& f) {
        storage::Tx tx(*db_);
        f(tx);
        tx.Commit();
    };
    auto count = [&](const std::string& q) {
        const auto [by_index, total_index] = All(q, 0, {"note"});
        const auto [by_scan, total_scan] = All(q, 1000000, {"note"});
        EXPECT_EQ(by_index, by_scan) << q;
        EXPECT_EQ(total_index, total_scan) << q;
        return total_index;
    };
    write([&](storage::Tx& tx) { Index(tx, office_, person, "note", entity, "2026-11-30", "試験用の記録は鴎"); });
    EXPECT_EQ(count("鴎"), 1);
    EXPECT_EQ(count("は鴎"), 1);
    EXPECT_EQ(count("記録は鴎"), 1);
    // The same text again with another date (a save that changed other fields): the trigram index
    // is left as it is, the entry's date moves, and the index still agrees with its content.
    write([&](storage::Tx& tx) { Index(tx, office_, person, "note", entity, "2026-12-01", "試験用の記録は鴎"); });
    EXPECT_EQ(count("記録は鴎"), 1);
    {
        storage::Tx tx(*db_);
        std::string date;
        tx.sql() << "SELECT date FROM search_entries WHERE office_id = :o AND kind = 'note' AND entity_id = :e",
            soci::use(office_), soci::use(entity), soci::into(date);
        EXPECT_EQ(date, "2026-12-01");
        EXPECT_NO_THROW(tx.sql() << "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')");
    }
    write([&](storage::Tx& tx) { Index(tx, office_, person, "note", entity, "2026-11-30", "差し替えた記録は鷺"); });
    EXPECT_EQ(count("鴎"), 0);
    EXPECT_EQ(count("は鴎"), 0);
    EXPECT_EQ(count("は鷺"), 1);
    write([&](storage::Tx& tx) { Remove(tx, office_, "note", entity); });
    EXPECT_EQ(count("鷺"), 0);
    EXPECT_EQ(count("差し替え"), 0);
    storage::Tx tx(*db_, storage::Tx::Mode::kRead);
    long long check = -1;
    tx.sql() << "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH '\"鷺\n\n\"'", soci::into(check);
    EXPECT_EQ(check, 0) << "no trigram of the removed text is left";
}

// Migration 0027: no write merges a whole level of the trigram index. FTS5's crisis merge (a level
// of 16 segments merged whole inside the write that made it 16: 13 s for an office of 100,000
// persons, the writer lock held throughout) is set out of reach, and every write of the index
// merges a few pages instead: a big segment on the lowest level (as a bulk load leaves it) shrinks
// as small writes follow it, and every entry is still found.
TEST_F(DemoSearch, SmallWritesMergeTheIndexAFewPagesAtATime) {
    long long person = 0;
    constexpr long long kBulk = 800000000, kSmall = 900000000;
    constexpr int kBulkRows = 4000, kWrites = 20;
    auto text = [](int i) {
        return "一括で入れた記録" + std::to_string(i) + "。本人は日中活動に通い、週末は家族と買い物に出かける。" +
               std::to_string(i * 7919 % 10007) + "番の相談では住まいと就労について話した。\n\n";
    };
    auto segments = [&] {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        std::set<long long> ids;
        soci::rowset<long long> rows = tx.sql().prepare << "SELECT DISTINCT segid FROM search_fts_idx";
        for (long long id : rows) ids.insert(id);
        return ids;
    };
    {
        storage::Tx tx(*db_);
        tx.sql() << "SELECT id FROM persons WHERE office_id = :o ORDER BY id LIMIT 1", soci::use(office_),
            soci::into(person);
        // The earlier tests' segments as one (on a level of its own), so that the merges below can
        // only be of the lowest level.
        tx.sql() << "INSERT INTO search_fts (search_fts) VALUES ('optimize')";
        std::string crisis;
        tx.sql() << "SELECT v FROM search_fts_config WHERE k = 'crisismerge'", soci::into(crisis);
        EXPECT_EQ(crisis, "1999");
        tx.Commit();
    }
    const std::set<long long> before = segments();
    {
        storage::Tx tx(*db_);
        // One transaction: one segment on the lowest level.
        for (int i = 0; i < kBulkRows; ++i) {
            const std::string t = text(i);
            tx.sql() << "INSERT INTO search_fts (rowid, text_normalised) VALUES (:id, :t)", soci::use(kBulk + i),
                soci::use(t);
        }
        tx.Commit();
    }
    auto pages_of = [&](long long segid) {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        long long n = 0;
        // The segment's leaves: rowid (segid << 37) + page (FTS5's layout of its data table).
        const long long first = segid << 37, end = first + (1LL << 31);
        tx.sql() << "SELECT COUNT(*) FROM search_fts_data WHERE id >= :f AND id < :e", soci::use(first), soci::use(end),
            soci::into(n);
        return n;
    };
    long long big = 0;
    for (long long id : segments())
        if (!before.count(id) && (big == 0 || pages_of(id) > pages_of(big))) big = id;
    const long long big_pages = pages_of(big);
    ASSERT_GE(big_pages, 100) << "the test needs a segment bigger than one write merges";
    for (int i = 0; i < kWrites; ++i) {
        storage::Tx tx(*db_);
        Index(tx, office_, person, "note", kSmall + i, "2026-11-30", "小さな書き込み鶫" + std::to_string(i));
        tx.Commit();
    }
    const long long left = pages_of(big);
    EXPECT_LT(left, big_pages) << "the writes did no merging of it";
    EXPECT_EQ(All("書き込み鶫", 0, {"note"}).second, kWrites);
    {
        storage::Tx tx(*db_, storage::Tx::Mode::kRead);
        long long n = 0;
        tx.sql() << "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH '\"日中活動\"'", soci::into(n);
        EXPECT_GE(n, kBulkRows);
    }
    // Put the fixture back: the bulk rows out of the index, the small entries removed.
    {
        storage::Tx tx(*db_);
        for (int i = 0; i < kBulkRows; ++i) {
            const std::string t = text(i);
            tx.sql() << "INSERT INTO search_fts (search_fts, rowid, text_normalised) VALUES ('delete', :id, :t)",
                soci::use(kBulk + i), soci::use(t);
        }
        tx.Commit();
    }
    for (int i = 0; i < kWrites; ++i) {
        storage::Tx tx(*db_);
        Remove(tx, office_, "note", kSmall + i);
        tx.Commit();
    }
    EXPECT_EQ(All("書き込み鶫", 0, {"note"}).second, 0);
}

}  // namespace
}  // namespace tsunagu::search
