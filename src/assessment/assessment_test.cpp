#include "assessment/assessment.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace tsunagu::assessment {
namespace {

Assessment Draft() {
    Assessment a;
    a.id = 7;
    a.office_id = 1;
    a.person_id = 3;
    a.date = "2026-05-10";
    a.place = "home";
    a.own_words = "一人暮らしを続けたい";
    a.strengths = "料理が得意";
    a.icf.activities = "買い物は付き添いがあればできる";
    a.needs = {"週に一度は外出したい"};
    a.author_id = 2;
    a.author_name = "佐藤";
    a.created_at = "2026-05-10T01:00:00Z";
    a.updated_at = "2026-05-11T01:00:00Z";
    return a;
}

TEST(Validate, Cases) {
    struct Case {
        const char* name;
        std::function<void(Assessment&)> change;
        std::string want_field;  //!< "" = valid
    };
    const std::vector<Case> cases = {
        {"valid", [](Assessment&) {}, ""},
        {"no needs (a draft may lack them)", [](Assessment& a) { a.needs.clear(); }, ""},
        {"50 needs", [](Assessment& a) { a.needs.assign(kMaxNeeds, "課題"); }, ""},
        {"51 needs", [](Assessment& a) { a.needs.assign(kMaxNeeds + 1, "課題"); }, "needs"},
        {"empty need", [](Assessment& a) { a.needs.push_back(""); }, "needs[1]"},
        {"1000 characters",
         [](Assessment& a) {
             std::string s;
             for (std::size_t i = 0; i < kMaxNeedChars; ++i) s += "あ";
             a.needs = {s};
         },
         ""},
        {"1001 characters",
         [](Assessment& a) {
             std::string s;
             for (std::size_t i = 0; i <= kMaxNeedChars; ++i) s += "あ";
             a.needs = {"ok", s};
         },
         "needs[1]"},
    };
    for (const Case& c : cases) {
        Assessment a = Draft();
        c.change(a);
        const auto errors = Validate(a);
        EXPECT_EQ(errors.empty() ? "" : errors.front().field, c.want_field) << c.name;
    }
}

TEST(FinaliseProblem, NeedsOwnWordsAndANeed) {
    EXPECT_EQ(FinaliseProblem(Draft()), std::nullopt);

    Assessment no_words = Draft();
    no_words.own_words.clear();
    ASSERT_TRUE(FinaliseProblem(no_words));
    EXPECT_EQ(FinaliseProblem(no_words)->field, "own_words");

    Assessment no_needs = Draft();
    no_needs.needs.clear();
    ASSERT_TRUE(FinaliseProblem(no_needs));
    EXPECT_EQ(FinaliseProblem(no_needs)->field, "needs");
}

TEST(CopyAsDraft, KeepsContentResetsBookkeeping) {
    Assessment from = Draft();
    from.status = "finalised";
    from.finalised_on = "2026-05-12";
    from.copied_from_id = 4;
    ASSERT_TRUE(IsFinalised(from));

    const Assessment copy = CopyAsDraft(from, 9);
    EXPECT_EQ(copy.id, 0);
    EXPECT_FALSE(IsFinalised(copy));
    EXPECT_EQ(copy.status, "draft");
    EXPECT_EQ(copy.finalised_on, "");
    EXPECT_EQ(copy.copied_from_id, 7);
    EXPECT_EQ(copy.author_id, 9);
    EXPECT_EQ(copy.author_name, "");
    EXPECT_EQ(copy.created_at, "");
    // All content is carried over.
    EXPECT_EQ(copy.office_id, from.office_id);
    EXPECT_EQ(copy.person_id, from.person_id);
    EXPECT_EQ(copy.date, from.date);
    EXPECT_EQ(copy.place, from.place);
    EXPECT_EQ(copy.own_words, from.own_words);
    EXPECT_EQ(copy.strengths, from.strengths);
    EXPECT_EQ(copy.icf.activities, from.icf.activities);
    EXPECT_EQ(copy.needs, from.needs);
}

}  // namespace
}  // namespace tsunagu::assessment
