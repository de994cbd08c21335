#include "search/search.hpp"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace tsunagu::search {
namespace {

TEST(Normalise, Table) {
    const std::pair<const char*, const char*> cases[] = {
        {"グループ", "グループ"},
        {"ぐるーぷ", "グループ"},    // hiragana → katakana
        {"ｸﾞﾙｰﾌﾟ", "グループ"},      // half-width kana (with voiced marks) → full-width
        {"ＡＢＣ１２３", "abc123"},  // full-width alphanumerics → ASCII, lower case
        {"ABC abc", "abc abc"},
        {"夜間の不安", "夜間ノ不安"},  // kanji unchanged, hiragana particle → katakana
        {"㈱つなぐ", "(株)ツナグ"},    // compatibility characters decomposed
        {"", ""},
    };
    for (const auto& [in, want] : cases) EXPECT_EQ(Normalise(in), want) << in;
}

// Normalise maps hiragana to katakana with a table after NFKC; ICU's Hiragana-Katakana
// transliterator (what it used before, and what earlier index entries were normalised with) is the
// oracle: for every code point of the BMP and the kana supplements, its NFKC form transliterated
// equals its NFKC form through the table.
TEST(Normalise, HiraganaTableAgreesWithIcuTransliterator) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> icu(
        icu::Transliterator::createInstance("Hiragana-Katakana", UTRANS_FORWARD, status));
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    ASSERT_TRUE(U_SUCCESS(status) && icu && nfkc);
    int changed = 0;
    auto check = [&](UChar32 c) {
        if (c >= 0xD800 && c <= 0xDFFF) return;  // surrogates are not characters
        UErrorCode st = U_ZERO_ERROR;
        const icu::UnicodeString n = nfkc->normalize(icu::UnicodeString(c), st);
        icu::UnicodeString want = n, got;
        icu->transliterate(want);
        for (int32_t i = 0; i < n.length(); i = n.moveIndex32(i, 1))
            got.append(static_cast<UChar32>(HiraganaToKatakana(static_cast<char32_t>(n.char32At(i)))));
        std::string w, g;
        want.toUTF8String(w);
        got.toUTF8String(g);
        EXPECT_EQ(g, w) << "U+" << std::hex << c;
        if (want != n) ++changed;
    };
    for (UChar32 c = 0; c <= 0xFFFF; ++c) check(c);
    for (UChar32 c = 0x1B000; c <= 0x1B16F; ++c) check(c);
    EXPECT_GT(changed, 0x3094 - 0x3041);  // at least ぁ..ゔ
}

// The snippet maps most characters without ICU strings; every kind of character still matches as
// Normalise says: upper-case Latin, full-width, half-width kana with voiced marks, hiragana,
// compatibility characters, a Turkish capital I with dot (lower case of two code points).
TEST(Snippet, EveryKindOfCharacterMatchesAsNormaliseSays) {
    const std::string text = "AbcＤＥＦｸﾞﾙｰﾌﾟぐるーぷ㈱つなぐİstanbul漢字";
    for (const char* q :
         {"abc", "ABCdef", "ｄｅｆ", "グループ", "ぐるーぷぐるーぷ", "(株)ツナグ", "i̇stanbul", "漢字"}) {
        const Snippet s = MakeSnippet(text, q);
        ASSERT_FALSE(s.highlights.empty()) << q;
        // the highlighted original, normalised, contains the normalised query
        const auto& h = s.highlights.front();
        std::string marked;
        std::size_t cp = 0;
        for (std::size_t i = 0; i < s.text.size(); ++cp) {
            const unsigned char b = static_cast<unsigned char>(s.text[i]);
            const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (cp >= h.start && cp < h.start + h.length) marked += s.text.substr(i, n);
            i += n;
        }
        EXPECT_NE(Normalise(marked).find(Normalise(q)), std::string::npos) << q << " marked " << marked;
    }
}

TEST(Snippet, HighlightsTheMatchInTheOriginalText) {
    const Snippet s = MakeSnippet("今日はグループホームの見学に行った。", "ぐるーぷ");
    EXPECT_EQ(s.text, "今日はグループホームの見学に行った。");
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.highlights[0].start, 3u);
    EXPECT_EQ(s.highlights[0].length, 4u);
}

TEST(Snippet, HalfWidthOriginalMapsToItsOwnCharacters) {
    // ｸﾞﾙｰﾌﾟ is six code points in the text; the query normalises to four.
    const Snippet s = MakeSnippet("AｸﾞﾙｰﾌﾟB", "グループ");
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.highlights[0].start, 1u);
    EXPECT_EQ(s.highlights[0].length, 6u);
}

TEST(Snippet, FullWidthQueryMatchesAsciiText) {
    const Snippet s = MakeSnippet("Wi-Fi がつながらない", "ｗｉ");
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.highlights[0].start, 0u);
    EXPECT_EQ(s.highlights[0].length, 2u);
}

TEST(Snippet, EveryMatchIsMarkedAndLineBreaksReadAsSpaces) {
    const Snippet s = MakeSnippet("怖い\n夜が怖い", "怖");
    EXPECT_EQ(s.text, "怖い 夜が怖い");
    ASSERT_EQ(s.highlights.size(), 2u);
    EXPECT_EQ(s.highlights[1].start, 5u);
}

TEST(Snippet, LongTextIsCutAroundTheFirstMatch) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "あ";
    text += "見学";
    for (int i = 0; i < 300; ++i) text += "い";
    const Snippet s = MakeSnippet(text, "見学");
    EXPECT_EQ(CodePoints(s.text), kSnippetChars);
    ASSERT_EQ(s.highlights.size(), 1u);
    EXPECT_EQ(s.highlights[0].start, 30u);
    EXPECT_EQ(s.highlights[0].length, 2u);
}

TEST(Snippet, NoMatchGivesTheStartWithoutHighlights) {
    const Snippet s = MakeSnippet("短い記録", "存在しない");
    EXPECT_EQ(s.text, "短い記録");
    EXPECT_TRUE(s.highlights.empty());
}

TEST(Query, LikeAndPhraseEscapeOperators) {
    EXPECT_EQ(LikeContains("100%_\\"), "%100\\%\\_\\\\%");
    EXPECT_EQ(FtsPhrase("a OR b"), "\"a OR b\"");
    EXPECT_EQ(FtsPhrase("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CodePoints("夜間"), 2u);
}

}  // namespace
}  // namespace tsunagu::search
