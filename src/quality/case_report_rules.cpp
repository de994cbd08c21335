// 事例報告の匿名化 (pure): what in a text still identifies the person, and the draft's replacements.
#include <algorithm>
#include <optional>
#include <regex>
#include <string_view>

#include "calendar/date.hpp"
#include "person/person.hpp"
#include "quality/case_report.hpp"
#include "search/search.hpp"

namespace tsunagu::quality {

namespace {

struct Ymd {
    int y = 0, m = 0, d = 0;  //!< d 0: a month only
};

//! Hyphen-like characters (‐ ‑ ‒ – — ― −) become '-', and a katakana long mark between digits too.
std::string Hyphens(std::string s) {
    static constexpr std::string_view kDashes[] = {"\u2010", "\u2011", "\u2012", "\u2013",
                                                   "\u2014", "\u2015", "\u2212"};
    // Copied piece by piece: std::string::replace here trips gcc 12's -Wrestrict (a false positive).
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto dash = std::find_if(std::begin(kDashes), std::end(kDashes),
                                       [&](std::string_view d) { return s.compare(i, d.size(), d) == 0; });
        if (dash != std::end(kDashes)) {
            out += '-';
            i += dash->size();
        } else {
            out += s[i++];
        }
    }
    static const std::regex kLongMark("([0-9])(?:ー|ｰ)(?=[0-9])");
    return std::regex_replace(out, kLongMark, "$1-");
}

//! Full-width ASCII (！..～) → ASCII, ideographic space → space: the draft keeps its kana and kanji.
std::string HalfWidth(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xEF && i + 2 < s.size()) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
            const int cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out += static_cast<char>(cp - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') {
            out += ' ';
            i += 3;
            continue;
        }
        out += s[i++];
    }
    return out;
}

//! For matching: normalised (search::Normalise) with hyphens unified.
std::string Norm(const std::string& s) { return Hyphens(search::Normalise(s)); }
//! Normalised, without spaces: "山田 太郎" and "山田太郎" alike.
std::string Compact(const std::string& s) {
    std::string out;
    for (char c : Norm(s))
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    return out;
}
std::string DigitsOf(const std::string& s) {
    std::string out;
    for (char c : HalfWidth(s))
        if (c >= '0' && c <= '9') out += c;
    return out;
}
//! Code points of a UTF-8 string.
std::size_t Chars(const std::string& s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}
//! The parts of a name split at spaces ("山田 太郎" → 山田, 太郎); none when it has no space.
std::vector<std::string> Parts(const std::string& name) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : HalfWidth(name) + " ") {
        if (c == ' ' || c == '\t') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (out.size() < 2) out.clear();
    return out;
}
//! Katakana → hiragana (for the draft's replacements; the checker compares normalised text).
std::string Hiragana(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xE3 && i + 2 < s.size()) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
            int cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
            if (cp >= 0x30A1 && cp <= 0x30F6) {
                cp -= 0x60;
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
                i += 3;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

const std::vector<std::string>& Honorifics() {
    static const std::vector<std::string> h = {"さん", "くん", "ちゃん", "様", "氏"};
    return h;
}

int EraStart(const std::string& era) {
    if (era == "令和" || era == "r") return 2018;
    if (era == "平成" || era == "h") return 1988;
    if (era == "昭和" || era == "s") return 1925;
    return 0;
}

// Dates written out: 2026年4月1日, 令和8年4月1日, R8年4月, 2026年4月.
const std::regex& KanjiDate() {
    static const std::regex r(
        "(?:([0-9]{4})|(令和|平成|昭和|[RHSrhs]) ?([0-9]{1,2}|元)) ?年 ?([0-9]{1,2}) ?月(?: ?([0-9]{1,2}) ?日)?");
    return r;
}
// A month and day without a year: 4月1日.
const std::regex& MonthDay() {
    static const std::regex r("([0-9]{1,2}) ?月 ?([0-9]{1,2}) ?日");
    return r;
}
// Runs of digits with separators — phone numbers, postcodes, ISO and slashed dates, certificate numbers —
// found by a linear scan: std::regex recurses once per character of a match, and a long run of digits
// would overflow the stack.
struct Span {
    std::size_t pos = 0, len = 0;
};
std::vector<Span> NumberTokens(const std::string& s) {
    static const std::string kMark = "〒";
    const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    const auto inner = [&](std::size_t k) {
        return digit(k) || s[k] == '(' || s[k] == ')' || s[k] == '/' || s[k] == '-';
    };
    std::vector<Span> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i;
        if (s.compare(j, kMark.size(), kMark) == 0) {
            j += kMark.size();
            if (j < s.size() && s[j] == ' ') ++j;
        }
        if (j < s.size() && s[j] == '(') ++j;
        if (!digit(j)) {
            ++i;  // a lead byte of UTF-8 is never a digit, '(' or the first byte of a continuation
            continue;
        }
        std::size_t end = j;
        while (end < s.size() && inner(end)) ++end;
        std::size_t last = end;
        while (last > j && !digit(last - 1)) --last;  // ends with a digit, or one ')' after it
        if (last < end && s[last] == ')') ++last;
        out.push_back({i, last - i});
        i = last;
    }
    return out;
}

