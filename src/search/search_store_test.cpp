// search::Find on SQLite has two ways to the same matches: the trigram index (FTS5, one for the
// whole file) and, for an office with few entries, a read of that office's entries. On the demo
// office, every query gives the same items and total both ways, page by page.
#include <gtest/gtest.h>

#include <memory>
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
                                                      std::vector<std::string> kinds = {}) {
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
        const auto [by_index, total_index] = All(q, 0);      // always the trigram index
        const auto [by_scan, total_scan] = All(q, 1000000);  // always the office's entries
        EXPECT_EQ(by_index, by_scan) << q;
        EXPECT_EQ(total_index, total_scan) << q;
        EXPECT_EQ(static_cast<long long>(by_index.size()), total_index) << q;
        if (!by_index.empty()) ++found;
    }
    EXPECT_GE(found, 3) << "the demo office's records contain some of the words";
    const auto [notes_index, n1] = All("様子", 0, {"note"});
    const auto [notes_scan, n2] = All("様子", 1000000, {"note"});
    EXPECT_EQ(notes_index, notes_scan);
    EXPECT_EQ(n1, n2);
}

}  // namespace
}  // namespace tsunagu::search
