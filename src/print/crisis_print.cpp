// 緊急時対応計画 (crisis plan) as one A4 page, to leave at home or with the group home.
#include "audit/audit.hpp"
#include "crisis/crisis.hpp"
#include "http/api_error.hpp"
#include "person/person.hpp"
#include "print/print.hpp"
#include "storage/database.hpp"

namespace tsunagu::print {

namespace {

std::string ContactsTable(const std::vector<crisis::Contact>& contacts) {
    std::string t =
        "<table class=\"needs big\"><thead><tr><th class=\"w5\">順</th><th class=\"w20\">名前</th>"
        "<th class=\"w13\">続柄・関係</th><th class=\"w20\">電話</th><th>連絡する場面</th></tr></thead><tbody>";
    for (const auto& c : crisis::ByOrder(contacts))
        t += "<tr><td class=\"prio\">" + std::to_string(c.order) + "</td><td>" + Escape(c.name) + "</td><td>" +
             Escape(c.relation) + "</td><td>" + Escape(c.phone) + "</td><td>" + Pre(c.when) + "</td></tr>";
    return t + "</tbody></table>";
}

}  // namespace

http::Response PrintCrisisPlanApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);  // a read: its audit row through the group commit
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"), person::Reach::kOnCall);
    const auto c = crisis::Latest(tx, p.office_id, p.id);
    if (!c) throw http::NotFound();
    const std::string title = "緊急時対応計画";
    std::string body = "<section class=\"sheet\">" + Head("緊急時", title, "見直し日 " + DateJa(c->reviewed_on));
    body += "<table class=\"meta big\"><tr><th>氏名</th><td>" + Escape(p.name) + "</td><th>住所</th><td>" +
            Escape(p.address) + "</td><th>電話</th><td>" + Escape(p.phone) + "</td></tr></table>";
    body += "<table class=\"texts big\">" + Row("危機の早期サイン", Pre(c->early_signs)) +
            Row("落ち着くために役立つこと", Pre(c->what_helps)) + Row("避けること", Pre(c->what_to_avoid)) + "</table>";
    body += ContactsTable(c->contacts);
    body += "<table class=\"texts big\">" + Row("対応の手順", Pre(c->steps)) + "</table>";
    body += "<p class=\"note\">相談支援事業所: " + Escape(OfficeName(tx, p.office_id)) +
            "　作成: " + Escape(c->created_by_name) + "</p>";
    body += "</section>\n";
    audit::Record(tx, ctx, "print", "crisis_plan", std::to_string(c->id), p.id);
    tx.Commit();
    return Html(Document(title, body));
}

}  // namespace tsunagu::print
