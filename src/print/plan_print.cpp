// 計画の印刷: 様式1-1 (サービス等利用計画 / 障害児支援利用計画) and 様式1-2 (週間計画表) on A4, in the
// layout of the national example forms (様式例). Municipalities vary the layout; the data is national.
#include <algorithm>
#include <tuple>
#include <vector>

#include "audit/audit.hpp"
#include "decision/decision.hpp"
#include "http/api_error.hpp"
#include "monitoring/monitoring.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "print/print.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::print {

namespace {

// Black on white, 9pt, compact tables: a plan with a few needs and a week of services prints on
// two A4 pages (様式1-1, then 様式1-2 on a new page).
constexpr const char* kStylesheet = R"css(@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif;
  font-size: 9pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0; }
.sheet { width: 186mm; margin: 0 auto; }
.sheet + .sheet { break-before: page; page-break-before: always; }
.head { position: relative; margin-bottom: 2mm; min-height: 8mm; }
.head h1 { font-size: 14pt; text-align: center; margin: 0; letter-spacing: 0.15em; }
.form-no { position: absolute; left: 0; top: 0; font-size: 8pt; }
.state { position: absolute; right: 0; top: 0; font-size: 8pt; border: 0.6pt solid #000; padding: 0 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 2mm; }
th, td { border: 0.6pt solid #000; padding: 0.8mm 1.2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-weight: normal; background: #eee; font-size: 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.pre { white-space: pre-wrap; }
.meta th { width: 21mm; }
.texts th { width: 34mm; }
.who { font-size: 7.5pt; border: 0.5pt solid #000; padding: 0 0.8mm; margin-right: 1mm; }
.sign { height: 12mm; }
.sign .line { display: inline-block; width: 100%; margin-top: 1mm; border-bottom: 0.6pt solid #000; }
.needs th { text-align: center; vertical-align: middle; }
.needs td { font-size: 8.5pt; }
.needs .prio { text-align: center; }
.w5 { width: 5%; } .w8 { width: 8%; } .w13 { width: 13%; } .w15 { width: 15%; } .w18 { width: 18%; } .w20 { width: 20%; }
.goal + .goal { margin-top: 1mm; padding-top: 1mm; border-top: 0.4pt dashed #000; }
.svc + .svc { margin-top: 1mm; }
.svc b { font-weight: bold; }
.week th, .week td { padding: 0.3mm 0.8mm; font-size: 7.5pt; }
.week thead th { text-align: center; }
.week .hour { width: 10mm; text-align: right; height: 5.2mm; }
.week .daily { width: 34mm; }
.week .slot { background: #fff; }
.week .entry { line-height: 1.2; }
.week .entry.service { font-weight: bold; }
.week .entry + .entry { margin-top: 0.6mm; }
.note { font-size: 7.5pt; margin: 0 0 2mm; }
.big td { font-size: 10.5pt; }
.date { white-space: nowrap; }
.mon td { font-size: 8pt; }
.mon .yn { width: 5%; text-align: center; font-size: 7pt; }
@page landscape { size: A4 landscape; margin: 10mm; }
.sheet.landscape { page: landscape; width: 277mm; }
@media screen {
  html { background: #ccc; }
  .sheet { background: #fff; width: 210mm; min-height: 297mm; padding: 12mm; margin: 6mm auto; }
  .sheet.landscape { width: 297mm; min-height: 210mm; }
}
)css";

constexpr const char* kWeekdays[] = {"月", "火", "水", "木", "金", "土", "日"};

std::string ServiceName(const std::string& code) {
    if (const auto* k = monitoring::FindServiceKind(code)) return std::string(k->name_ja);
    return code == "other" ? "その他" : code;
}

//! 12,345 → "12,345円".
std::string YenText(long long yen) {
    std::string digits = std::to_string(yen), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out + "円";
}

std::string SupportLevel(const std::string& level) {
    if (level.empty()) return "";
    return level == "非該当" ? level : "区分" + level;
}

//! "2026年4月〜6月" / "2026年10月〜2027年3月" / "2026年7月〜" (open end).
std::string MonthRange(const calendar::YearMonth& from, const std::optional<calendar::YearMonth>& to) {
    std::string out = std::to_string(from.y) + "年" + std::to_string(from.m) + "月〜";
    if (to) out += (to->y == from.y ? "" : std::to_string(to->y) + "年") + std::to_string(to->m) + "月";
    return out;
}

std::string EveryText(int months) { return months == 1 ? "毎月" : std::to_string(months) + "か月ごと"; }

//! モニタリング期間 with its start month and every version (issue #17), e.g.
//! 毎月（2026年4月〜6月）、3か月ごと（2026年7月〜）: for a 本計画 as the municipality decided it,
//! else as proposed; a typed note follows.
std::string MonitoringPeriod(storage::Tx& tx, const plan::Plan& p) {
    std::string out;
    const auto plan_month = calendar::Date::Parse(p.plan_date);
    if (p.status == "issued" && p.decision_id) {
        if (auto d = decision::Find(tx, p.office_id, p.person_id, p.decision_id)) {
            const auto& v = d->monitoring_periods;
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += "、";
                const bool last = i + 1 == v.size();
                out += EveryText(v[i].interval_months) + "（" +
                       MonthRange(v[i].first_month, last ? std::nullopt : std::optional(v[i].last_month)) + "）";
            }
            if (v.empty() && d->monitoring_interval_months) {
                const auto start = calendar::Date::Parse(d->period_start);
                out = EveryText(d->monitoring_interval_months);
                if (start || plan_month)
                    out += "（" + MonthRange(calendar::YearMonthOf(start ? *start : *plan_month), {}) + "）";
            }
        }
    }
    if (out.empty() && p.proposed_interval_months) {
        out = EveryText(p.proposed_interval_months) + "（提案";
        if (plan_month) out += "、" + MonthRange(calendar::YearMonthOf(*plan_month), {});
        out += "）";
    }
    if (!p.monitoring_period_note.empty()) out += (out.empty() ? "" : "　") + p.monitoring_period_note;
    return out;
}

std::string HeaderTable(const plan::Plan& p, const person::Person& person, const std::string& office,
                        const std::string& specialist, const std::string& period) {
    const char* name_label = p.kind == "child" ? "児童氏名" : "利用者氏名";
    const person::Guardian& g = person.guardian;
    const std::string guardian =
        g.name.empty() ? "" : Escape(g.name) + (g.relation.empty() ? "" : "（" + Escape(g.relation) + "）");
    const std::string cap = person.copay_cap ? YenText(*person.copay_cap) : "";
    std::string h = "<table class=\"meta\">";
    h += std::string("<tr><th>") + name_label + "</th><td>" + Escape(person.name) + "</td><th>障害支援区分</th><td>" +
         Escape(SupportLevel(person.support_level)) + "</td><th>相談支援事業者名</th><td>" + Escape(office) +
         "</td></tr>";
    h += "<tr><th>受給者証番号</th><td>" + Escape(person.certificate_number) + "</td><th>計画作成担当者</th><td>" +
         Escape(specialist) + "</td><th>計画作成日</th><td>" + DateJa(p.plan_date) + "</td></tr>";
    // 保護者・通所受給者証番号・地域相談支援受給者証番号・利用者負担上限額 (issue #17).
    h += "<tr><th>保護者氏名</th><td>" + guardian + "</td><th>通所受給者証番号</th><td>" +
         Escape(person.child_certificate_number) + "</td><th>利用者負担上限額</th><td>" + cap + "</td></tr>";
    h += "<tr><th>保護者連絡先</th><td>" + Escape(g.phone) +
         "</td><th>地域相談支援受給者証番号</th><td colspan=\"3\">" + Escape(person.community_certificate_number) +
         "</td></tr>";
    h += "<tr><th>モニタリング期間</th><td colspan=\"3\">" + Escape(period) +
         "</td><th>利用者同意署名欄</th><td class=\"sign\">" +
         (p.consented_on.empty() ? std::string("同意日　　年　月　日") : "同意日 " + DateJa(p.consented_on)) +
         "<br><span class=\"line\">署名</span></td></tr>";
    return h + "</table>";
}

std::string TextsTable(const plan::Plan& p) {
    std::string wishes = "<div class=\"pre\"><span class=\"who\">本人</span>" + Escape(p.wishes) + "</div>";
    if (!p.family_wishes.empty())
        wishes += "<div class=\"pre\"><span class=\"who\">家族</span>" + Escape(p.family_wishes) + "</div>";
    return "<table class=\"texts\">" + Row("利用者及びその家族の生活に対する意向（希望する生活）", wishes) +
           Row("総合的な援助の方針", Pre(p.policy)) + Row("長期目標", Pre(p.long_term_goal)) +
           Row("短期目標", Pre(p.short_term_goal)) + "</table>";
}

std::string NeedsTable(const plan::Plan& p) {
    std::string h =
        "<table class=\"needs\"><colgroup><col class=\"w5\"><col class=\"w15\"><col class=\"w20\"><col class=\"w8\">"
        "<col class=\"w18\"><col class=\"w13\"><col class=\"w8\"><col "
        "class=\"w13\"></colgroup><thead><tr><th>優先<br>順位</th><th>解決すべき課題<br>（本人のニーズ）</th>"
        "<th>支援目標</th><th>達成<br>時期</th><th>福祉サービス等<br>種類・内容・量（頻度・時間）</th>"
        "<th>課題解決のための<br>本人の役割</th><th>評価<br>時期</th><th>その他留意事項</th></tr></thead><tbody>";
    for (const auto& n : p.needs) {
        std::string services;
        for (const auto& s : n.services) {
            services += "<div class=\"svc\"><b>" + Escape(ServiceName(s.kind)) + "</b>";
            if (!s.provider.empty()) services += "（" + Escape(s.provider) + "）";
            if (!s.content.empty()) services += "<div class=\"pre\">" + Escape(s.content) + "</div>";
            if (!s.amount.empty()) services += "<div>" + Escape(s.amount) + "</div>";
            services += "</div>";
        }
        h += "<tr><td class=\"prio\">" + std::to_string(n.priority) + "</td><td>" + Pre(n.need) + "</td><td>" +
             "<div class=\"goal pre\"><span class=\"who\">行動指標</span>" + Escape(n.goal.indicator) + "</div>" +
             "<div class=\"goal pre\"><span class=\"who\">本人の語り</span>" + Escape(n.goal.own_words) + "</div>" +
             "</td><td>" + DateJa(n.target_date) + "</td><td>" + services + "</td><td>" + Pre(n.own_role) +
             "</td><td>" + DateJa(n.evaluation_date) + "</td><td>" + Pre(n.notes) + "</td></tr>";
    }
    return h + "</tbody></table>";
}

// --- 様式1-2: the week grid ------------------------------------------------------------------

int HourFloor(const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)); }
int HourCeil(const std::string& hhmm) { return HourFloor(hhmm) + (hhmm.substr(3, 2) == "00" ? 0 : 1); }

//! Entries of one day whose hour rows overlap, printed together in one cell spanning the rows.
struct Block {
    int first_hour;
    int end_hour;  // exclusive
    std::vector<const plan::WeeklyEntry*> entries;
};

std::vector<Block> BlocksOfDay(const std::vector<plan::WeeklyEntry>& weekly, int weekday) {
    std::vector<const plan::WeeklyEntry*> day;
    for (const auto& w : weekly)
        if (w.weekday == weekday) day.push_back(&w);
    std::sort(day.begin(), day.end(),
              [](auto* a, auto* b) { return std::tie(a->start, a->end) < std::tie(b->start, b->end); });
    std::vector<Block> blocks;
    for (const auto* w : day) {
        const int first = HourFloor(w->start), end = std::max(first + 1, HourCeil(w->end));
        if (!blocks.empty() && first < blocks.back().end_hour) {
            blocks.back().end_hour = std::max(blocks.back().end_hour, end);
            blocks.back().entries.push_back(w);
        } else {
            blocks.push_back({first, end, {w}});
        }
    }
    return blocks;
}

std::string ShortTime(const std::string& hhmm) { return hhmm[0] == '0' ? hhmm.substr(1) : hhmm; }

std::string WeekTable(const plan::Plan& p) {
    std::vector<std::vector<Block>> days;
    int first = 6, last = 22;  // the form's usual span; widened when an entry falls outside it
    for (int d = 1; d <= 7; ++d) {
        days.push_back(BlocksOfDay(p.weekly, d));
        for (const auto& b : days.back()) {
            first = std::min(first, b.first_hour);
            last = std::max(last, b.end_hour);
        }
    }
    std::string h = "<table class=\"week\"><thead><tr><th class=\"hour\"></th>";
    for (const char* wd : kWeekdays) h += std::string("<th>") + wd + "</th>";
    h += "<th class=\"daily\">主な日常生活上の活動</th></tr></thead><tbody>";
    for (int hour = first; hour < last; ++hour) {
        h += "<tr><th class=\"hour\">" + std::to_string(hour) + ":00</th>";
        for (const auto& blocks : days) {
            const auto it = std::find_if(blocks.begin(), blocks.end(),
                                         [&](const Block& b) { return b.first_hour <= hour && hour < b.end_hour; });
            if (it == blocks.end()) {
                h += "<td></td>";
                continue;
            }
            if (it->first_hour != hour) continue;  // covered by the block's rowspan
            h += "<td class=\"slot\" rowspan=\"" + std::to_string(it->end_hour - it->first_hour) + "\">";
            for (const auto* w : it->entries)
                h += std::string("<div class=\"entry") + (w->kind.empty() ? "" : " service") + "\">" +
                     Escape(ShortTime(w->start)) + "–" + Escape(ShortTime(w->end)) + "<br>" + Escape(w->activity) +
                     "</div>";
            h += "</td>";
        }
        if (hour == first)
            h += "<td class=\"daily\" rowspan=\"" + std::to_string(last - first) + "\">" + Pre(p.daily_activities) +
                 "</td>";
        h += "</tr>";
    }
    h += "</tbody></table><p class=\"note\">太字：福祉サービス等　細字：本人の活動・インフォーマルな支援</p>";
    return h + "<table class=\"texts\">" + Row("週単位以外のサービス", Pre(p.non_weekly)) + "</table>";
}

std::string Title(const plan::Plan& p) {
    std::string t = p.kind == "child"  ? "障害児支援利用計画"
                    : p.kind == "both" ? "サービス等利用計画・障害児支援利用計画"
                                       : "サービス等利用計画";
    return p.status == "issued" ? t : t + "案";
}

std::string StateLabel(const plan::Plan& p) {
    const std::string version = "第" + std::to_string(p.version) + "版";
    if (p.status == "issued") return version + "　交付日 " + DateJa(p.issued_on);
    return version + (p.status == "draft" ? "　下書き" : "　提出日 " + DateJa(p.submitted_on));
}

}  // namespace

http::Response StylesheetApi(http::Context&) {
    http::Response r{200, "text/css; charset=utf-8", kStylesheet, {}, {}};
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
}

http::Response PrintPlanApi(http::Context& ctx) {
    if (ctx.user.is_admin()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto p = plan::FindInOffice(tx, ctx.user.office_id, ctx.req.IdParam("pid"));
    if (!p) throw http::NotFound();
    const person::Person person = person::RequireInScope(tx, ctx, p->person_id);
    const std::string title = Title(*p), state = StateLabel(*p);
    const std::string specialist = StaffName(tx, p->office_id, p->specialist_id);
    const std::string header =
        HeaderTable(*p, person, OfficeName(tx, p->office_id), specialist, MonitoringPeriod(tx, *p));
    // 様式1-1 on A4 landscape as the national example prints it; portrait stays the default.
    const std::string orientation = ctx.req.Query("orientation");
    if (!orientation.empty() && orientation != "portrait" && orientation != "landscape")
        throw http::Invalid("orientation", "orientation は portrait または landscape で指定してください。");
    const std::string sheet1 =
        orientation == "landscape" ? "<section class=\"sheet landscape\">" : "<section class=\"sheet\">";
    std::string body =
        sheet1 + Head("様式1-1", title, state) + header + TextsTable(*p) + NeedsTable(*p) + "</section>\n";
    body += "<section class=\"sheet\">" + Head("様式1-2", title + "【週間計画表】", state);
    body += std::string("<table class=\"meta\"><tr><th>") + (p->kind == "child" ? "児童氏名" : "利用者氏名") +
            "</th><td>" + Escape(person.name) + "</td><th>計画作成担当者</th><td>" + Escape(specialist) +
            "</td><th>計画作成日</th><td>" + DateJa(p->plan_date) + "</td></tr></table>";
    body += WeekTable(*p) + "</section>\n";
    audit::Record(tx, ctx, "print", "plan", std::to_string(p->id), person.id);
    tx.Commit();
    return Html(Document(title, body));
}

}  // namespace tsunagu::print