std::optional<Ymd> FromKanji(const std::smatch& m) {
    Ymd d;
    if (m[1].matched) {
        d.y = std::stoi(m[1].str());
    } else {
        const int base = EraStart(m[2].str());
        d.y = base + (m[3].str() == "元" ? 1 : std::stoi(m[3].str()));
    }
    d.m = std::stoi(m[4].str());
    d.d = m[5].matched ? std::stoi(m[5].str()) : 0;
    if (d.m < 1 || d.m > 12 || d.d > 31) return std::nullopt;
    return d;
}

enum class Token { kNone, kPhone, kPostcode, kCertificate, kDate, kAddress };

//! What a number token is, and its date when it is one.
Token Classify(const std::string& token, Ymd& date) {
    static const std::regex kIso("([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})");
    static const std::regex kPost("[0-9]{3}-[0-9]{4}");
    static const std::regex kBlock("[0-9]{1,3}-[0-9]{1,4}-[0-9]{1,4}");
    std::string t = token;
    const bool mark = t.rfind("〒", 0) == 0;
    const std::string digits = DigitsOf(t);
    std::smatch m;
    if (std::regex_search(t, m, kIso) && m.position(0) <= 1) {
        date = {std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str())};
        if (date.m >= 1 && date.m <= 12 && date.d >= 1 && date.d <= 31) return Token::kDate;
    }
    if (mark || (digits.size() == 7 && std::regex_search(t, kPost))) return Token::kPostcode;
    if ((digits.size() == 10 || digits.size() == 11) && digits[0] == '0') return Token::kPhone;
    if (digits.size() == 10) return Token::kCertificate;
    if (std::regex_match(t, kBlock)) return Token::kAddress;
    return Token::kNone;
}

//! The street part of an address (after the municipality: 市・区・町・村), or "" when short.
std::string Street(const std::string& address) {
    const std::string a = HalfWidth(address);
    std::size_t after = std::string::npos;
    for (const char* mark : {"市", "区", "町", "村", "郡"}) {
        const auto at = a.find(mark);
        if (at != std::string::npos) {
            const auto end = at + std::string(mark).size();
            if (after == std::string::npos || end < after) after = end;
        }
    }
    if (after == std::string::npos) return "";
    std::string rest = a.substr(after);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    return Chars(rest) >= 3 ? rest : "";
}

//! Replaces every match of `re` with what `with` returns for it.
template <typename F>
std::string ReplaceEach(const std::string& s, const std::regex& re, F with) {
    std::string out;
    auto begin = std::sregex_iterator(s.begin(), s.end(), re);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.append(s, last, static_cast<std::size_t>(m.position(0)) - last);
        out += with(m);
        last = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
    out.append(s, last, std::string::npos);
    return out;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

bool SameDay(const Ymd& d, const std::string& iso) {
    const auto b = calendar::Date::Parse(iso);
    return b && d.y == b->y && d.m == b->m && d.d == b->d;
}

const std::vector<std::pair<std::string, std::string>>& Labels() {
    static const std::vector<std::pair<std::string, std::string>> l = {
        {"name", "氏名"},
        {"family_name", "姓"},
        {"given_name", "名"},
        {"kana", "フリガナ"},
        {"other_name", "家族・関係者の氏名"},
        {"birth_date", "生年月日"},
        {"address", "住所"},
        {"postcode", "郵便番号"},
        {"phone", "電話番号"},
        {"certificate_number", "受給者証番号"},
        {"provider_name", "事業所名"},
        {"exact_date", "日付"},
    };
    return l;
}

}  // namespace

