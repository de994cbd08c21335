#pragma once
// Escaping for HTML and XML (print views, SVG drawn by the server): no other dependency, so any
// translation unit may include it.
#include <string>
#include <string_view>

namespace tsunagu::print {

//! Text for HTML content or a quoted attribute value. Every data value of a view goes through it.
inline std::string Escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace tsunagu::print
