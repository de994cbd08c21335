// Table tests of the case report rules (issue 15): what the anonymisation checker finds, and the
// draft's replacements (names → letters, dates → months since support began, bands of age).
#include "quality/case_report.hpp"

#include <gtest/gtest.h>

namespace tsunagu::quality {
namespace {

Identifiers Who() {
    Identifiers w;
    w.name = "山田 太郎";
    w.kana = "ヤマダ タロウ";
    w.birth_date = "1990-05-12";
    w.address = "東京都練馬区豊玉北6-12-1";
    w.phone = "090-1234-5678";
    w.certificate_numbers = {"1234567890"};
    w.other_names = {"山田 花子"};
    w.other_phones = {"03-3333-4444"};
    w.providers = {"ひかり作業所"};
    return w;
}

std::string Kinds(const std::string& text) {
    std::string out;
    for (const auto& f : FindIdentifiers(text, Who())) out += (out.empty() ? "" : ",") + f.kind;
    return out;
}

struct CheckCase {
    const char* name;
    const char* text;
    const char* kinds;
};

TEST(CaseReport, CheckerTable) {
    const std::vector<CheckCase> cases = {
        {"clean", "Aさんは支援開始3か月目にB事業所へ通い始めた。", ""},
        {"full name", "山田太郎さんは作業所に通う。", "name,family_name,given_name"},
        {"name with a space", "山田 太郎は", "name,family_name,given_name"},
        {"family name alone", "山田さんの母", "family_name"},
        {"given name alone", "太郎は笑った", "given_name"},
        {"kana in katakana", "ヤマダさん", "kana"},
        {"kana in hiragana", "たろうくんと呼ばれる", "kana"},
        {"full-width name", "山田　太郎", "name,family_name,given_name"},
        {"a family member", "花子が付き添った", "other_name"},
        {"birth date ISO", "1990-05-12生まれ", "birth_date"},
        {"birth date in kanji", "1990年5月12日生", "birth_date"},
        {"birth date in wareki", "平成2年5月12日", "birth_date"},
        {"another exact date", "2026-04-01に訪問", "exact_date"},
        {"slashed date", "2026/4/1に訪問", "exact_date"},
        {"year and month", "2026年4月から", "exact_date"},
        {"reiwa", "令和8年4月1日に契約", "exact_date"},
        {"month and day", "4月1日に契約", "exact_date"},
        {"own phone", "携帯 090-1234-5678", "phone"},
        {"phone in full width", "０９０－１２３４－５６７８", "phone"},
        {"phone with long marks", "090ー1234ー5678", "phone"},
        {"phone with dashes of other kinds", "090–1234−5678", "phone"},
        {"postcode with a minus sign", "〒176−0012", "postcode"},
        {"a family phone", "03-3333-4444", "phone"},
        {"any phone number", "06-6666-7777へ連絡", "phone"},
        {"postcode", "〒176-0012", "postcode"},
        {"postcode without mark", "176-0012", "postcode"},
        {"own certificate", "受給者証 1234567890", "certificate_number"},
        {"any 10-digit number", "番号 9876543210", "certificate_number"},
        {"own address", "東京都練馬区豊玉北6-12-1に住む", "address"},
        {"street only", "豊玉北6-12-1", "address"},
        {"chome", "3丁目の公園", "address"},
        {"provider", "ひかり作業所に通う", "provider_name"},
        {"several at once", "山田さん 090-1234-5678 2026-04-01", "family_name,phone,exact_date"},
        {"numbers that are not identifiers", "週3回、1日6時間、30分", ""},
        {"a one-letter part only with an honorific", "太は大きい", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(Kinds(c.text), c.kinds) << c.name;
}

TEST(CaseReport, OneCharacterNamePart) {
    Identifiers w;
    w.name = "森 学";
    EXPECT_EQ(FindIdentifiers("学校に通う", w).size(), 0U);
    ASSERT_EQ(FindIdentifiers("学さんは", w).size(), 1U);
    EXPECT_EQ(FindIdentifiers("学さんは", w)[0].kind, "given_name");
    EXPECT_EQ(FindIdentifiers("学さんは", w)[0].label_ja, "名");
}

TEST(CaseReport, AgeBands) {
    EXPECT_EQ(AgeBand("1990-05-12", "2026-05-11"), "35〜39歳");
    EXPECT_EQ(AgeBand("1990-05-12", "2025-05-11"), "30〜34歳");
    EXPECT_EQ(AgeBand("2010-01-01", "2026-04-01"), "15〜19歳");
    EXPECT_EQ(AgeBand("", "2026-04-01"), "");
}

TEST(CaseReport, RelativeMonths) {
    EXPECT_EQ(RelativeMonth("2025-04-10", "2025-04-30"), "支援開始1か月目");
    EXPECT_EQ(RelativeMonth("2025-04-10", "2025-05-01"), "支援開始2か月目");
    EXPECT_EQ(RelativeMonth("2025-04-10", "2026-04-01"), "支援開始13か月目");
    EXPECT_EQ(RelativeMonth("2025-04-10", "2025-03-31"), "支援開始前");
}

TEST(CaseReport, AnonymiseLeavesNothingTheCheckerFinds) {
    const std::string text =
        "山田太郎さん（ヤマダ タロウ）は1990年5月12日生まれ。2025年6月3日に母の山田 花子さんと来所。"
        "住所は東京都練馬区豊玉北6-12-1、〒176-0012、電話０９０－１２３４－５６７８。受給者証1234567890。"
        "ひかり作業所に週3回通う。太郎は「働きたい」と話した。2025-07-15に再訪。";
    const std::string out = Anonymise(text, Who(), "2025-04-10");
    EXPECT_EQ(FindIdentifiers(out, Who()).size(), 0U) << out;
    EXPECT_NE(out.find("Aさん"), std::string::npos) << out;
    EXPECT_NE(out.find("B事業所"), std::string::npos) << out;
    EXPECT_NE(out.find("Cさん"), std::string::npos) << out;
    EXPECT_NE(out.find("支援開始3か月目"), std::string::npos) << out;
    EXPECT_NE(out.find("支援開始4か月目"), std::string::npos) << out;
    EXPECT_NE(out.find("週3回"), std::string::npos) << out;
    EXPECT_EQ(out.find("Aさんさん"), std::string::npos) << out;
}

TEST(CaseReport, LongRunsOfDigitsDoNotOverflowTheStack) {
    // The longest text PATCH accepts, all digits or digits and hyphens: scanned, not recursed over.
    std::string alternating;
    for (int i = 0; i < 13000; ++i) alternating += "1-2";
    for (const std::string& s :
         {std::string(40000, '1'), std::string(20000, '1') + std::string(20000, '-'), alternating}) {
        EXPECT_TRUE(FindIdentifiers(s, Who()).empty());
        EXPECT_EQ(Anonymise(s, Who(), "2025-04-10").size(), s.size());
    }
    EXPECT_EQ(Kinds("電話(03)3333-4444、〒 176-0012"), "postcode,phone");
}

}  // namespace
}  // namespace tsunagu::quality