std::vector<Finding> FindIdentifiers(const std::string& text, const Identifiers& who) {
    std::vector<std::string> kinds;
    const std::string norm = Norm(text), compact = Compact(text);
    const auto has = [&](const std::string& value) {
        const std::string v = Compact(value);
        return !v.empty() && compact.find(v) != std::string::npos;
    };
    // A part of a name: alone when 2+ characters, with an honorific when one character.
    const auto has_part = [&](const std::string& part) {
        if (Chars(part) >= 2) return has(part);
        return std::any_of(Honorifics().begin(), Honorifics().end(),
                           [&](const std::string& h) { return has(part + h); });
    };
    if (has(who.name)) kinds.push_back("name");
    const auto name_parts = Parts(who.name);
    if (!name_parts.empty()) {
        if (has_part(name_parts.front())) kinds.push_back("family_name");
        if (has_part(name_parts.back())) kinds.push_back("given_name");
    }
    bool kana = has(who.kana);
    for (const auto& p : Parts(who.kana)) kana = kana || has_part(p);
    if (kana) kinds.push_back("kana");
    bool other = false;
    for (const auto& n : who.other_names) {
        other = other || has(n);
        const auto ps = Parts(n);
        if (!ps.empty()) other = other || has_part(ps.back());
    }
    if (other) kinds.push_back("other_name");

    // Dates: the birth date in any form, any other exact date.
    bool birth = false, date = false, postcode = false, phone = false, cert = false, address = false;
    for (auto it = std::sregex_iterator(norm.begin(), norm.end(), KanjiDate()); it != std::sregex_iterator(); ++it) {
        const auto d = FromKanji(*it);
        if (!d) continue;
        (d->d && SameDay(*d, who.birth_date) ? birth : date) = true;
    }
    // A month and day alone (the full dates above taken out).
    if (std::regex_search(std::regex_replace(norm, KanjiDate(), " "), MonthDay())) date = true;
    const std::string own_phone = DigitsOf(who.phone);
    std::vector<std::string> phones;
    if (own_phone.size() >= 6) phones.push_back(own_phone);
    for (const auto& p : who.other_phones)
        if (DigitsOf(p).size() >= 6) phones.push_back(DigitsOf(p));
    for (const Span& sp : NumberTokens(norm)) {
        Ymd d;
        const std::string token = norm.substr(sp.pos, sp.len);
        const std::string digits = DigitsOf(token);
        switch (Classify(token, d)) {
            case Token::kDate:
                (SameDay(d, who.birth_date) ? birth : date) = true;
                break;
            case Token::kPostcode:
                postcode = true;
                break;
            case Token::kPhone:
                phone = true;
                break;
            case Token::kCertificate:
                cert = true;
                break;
            case Token::kAddress:
                address = true;
                break;
            case Token::kNone:
                break;
        }
        for (const auto& p : phones)
            if (digits.find(p) != std::string::npos) phone = true;
        for (const auto& c : who.certificate_numbers)
            if (!DigitsOf(c).empty() && digits.find(DigitsOf(c)) != std::string::npos) cert = true;
    }
    // Addresses: the person's own (whole, or the street part), or a 丁目・番地 anywhere.
    static const std::regex kChome("[0-9]{1,6} ?(丁目|番地|番 ?[0-9]{1,6} ?号)");
    if (has(who.address) || has(Street(who.address)) || std::regex_search(norm, kChome)) address = true;
    if (birth) kinds.push_back("birth_date");
    if (address) kinds.push_back("address");
    if (postcode) kinds.push_back("postcode");
    if (phone) kinds.push_back("phone");
    if (cert) kinds.push_back("certificate_number");
    if (std::any_of(who.providers.begin(), who.providers.end(), [&](const std::string& p) { return has(p); }))
        kinds.push_back("provider_name");
    if (date) kinds.push_back("exact_date");

    std::vector<Finding> out;
    for (const auto& [kind, label] : Labels())
        if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) out.push_back({kind, label});
    return out;
}

std::string AgeBand(const std::string& birth_date, const std::string& on) {
    const int age = person::AgeOn(birth_date, on);
    if (age < 0) return "";
    const int lo = age / 5 * 5;
    return std::to_string(lo) + "〜" + std::to_string(lo + 4) + "歳";
}

