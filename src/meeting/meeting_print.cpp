// サービス担当者会議の記録 (and the other meetings) as one A4 sheet: 開催日時, 場所, 出席者
// (所属・氏名), 本人の出席, 検討した項目, 検討内容, 結論, 残された課題, 合意事項の担当・期限・指標.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "meeting/meeting.hpp"
#include "person/person.hpp"
#include "print/print.hpp"
#include "storage/database.hpp"

namespace tsunagu::meeting {

namespace {

using print::DateJa;
using print::Escape;
using print::Pre;
using print::Row;

std::string When(const Meeting& m) {
    std::string s = DateJa(m.date);
    if (!m.start.empty()) s += "　" + Escape(m.start) + "〜" + Escape(m.end);
    return s;
}

std::string Participants(const Meeting& m) {
    std::string t =
        "<table class=\"needs\"><thead><tr><th class=\"w20\">所属（職種）</th><th class=\"w20\">氏名</th>"
        "<th class=\"w8\">出欠</th><th class=\"w20\">所属（職種）</th><th class=\"w20\">氏名</th><th class=\"w8\">出欠"
        "</th></tr></thead><tbody>";
    const auto cell = [](const Participant& p) {
        std::string org = Escape(p.organisation);
        if (!p.role.empty()) org += "（" + Escape(p.role) + "）";
        return "<td>" + org + "</td><td>" + Escape(p.name) + "</td><td>" + (p.attended ? "出席" : "欠席") + "</td>";
    };
    for (std::size_t i = 0; i < m.participants.size(); i += 2) {
        t += "<tr>" + cell(m.participants[i]);
        t += i + 1 < m.participants.size() ? cell(m.participants[i + 1]) : "<td></td><td></td><td></td>";
        t += "</tr>";
    }
    return t + "</tbody></table>";
}

std::string Opinions(const Meeting& m) {
    std::string s;
    for (const auto& o : m.opinions) s += "<div><b>" + Escape(o.participant) + "</b>：" + Escape(o.opinion) + "</div>";
    return s;
}

std::string Agreements(const Meeting& m) {
    std::string t =
        "<table class=\"needs\"><thead><tr><th class=\"w5\">番号</th><th>合意事項</th><th class=\"w15\">担当</th>"
        "<th class=\"w13\">期限</th><th class=\"w20\">評価指標</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < m.agreements.size(); ++i) {
        const Agreement& a = m.agreements[i];
        t += "<tr><td class=\"prio\">" + std::to_string(i + 1) + "</td><td>" + Pre(a.text) + "</td><td>" +
             Escape(a.owner) + "</td><td>" + DateJa(a.due) + "</td><td>" + Pre(a.measure) + "</td></tr>";
    }
    if (m.agreements.empty()) t += "<tr><td></td><td>なし</td><td></td><td></td><td></td></tr>";
    return t + "</tbody></table>";
}

std::string Sheet(const ConsensusSheet& s) {
    return "<table class=\"texts\">" + Row("合意形成シート 支援の目的", Pre(s.purpose)) +
           Row("役割分担", Pre(s.roles)) + Row("リスクと対応", Pre(s.risks)) +
           Row("連絡体制", Pre(s.contact_arrangement)) + "</table>";
}

}  // namespace

http::Response PrintApi(http::Context& ctx) {
    if (ctx.user.is_admin()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto m = FindInOffice(tx, ctx.user.office_id, ctx.req.IdParam("mid"));
    if (!m) throw http::NotFound();
    const person::Person person = person::RequireInScope(tx, ctx, m->person_id);
    const std::string title = KindNameJa(m->kind) + "の記録";
    std::string body =
        "<section class=\"sheet\">" +
        print::Head("会議録", title, m->status == "finalised" ? "確定 " + DateJa(m->finalised_on) : "下書き");
    body += "<table class=\"meta\"><tr><th>利用者氏名</th><td>" + Escape(person.name) +
            "</td><th>相談支援事業者名</th><td>" + Escape(print::OfficeName(tx, m->office_id)) +
            "</td><th>作成者</th><td>" + Escape(m->author_name) + "</td></tr><tr><th>開催日時</th><td>" + When(*m) +
            "</td><th>開催場所</th><td>" + Escape(m->place) + "</td><th>本人の出席</th><td>" +
            (m->person_attended ? std::string("出席") : "欠席（" + Escape(m->person_absent_reason) + "）") +
            "</td></tr></table>";
    body += Participants(*m);
    body += "<table class=\"texts\">" + Row("検討した項目", Pre(m->agenda)) + Row("検討内容", Pre(m->discussion)) +
            (m->opinions.empty() ? std::string() : Row("出席者の意見", Opinions(*m))) +
            Row("結論", Pre(m->conclusion)) + Row("残された課題", Pre(m->remaining_issues)) + "</table>";
    body += Agreements(*m);
    if (m->consensus_sheet) body += Sheet(*m->consensus_sheet);
    body += "</section>\n";
    audit::Record(tx, ctx, "print", "meeting", std::to_string(m->id), person.id);
    tx.Commit();
    return print::Html(print::Document(title, body));
}

}  // namespace tsunagu::meeting
