// モニタリング報告書 (monitoring report) as A4 HTML: every goal of the plan with its review, row by row
// as the national example (issue #17).
#include <algorithm>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "print/print.hpp"
#include "redflag/redflag.hpp"
#include "storage/database.hpp"

namespace tsunagu::print {

namespace {

std::string PlaceJa(const std::string& place) {
    static const std::pair<const char*, const char*> kPlaces[] = {
        {"home", "自宅"},   {"office", "事業所"},  {"facility", "施設"},     {"hospital", "病院"},
        {"school", "学校"}, {"workplace", "職場"}, {"online", "オンライン"}, {"other", "その他"}};
    for (const auto& [code, ja] : kPlaces)
        if (place == code) return ja;
    return Escape(place);
}

std::string ChangeKindsJa(const std::vector<std::string>& kinds) {
    std::string out;
    for (const auto& k : kinds) {
        if (!out.empty()) out += "・";
        out += k == "service_kind"      ? "サービスの種類"
               : k == "amount"          ? "サービスの量"
               : k == "weekly_schedule" ? "週間計画"
                                        : Escape(k);
    }
    return out;
}

//! 有 / 無 of one change kind in one row; blank for a row recorded without it (before #17).
std::string ChangeCell(const monitoring::GoalReview& g, const char* kind) {
    if (!g.change_kinds_recorded) return "<td class=\"yn\"></td>";
    const bool yes = std::find(g.change_kinds.begin(), g.change_kinds.end(), kind) != g.change_kinds.end();
    return std::string("<td class=\"yn\">") + (yes ? "有" : "無") + "</td>";
}

//! The national example row by row: per goal 達成時期 (the plan row's), サービス提供状況, 本人の感想・満足度,
//! 支援目標の達成度, 今後の課題・解決方法, 計画変更の必要性 (サービス種類・サービス量・週間計画の変更: 有/無),
//! その他留意事項.
std::string GoalsTable(const monitoring::MonitoringReport& m, const plan::Plan& p) {
    std::string t =
        "<table class=\"needs mon\"><thead><tr><th class=\"w5\" rowspan=\"2\">優先<br>順位</th>"
        "<th class=\"w13\" rowspan=\"2\">支援目標</th><th class=\"w8\" rowspan=\"2\">達成時期</th>"
        "<th class=\"w13\" rowspan=\"2\">サービス提供状況<br>（事業者からの聞き取り）</th>"
        "<th class=\"w13\" rowspan=\"2\">本人の感想・満足度</th>"
        "<th class=\"w8\" rowspan=\"2\">支援目標の達成度<br>（ニーズの充足度）</th>"
        "<th rowspan=\"2\">今後の課題・解決方法</th><th colspan=\"3\">計画変更の必要性</th>"
        "<th class=\"w13\" rowspan=\"2\">その他留意事項</th></tr>"
        "<tr><th class=\"yn\">サービス<br>種類の<br>変更</th><th class=\"yn\">サービス<br>量の<br>変更</th>"
        "<th class=\"yn\">週間<br>計画の<br>変更</th></tr></thead><tbody>";
    for (const auto& g : m.goals) {
        const auto idx = static_cast<std::size_t>(g.need_index);
        if (idx >= p.needs.size()) continue;
        const plan::Need& n = p.needs[idx];
        t += "<tr><td class=\"prio\">" + std::to_string(n.priority) + "</td><td><div class=\"goal\">" +
             Escape(n.goal.indicator) + "</div><div class=\"goal\">「" + Escape(n.goal.own_words) +
             "」</div></td><td>" + DateJa(n.target_date) + "</td><td>" + Pre(g.delivery) + "</td><td>" +
             Pre(g.own_words) +
             (g.satisfaction ? "<div>満足度 " + std::to_string(g.satisfaction) + " / 5</div>" : std::string()) +
             "</td><td>" + Escape(g.achievement) + "</td><td>" + Pre(g.issues) + "</td>" +
             ChangeCell(g, "service_kind") + ChangeCell(g, "amount") + ChangeCell(g, "weekly_schedule") + "<td>" +
             Pre(g.notes) + "</td></tr>";
    }
    return t + "</tbody></table>";
}

//! 権利擁護・安全の確認: the red-flag review recorded with the monitoring (none before reviews existed).
std::string RedflagRow(storage::Tx& tx, const monitoring::MonitoringReport& m) {
    const auto r = redflag::ForMonitoring(tx, m.office_id, m.person_id, m.id);
    return r ? Row("権利擁護・安全の確認", Pre(redflag::SummaryJa(r->items))) : std::string();
}

}  // namespace

http::Response PrintMonitoringApi(http::Context& ctx) {
    if (ctx.user.is_admin()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto m = monitoring::FindInOffice(tx, ctx.user.office_id, ctx.req.IdParam("mid"));
    if (!m) throw http::NotFound();
    const person::Person person = person::RequireInScope(tx, ctx, m->person_id);
    const auto p = plan::Find(tx, m->office_id, m->person_id, m->plan_id);
    if (!p) throw http::NotFound();
    const std::string title = p->kind == "child" ? "障害児支援利用計画 モニタリング報告書"
                              : p->kind == "both" ? "サービス等利用計画・障害児支援利用計画 モニタリング報告書"
                                                  : "モニタリング報告書（継続サービス利用支援）";
    // A4 portrait by default; the national example is often printed on A4 landscape.
    const std::string orientation = ctx.req.Query("orientation");
    if (!orientation.empty() && orientation != "portrait" && orientation != "landscape")
        throw http::Invalid("orientation", "orientation は portrait または landscape で指定してください。");
    std::string body =
        std::string(orientation == "landscape" ? "<section class=\"sheet landscape\">" : "<section class=\"sheet\">") +
        Head("モニタリング", title, "実施日 " + DateJa(m->date));
    body += std::string("<table class=\"meta\"><tr><th>") + (p->kind == "child" ? "児童氏名" : "利用者氏名") +
            "</th><td>" + Escape(person.name) + "</td><th>受給者証番号</th><td>" + Escape(person.certificate_number) +
            "</td><th>相談支援事業者名</th><td>" + Escape(OfficeName(tx, m->office_id)) +
            "</td></tr><tr><th>計画作成日</th><td>" + DateJa(p->plan_date) + "（第" + std::to_string(p->version) +
            "版）</td><th>実施場所</th><td>" + (m->visited ? "訪問　" : "") + PlaceJa(m->place) +
            "</td><th>担当者</th><td>" + Escape(m->specialist_name) + "</td></tr></table>";
    body += "<table class=\"texts\">" + Row("利用者の意向", Pre(p->wishes)) +
            Row("総合的な援助の方針", Pre(p->policy)) + Row("全体の状況", Pre(m->overall)) + "</table>";
    body += GoalsTable(*m, *p);
    body += "<table class=\"texts\">" +
            Row("計画変更の必要性",
                m->change_needed ? "あり（" + ChangeKindsJa(m->change_kinds) + "）" : std::string("なし")) +
            Row("次回モニタリング", Pre(m->next_monitoring)) + RedflagRow(tx, *m) + "</table>";
    // 利用者同意署名欄 (the national example): the person (or, for a child, the guardian) signs.
    body += std::string("<table class=\"meta\"><tr><th>利用者同意署名欄</th><td class=\"sign\">") +
            (p->kind == "adult" ? "" : "（保護者）") +
            "同意日　　　年　　月　　日<br><span class=\"line\">署名</span></td></tr></table>";
    body += "</section>\n";
    audit::Record(tx, ctx, "print", "monitoring", std::to_string(m->id), person.id);
    tx.Commit();
    return Html(Document(title, body));
}

}  // namespace tsunagu::print
