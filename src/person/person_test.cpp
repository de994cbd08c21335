#include "person/person.hpp"

#include <gtest/gtest.h>

namespace tsunagu::person {
namespace {

TEST(Kana, HiraganaBecomesKatakana) {
    EXPECT_EQ(ToKatakana("やまだ たろう"), "ヤマダ タロウ");
    EXPECT_EQ(ToKatakana("ヤマダ"), "ヤマダ");
    EXPECT_EQ(ToKatakana("ゔぁ"), "ヴァ");
    EXPECT_EQ(ToKatakana("山田"), "山田");  // kanji untouched
}

TEST(Kana, OnlyKanaAccepted) {
    EXPECT_TRUE(IsKana("やまだ　たろう"));
    EXPECT_TRUE(IsKana("サトウ・ハナコ"));
    EXPECT_TRUE(IsKana("ユーリ"));
    EXPECT_FALSE(IsKana("Yamada"));
    EXPECT_FALSE(IsKana("山田"));
    EXPECT_FALSE(IsKana("ﾔﾏﾀﾞ"));  // half-width kana is not stored
}

TEST(SupportLevel, Normalised) {
    struct Case {
        const char* in;
        std::optional<std::string> out;
    } cases[] = {{"非該当", "非該当"}, {"none", "非該当"},  {"1", "1"},         {"6", "6"},          {"区分3", "3"},
                 {"0", std::nullopt},  {"7", std::nullopt}, {"", std::nullopt}, {"３", std::nullopt}};
    for (const auto& c : cases) EXPECT_EQ(NormaliseSupportLevel(c.in), c.out) << c.in;
}

TEST(Age, ChildUntilEighteenthBirthday) {
    EXPECT_TRUE(IsChildOn("2008-12-01", "2026-11-30"));
    EXPECT_FALSE(IsChildOn("2008-12-01", "2026-12-01"));
    EXPECT_EQ(AgeOn("2008-02-29", "2026-02-28"), 17);
    EXPECT_EQ(AgeOn("2008-02-29", "2026-03-01"), 18);
    EXPECT_EQ(AgeOn("bad", "2026-03-01"), -1);
    EXPECT_FALSE(IsChildOn("bad", "2026-03-01"));
}

}  // namespace
}  // namespace tsunagu::person
