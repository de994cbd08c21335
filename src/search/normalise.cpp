// Text normalisation for search (ICU): NFKC, hiragana → katakana, lower case; and the snippet of a
// match with its highlights.
//
// Highlights are computed on the text as written, through a mapping: the text is cut into
// segments (a character with the combining marks that follow it, e.g. ｶ + ﾞ), each segment is
// normalised on its own, and every normalised character remembers the segment it came from. The
// query is found in the concatenation, and a match maps back to whole segments of the original.
// So 「ｸﾞﾙｰﾌﾟ」 in a note highlights those six characters when the query is ぐるーぷ (four).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "search/search.hpp"

namespace tsunagu::search {

namespace {

const icu::Normalizer2& Nfkc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFKC unavailable");
    return *n;
}

}  // namespace

char32_t HiraganaToKatakana(char32_t c) {
    // ぁ..ゔ → ァ..ヴ, ゝゞ → ヽヾ (ゕゖ stay): what ICU's Hiragana-Katakana transliterator does to each
    // character left after NFKC (search_test checks every code point against it). A table instead
    // of the transliterator: it was most of the cost of indexing a record.
    if (c >= 0x3041 && c <= 0x3094) return c + 0x60;
    if (c == 0x309D || c == 0x309E) return c + 0x60;
    return c;
}

namespace {

icu::UnicodeString NormaliseU(const icu::UnicodeString& in) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = Nfkc().normalize(in, status);
    if (U_FAILURE(status)) return in;
    for (int32_t i = 0; i < out.length(); ++i) {
        const char16_t c = out.charAt(i);  // hiragana is in the BMP: one code unit
        const char32_t k = HiraganaToKatakana(c);
        if (k != c) out.setCharAt(i, static_cast<char16_t>(k));
    }
    out.toLower();
    return out;
}

std::vector<UChar32> CodePointsOf(const icu::UnicodeString& s) {
    std::vector<UChar32> out;
    out.reserve(static_cast<std::size_t>(s.length()));
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(s.char32At(i));
    return out;
}

//! Marks that belong to the character before them (half-width and combining voiced marks included).
bool Continues(UChar32 c) {
    if (c == 0xFF9E || c == 0xFF9F || c == 0x3099 || c == 0x309A) return true;
    const int8_t t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

//! ICU string of UTF-8 text (texts are far below 2 GiB: the request body limit is 1 MiB).
icu::UnicodeString FromUtf8(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string Utf8(const std::vector<UChar32>& cps, std::size_t from, std::size_t to) {
    icu::UnicodeString u;
    for (std::size_t i = from; i < to; ++i) {
        const UChar32 c = cps[i];
        // The snippet is one line of plain text: line breaks and tabs read as spaces (same length).
        u.append(c == '\n' || c == '\r' || c == '\t' ? UChar32{' '} : c);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

std::string Normalise(std::string_view text) {
    std::string out;
    NormaliseU(FromUtf8(text)).toUTF8String(out);
    return out;
}

std::size_t CodePoints(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

Snippet MakeSnippet(std::string_view text, std::string_view query) {
    const std::vector<UChar32> cps = CodePointsOf(FromUtf8(text));
    const std::vector<UChar32> q = CodePointsOf(NormaliseU(FromUtf8(query)));

    // The normalised text, each of its characters with the original segment [from, to) it came from.
    std::vector<UChar32> norm;
    std::vector<std::pair<std::size_t, std::size_t>> origin;
    for (std::size_t i = 0; i < cps.size();) {
        std::size_t j = i + 1;
        while (j < cps.size() && Continues(cps[j])) ++j;
        // Most characters (kanji, kana, ASCII) are left alone by NFKC and have no lower case of
        // more than themselves: mapped here without building ICU strings (the same result).
        if (const UChar32 c = cps[i];
            j == i + 1 && Nfkc().isInert(c) &&
            ((c >= 'A' && c <= 'Z') || !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_LOWERCASED))) {
            const UChar32 lower = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            norm.push_back(static_cast<UChar32>(HiraganaToKatakana(static_cast<char32_t>(lower))));
            origin.emplace_back(i, j);
            i = j;
            continue;
        }
        icu::UnicodeString seg;
        for (std::size_t k = i; k < j; ++k) seg.append(cps[k]);
        for (UChar32 c : CodePointsOf(NormaliseU(seg))) {
            norm.push_back(c);
            origin.emplace_back(i, j);
        }
        i = j;
    }

    // Every non-overlapping match, as a range of original code points.
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    if (!q.empty()) {
        for (std::size_t i = 0; i + q.size() <= norm.size();) {
            if (std::equal(q.begin(), q.end(), norm.begin() + static_cast<std::ptrdiff_t>(i))) {
                const std::size_t from = origin[i].first, to = origin[i + q.size() - 1].second;
                if (matches.empty() || from >= matches.back().second) matches.emplace_back(from, to);
                i += q.size();
            } else {
                ++i;
            }
        }
    }

    // The window: ≤ kSnippetChars, with some context before the first match.
    constexpr std::size_t kBefore = 30;
    std::size_t start = 0;
    if (!matches.empty() && cps.size() > kSnippetChars) {
        start = matches.front().first > kBefore ? matches.front().first - kBefore : 0;
        start = std::min(start, cps.size() - kSnippetChars);
    }
    const std::size_t end = std::min(cps.size(), start + kSnippetChars);

    Snippet s;
    s.text = Utf8(cps, start, end);
    for (const auto& [from, to] : matches)
        if (from >= start && to <= end) s.highlights.push_back({from - start, to - from});
    return s;
}

std::string LikeContains(std::string_view s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

std::string FtsPhrase(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace tsunagu::search
