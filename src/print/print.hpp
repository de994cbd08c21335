#pragma once
// 印刷用 HTML (A4): print-ready views of plans and monitorings, opened from the web UI and printed
// by the browser. The CSP (`default-src 'self'`) blocks inline <style> and scripts, so every view
// links the one stylesheet served at /print/print.css, and no view carries a script.
#include <string>
#include <string_view>

#include "calendar/date.hpp"
#include "http/context.hpp"
#include "print/escape.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::print {

//! "2026-04-01" → "2026年4月1日" (escaped); "" → "".
inline std::string DateJa(const std::string& iso) {
    const auto d = calendar::Date::Parse(iso);
    if (!d) return Escape(iso);
    // A date never breaks inside a cell (.date is nowrap in print.css).
    return "<span class=\"date\">" + std::to_string(d->y) + "年" + std::to_string(d->m) + "月" + std::to_string(d->d) +
           "日</span>";
}

//! A whole print document around `body_html` (already escaped), linking the shared stylesheet.
inline std::string Document(std::string_view title, std::string_view body_html) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>";
    out += Escape(title);
    out += "</title><link rel=\"stylesheet\" href=\"/print/print.css\"></head><body>\n";
    out += body_html;
    out += "</body></html>\n";
    return out;
}

//! 200 text/html.
inline http::Response Html(std::string html) { return {200, "text/html; charset=utf-8", std::move(html), {}, {}}; }

//! Multi-line text, escaped, line breaks kept.
std::string Pre(const std::string& text);
//! A table row: label cell and an already-escaped value cell.
std::string Row(const char* label, const std::string& cell_html);
//! Name of the office (相談支援事業者名).
std::string OfficeName(storage::Tx& tx, long long office_id);
//! Name of a staff member of the office, or "".
std::string StaffName(storage::Tx& tx, long long office_id, long long user_id);
//! The heading of a sheet: form number, title, state.
std::string Head(const char* form_no, const std::string& title, const std::string& state);

//! GET /print/print.css: the stylesheet of every print view (public: it holds no data).
http::Response StylesheetApi(http::Context& ctx);
//! GET /print/plans/{pid}: サービス等利用計画 / 障害児支援利用計画 as 様式1-1 and 様式1-2 (週間計画表).
http::Response PrintPlanApi(http::Context& ctx);
//! GET /print/monitorings/{mid}: モニタリング報告書 as A4 HTML.
http::Response PrintMonitoringApi(http::Context& ctx);
//! GET /print/persons/{id}/crisis-plan: 緊急時対応計画 on one A4 page (on call too).
http::Response PrintCrisisPlanApi(http::Context& ctx);

}  // namespace tsunagu::print
