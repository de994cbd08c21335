#include "note/note.hpp"

#include <gtest/gtest.h>

namespace tsunagu::note {
namespace {

TEST(NoteLock, TwentyFourHoursAfterCreation) {
    const std::time_t created = *ParseTimestamp("2026-11-25T09:00:00Z");
    struct Case {
        std::time_t now;
        bool locked;
    } cases[] = {
        {created, false},
        {created + 3600, false},
        {created + 24 * 3600 - 1, false},
        {created + 24 * 3600, true},
        {created + 30 * 24 * 3600, true},
        {created - 60, false},  // a clock a little behind never locks early
    };
    for (const auto& c : cases) EXPECT_EQ(IsLocked("2026-11-25T09:00:00Z", c.now), c.locked) << c.now - created;
}

TEST(NoteLock, MalformedTimestampIsLocked) {
    EXPECT_TRUE(IsLocked("", 0));
    EXPECT_TRUE(IsLocked("2026-11-25 09:00:00", 0));
    EXPECT_FALSE(ParseTimestamp("2026-13-01T00:00:00Z").has_value());
    EXPECT_EQ(*ParseTimestamp("1970-01-02T00:00:00Z"), 86400);
}

TEST(NoteSearchText, OwnWordsFirstAndCorrectionsIncluded) {
    Note n;
    n.own_words = "夜が怖い";
    n.next_step = "来週電話";
    n.corrections.push_back({1, "訂正文", "誤記", 1, "", ""});
    const std::string t = SearchText(n);
    EXPECT_EQ(t.rfind("夜が怖い", 0), 0u);
    EXPECT_NE(t.find("訂正文"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::note
