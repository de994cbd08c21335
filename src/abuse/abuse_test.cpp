#include "abuse/abuse.hpp"

#include <gtest/gtest.h>

namespace tsunagu::abuse {
namespace {

TEST(AbuseStatus, ReportedThenFollowupThenClosed) {
    std::vector<Followup> f;
    EXPECT_EQ(StatusOf(f), "reported");
    EXPECT_FALSE(ClosingOf(f));
    f.push_back({1, "followup", "2026-11-02", "市の訪問", 0, "", ""});
    EXPECT_EQ(StatusOf(f), "followup");
    f.push_back({2, "close", "2026-11-20", "分離により安全確保", 0, "", ""});
    EXPECT_EQ(StatusOf(f), "closed");
    EXPECT_EQ(ClosingOf(f)->date, "2026-11-20");
}

}  // namespace
}  // namespace tsunagu::abuse