std::string RelativeMonth(const std::string& start, const std::string& date) {
    const auto s = calendar::Date::Parse(start);
    const auto d = calendar::Date::Parse(date);
    if (!s || !d) return "（日付）";
    const int months = (d->y - s->y) * 12 + (d->m - s->m);
    if (months < 0) return "支援開始前";
    return "支援開始" + std::to_string(months + 1) + "か月目";
}

std::string Anonymise(const std::string& text, const Identifiers& who, const std::string& start) {
    std::string s = Hyphens(HalfWidth(text));
    // Names, longest first, so a contact's full name goes before the person's family name alone.
    std::vector<std::pair<std::string, std::string>> names;
    const auto add_name = [&](const std::string& n, const std::string& as, bool parts) {
        if (n.empty()) return;
        const std::string h = HalfWidth(n);
        names.emplace_back(h, as);
        std::string joined;
        for (char c : h)
            if (c != ' ') joined += c;
        names.emplace_back(joined, as);
        names.emplace_back(Hiragana(h), as);
        names.emplace_back(Hiragana(joined), as);
        if (!parts) return;
        for (const auto& p : Parts(h)) {
            if (Chars(p) >= 2) {
                names.emplace_back(p, as);
                names.emplace_back(Hiragana(p), as);
            } else {
                for (const auto& hon : Honorifics()) names.emplace_back(p + hon, as);
            }
        }
    };
    add_name(who.name, "Aさん", true);
    add_name(who.kana, "Aさん", true);
    char letter = 'B';
    for (const auto& p : who.providers) {
        if (p.empty()) continue;
        names.emplace_back(HalfWidth(p), std::string(1, letter) + "事業所");
        if (letter < 'Z') ++letter;
    }
    for (const auto& n : who.other_names) {
        if (n.empty()) continue;
        add_name(n, std::string(1, letter) + "さん", false);
        if (letter < 'Z') ++letter;
    }
    std::stable_sort(names.begin(), names.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [from, to] : names) ReplaceAll(s, from, to);
    // One honorific is enough: "Aさんさん" → "Aさん".
    for (char c = 'A'; c <= 'Z'; ++c)
        for (const auto& h : Honorifics()) ReplaceAll(s, std::string(1, c) + "さん" + h, std::string(1, c) + "さん");

    if (!who.address.empty()) {
        ReplaceAll(s, HalfWidth(who.address), "（住所削除）");
        ReplaceAll(s, Street(who.address), "（住所削除）");
    }
    static const std::regex kChome(
        "[0-9]{1,6} ?(丁目|番地)([0-9\\-]{0,12}[0-9])?( ?[0-9]{1,6} ?号)?|[0-9]{1,6} ?番 ?[0-9]{1,6} ?号");
    s = std::regex_replace(s, kChome, "（住所削除）");
    s = ReplaceEach(s, KanjiDate(), [&](const std::smatch& m) -> std::string {
        const auto d = FromKanji(m);
        if (!d) return m.str();
        if (d->d && SameDay(*d, who.birth_date)) return "（生年月日削除）";
        const calendar::Date as{d->y, d->m, 1};
        return as.IsValid() ? RelativeMonth(start, as.ToString()) : "（日付）";
    });
    s = std::regex_replace(s, MonthDay(), "（日付）");
    const auto number = [&](const std::string& token) -> std::string {
        Ymd d;
        switch (Classify(token, d)) {
            case Token::kDate: {
                if (SameDay(d, who.birth_date)) return "（生年月日削除）";
                const calendar::Date as{d.y, d.m, 1};
                return as.IsValid() ? RelativeMonth(start, as.ToString()) : "（日付）";
            }
            case Token::kPostcode:
                return "（郵便番号削除）";
            case Token::kPhone:
                return "（電話番号削除）";
            case Token::kCertificate:
                return "（番号削除）";
            case Token::kAddress:
                return "（住所削除）";
            case Token::kNone:
                break;
        }
        return token;
    };
    std::string out;
    std::size_t last = 0;
    for (const Span& sp : NumberTokens(s)) {
        out.append(s, last, sp.pos - last);
        out += number(s.substr(sp.pos, sp.len));
        last = sp.pos + sp.len;
    }
    out.append(s, last, std::string::npos);
    return out;
}

}  // namespace tsunagu::quality
