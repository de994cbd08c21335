// 支援経過記録 as A4 HTML: every note of the period, oldest first, own words first, with the
// corrections under the original (which is never changed).
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "note/note.hpp"
#include "person/person.hpp"
#include "print/print.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"

namespace tsunagu::note {

namespace {

using print::Escape;
using print::Pre;
using print::Row;

//! The most notes one print holds; a longer period is refused (400) rather than cut silently.
constexpr int kMaxPrintNotes = 500;

std::string KindJa(const std::string& k) {
    static const std::pair<const char*, const char*> kKinds[] = {
        {"visit", "訪問"},   {"office", "来所"},       {"phone", "電話"},          {"accompany", "同行"},
        {"meeting", "会議"}, {"online", "オンライン"}, {"letter", "文書・メール"}, {"other", "その他"}};
    for (const auto& [code, ja] : kKinds)
        if (k == code) return ja;
    return Escape(k);
}

std::string PlaceJa(const std::string& place) {
    static const std::pair<const char*, const char*> kPlaces[] = {
        {"home", "自宅"},   {"office", "事業所"},  {"facility", "施設"},     {"hospital", "病院"},
        {"school", "学校"}, {"workplace", "職場"}, {"online", "オンライン"}, {"other", "その他"}};
    for (const auto& [code, ja] : kPlaces)
        if (place == code) return ja;
    return Escape(place);
}

std::string NoteHtml(const Note& n) {
    std::string when = print::DateJa(n.date);
    if (!n.time.empty()) {
        when += ' ';
        when += Escape(n.time);
    }
    std::string meta = when + "　" + KindJa(n.contact_kind);
    if (!n.place.empty()) meta += "　" + PlaceJa(n.place);
    if (n.minutes > 0) meta += "　" + std::to_string(n.minutes) + "分";
    std::string rows = Row("日時・種別", meta) + Row("本人の言葉", Pre(n.own_words));
    if (!n.soap.s.empty()) rows += Row("S（主観）", Pre(n.soap.s));
    if (!n.soap.o.empty()) rows += Row("O（客観）", Pre(n.soap.o));
    if (!n.soap.a.empty()) rows += Row("A（評価）", Pre(n.soap.a));
    if (!n.soap.p.empty()) rows += Row("P（計画）", Pre(n.soap.p));
    if (const auto& d = n.decision_support) {
        std::string ds = "決めること：" + Escape(d->matter);
        if (!d->methods.empty()) ds += "<br>支援の方法：" + Escape(d->methods);
        if (!d->choice.empty()) ds += "<br>本人の選択：" + Escape(d->choice);
        if (d->substitute) ds += "<br>代行決定：" + Escape(d->substitute_by) + "（理由：" + Escape(d->reason) + "）";
        rows += Row("意思決定支援", ds);
    }
    rows += Row("次の一手", Escape(n.next_step)) + Row("記録者", Escape(n.author_name));
    for (const auto& c : n.corrections)
        rows += Row("訂正", Pre(c.text) + "<div>理由：" + Escape(c.reason) + "（" + Escape(c.author_name) + "、" +
                                Escape(c.created_at.substr(0, 10)) + "）</div>");
    return "<table class=\"texts\">" + rows + "</table>";
}

}  // namespace

http::Response PrintNotesApi(http::Context& ctx) {
    const std::string from = ctx.req.Query("from"), to = ctx.req.Query("to");
    if (!from.empty() && !http::IsIsoDate(from))
        throw http::Invalid("from", "日付はYYYY-MM-DDの形式で入力してください。");
    if (!to.empty() && !http::IsIsoDate(to)) throw http::Invalid("to", "日付はYYYY-MM-DDの形式で入力してください。");
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const std::vector<Note> notes = ForPrint(tx, person.office_id, person.id, from, to, kMaxPrintNotes);
    if (notes.size() > static_cast<std::size_t>(kMaxPrintNotes))
        throw http::Invalid("from", "記録が多すぎます。期間を短くして印刷してください。");
    const std::string title = "支援経過記録";
    std::string period =
        from.empty() && to.empty() ? std::string("全期間") : print::DateJa(from) + "〜" + print::DateJa(to);
    std::string body = "<section class=\"sheet\">" + print::Head("経過記録", title, period);
    body += "<table class=\"meta\"><tr><th>利用者氏名</th><td>" + Escape(person.name) +
            "</td><th>受給者証番号</th><td>" + Escape(person.certificate_number) +
            "</td><th>相談支援事業者名</th><td>" + Escape(print::OfficeName(tx, person.office_id)) +
            "</td></tr></table>";
    if (notes.empty()) body += "<p>この期間の記録はありません。</p>";
    for (const auto& n : notes) body += NoteHtml(n);
    body += "</section>\n";
    audit::Record(tx, ctx, "print", "note", "", person.id);
    tx.Commit();
    return print::Html(print::Document(title, body));
}

}  // namespace tsunagu::note
