#include <algorithm>

#include "calendar/date.hpp"
#include "person/person.hpp"

namespace tsunagu::person {

namespace {
//! Decodes one UTF-8 code point at `i`, advancing it; U+FFFD on malformed input.
char32_t Next(const std::string& s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

void Append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
}  // namespace

std::string ToKatakana(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = Next(s, i);
        if (cp >= 0x3041 && cp <= 0x3096) cp += 0x60;  // ぁ..ゖ → ァ..ヶ
        Append(out, cp);
    }
    return out;
}

bool IsKana(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = Next(s, i);
        const bool kana = (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
                          cp == 0x30FB || cp == 0x3000 || cp == ' ' || cp == 0x309B || cp == 0x309C;
        if (!kana) return false;
    }
    return true;
}

std::optional<std::string> NormaliseSupportLevel(const std::string& s) {
    if (s == "非該当" || s == "none") return std::string("非該当");
    std::string digits = s;
    if (digits.rfind("区分", 0) == 0) digits = digits.substr(std::string("区分").size());
    if (digits.size() == 1 && digits[0] >= '1' && digits[0] <= '6') return digits;
    return std::nullopt;
}

int AgeOn(const std::string& birth, const std::string& on) {
    auto b = calendar::Date::Parse(birth), o = calendar::Date::Parse(on);
    if (!b || !o) return -1;
    return calendar::AgeOn(*b, *o);
}

bool IsChildOn(const std::string& birth, const std::string& on) {
    const int age = AgeOn(birth, on);
    return age >= 0 && age < 18;
}

}  // namespace tsunagu::person
