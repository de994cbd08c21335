// 支援経過記録: the 24-hour edit window and the text a note gives the search index.
#include <cstdio>

#include "note/note.hpp"

namespace tsunagu::note {

std::optional<std::time_t> ParseTimestamp(const std::string& iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    if (iso.size() != 20 || std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
        z != 'Z')
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return timegm(&tm);
}

bool IsLocked(const std::string& created_at, std::time_t now) {
    const auto t = ParseTimestamp(created_at);
    if (!t) return true;
    return now - *t >= kEditableSeconds;
}

std::string SearchText(const Note& n) {
    std::string out;
    const auto add = [&out](const std::string& s) {
        if (s.empty()) return;
        if (!out.empty()) out += "\n";
        out += s;
    };
    add(n.own_words);
    add(n.soap.s);
    add(n.soap.o);
    add(n.soap.a);
    add(n.soap.p);
    add(n.next_step);
    add(n.place);
    for (const auto& p : n.participants) add(p);
    if (const auto& d = n.decision_support) {
        add(d->matter);
        add(d->methods);
        add(d->options);
        add(d->choice);
        add(d->substitute_by);
        add(d->reason);
    }
    for (const auto& c : n.corrections) {
        add(c.text);
        add(c.reason);
    }
    return out;
}

}  // namespace tsunagu::note
