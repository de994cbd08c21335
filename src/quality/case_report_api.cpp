// 事例報告: a draft built from the person's records (every read of them audited), edited by its author,
// approved by a chief, then exported as Markdown or an A4 print view. A text that still identifies the
// person is refused on PATCH and on approve (409 not_anonymised, naming the kinds found, never the values).
#include <algorithm>
#include <boost/json.hpp>

#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring.hpp"
#include "monitoring/monitoring_record.hpp"
#include "note/note.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "print/print.hpp"
#include "quality/approval.hpp"
#include "quality/case_report.hpp"
#include "quality/training.hpp"
#include "storage/database.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
//! The newest support records a draft draws on (the draft says so).
constexpr int kDraftNotes = 20;
constexpr int kDraftMonitorings = 6;

Identifiers IdentifiersOf(storage::Tx& tx, const person::Person& p) {
    Identifiers who;
    who.name = p.name;
    who.kana = p.kana;
    who.birth_date = p.birth_date;
    who.address = p.address;
    who.phone = p.phone;
    for (const auto* c : {&p.certificate_number, &p.child_certificate_number, &p.community_certificate_number})
        if (!c->empty()) who.certificate_numbers.push_back(*c);
    for (const auto& c : p.contacts) {
        if (!c.name.empty()) who.other_names.push_back(c.name);
        if (!c.phone.empty()) who.other_phones.push_back(c.phone);
    }
    if (!p.guardian.name.empty()) who.other_names.push_back(p.guardian.name);
    if (!p.guardian.phone.empty()) who.other_phones.push_back(p.guardian.phone);
    for (const auto& plan : plan::ListForPerson(tx, p.office_id, p.id))
        for (const auto& n : plan.needs)
            for (const auto& s : n.services)
                if (!s.provider.empty() &&
                    std::find(who.providers.begin(), who.providers.end(), s.provider) == who.providers.end())
                    who.providers.push_back(s.provider);
    return who;
}

json::array FindingsJson(const std::vector<Finding>& found) {
    json::array a;
    for (const auto& f : found) a.push_back(json::object{{"kind", f.kind}, {"label", f.label_ja}});
    return a;
}

json::object ToJson(const CaseReport& r, const std::vector<Finding>& found) {
    return {{"id", r.id},
            {"person_id", r.person_id},
            {"title", r.title},
            {"text", r.text},
            {"status", r.status},
            {"author_id", r.author_id},
            {"author_name", r.author_name},
            {"approved_by", r.approved_by ? json::value(r.approved_by) : json::value(nullptr)},
            {"approved_on", http::NullIfEmpty(r.approved_on)},
            {"created_on", r.created_on},
            {"updated_at", r.updated_at},
            {"findings", FindingsJson(found)}};
}

//! 409 not_anonymised naming the kinds found (氏名、電話番号 …), never what was found.
void RefuseIdentifying(const std::vector<Finding>& found, const std::string& field = "text") {
    if (found.empty()) return;
    std::string labels;
    for (const auto& f : found) labels += (labels.empty() ? "" : "、") + f.label_ja;
    throw http::ApiError(409, "not_anonymised", "個人を特定できる情報が残っています（" + labels + "）。", field);
}

//! The report in the caller's office and scope (404 otherwise) with its person's identifiers.
struct Loaded {
    CaseReport report;
    person::Person person;
};
Loaded Load(storage::Tx& tx, const http::Context& ctx) {
    person::RefuseAdmin(ctx);
    auto r = FindReport(tx, ctx.user.office_id, ctx.req.IdParam("rid"));
    if (!r) throw http::NotFound();
    person::Person p = person::RequireInScope(tx, ctx, r->person_id);
    return {std::move(*r), std::move(p)};
}

std::vector<Finding> Check(storage::Tx& tx, const CaseReport& r, const person::Person& p) {
    return FindIdentifiers(r.title + "\n" + r.text, IdentifiersOf(tx, p));
}

std::string Gender(const std::string& g) {
    if (g == "male") return "男性";
    if (g == "female") return "女性";
    if (g == "other") return "その他";
    return "";
}

std::string ServiceName(const std::string& kind) {
    const auto* k = monitoring::FindServiceKind(kind);
    return k ? std::string(k->name_ja) : kind;
}

void Section(std::string& out, const std::string& heading, const std::string& text) {
    if (text.empty()) return;
    out += "\n## " + heading + "\n\n" + text + "\n";
}

}  // namespace

std::string DraftText(storage::Tx& tx, const person::Person& p) {
    const Identifiers who = IdentifiersOf(tx, p);
    const auto assessments = assessment::ListForPerson(tx, p.office_id, p.id);  // newest first
    const auto plans = plan::ListForPerson(tx, p.office_id, p.id);
    const auto monitorings = monitoring::ListForPerson(tx, p.office_id, p.id);
    note::ListFilter nf;
    nf.per_page = kDraftNotes;
    const auto notes = note::List(tx, p.office_id, p.id, nf);
    const auto first_notes = note::ForPrint(tx, p.office_id, p.id, "", "", 1);
    // Support began with the first record (or the person's registration).
    std::string start = p.created_at.substr(0, 10);
    const auto earlier = [&](const std::string& d) {
        if (!d.empty() && d < start) start = d;
    };
    if (!assessments.empty()) earlier(assessments.back().date);
    for (const auto& pl : plans) earlier(pl.plan_date);
    if (!first_notes.empty()) earlier(first_notes.front().date);
    const auto anon = [&](const std::string& s) { return Anonymise(s, who, start); };
    const auto when = [&](const std::string& d) { return RelativeMonth(start, d); };

    std::string out = "# 事例報告：Aさんへの支援\n\n## 本人の概要\n\n";
    const std::string band = AgeBand(p.birth_date, storage::TodayJst());
    if (!band.empty()) out += "- 年齢：" + band + "\n";
    if (!Gender(p.gender).empty()) out += "- 性別：" + Gender(p.gender) + "\n";
    if (!p.disability_kinds.empty()) {
        std::string kinds;
        for (const auto& k : p.disability_kinds) kinds += (kinds.empty() ? "" : "、") + k;
        out += "- 障害種別：" + kinds + "\n";
    }
    if (!p.support_level.empty())
        out += "- 障害支援区分：" + (p.support_level == "非該当" ? p.support_level : "区分" + p.support_level) + "\n";
    if (p.status == "closed") out += "- 支援の状況：終結\n";
    const assessment::Assessment* a = assessments.empty() ? nullptr : &assessments.front();
    Section(out, "本人の願い（本人の言葉）", anon(a && !a->own_words.empty() ? a->own_words : p.wishes));
    if (a) {
        Section(out, "生活歴", anon(a->life_history));
        Section(out, "家族・住環境", anon(a->family_situation));
        Section(out, "健康・医療", anon(a->health_medical));
        Section(out, "日常生活", anon(a->daily_life));
        Section(out, "強み", anon(a->strengths));
    }
    out += "\n## 支援の経過\n";
    for (auto it = assessments.rbegin(); it != assessments.rend(); ++it)
        out += "\n### " + when(it->date) + "　アセスメント\n\n" + anon(it->own_words) + "\n";
    for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
        if (it->status == "draft") continue;
        std::string s =
            "\n### " + when(it->plan_date) + "　サービス等利用計画（第" + std::to_string(it->version) + "版）\n\n";
        if (!it->policy.empty()) s += "- 総合的な援助の方針：" + anon(it->policy) + "\n";
        if (!it->long_term_goal.empty()) s += "- 長期目標：" + anon(it->long_term_goal) + "\n";
        if (!it->short_term_goal.empty()) s += "- 短期目標：" + anon(it->short_term_goal) + "\n";
        for (const auto& n : it->needs) {
            std::string services;
            for (const auto& sv : n.services)
                services += (services.empty() ? "" : "、") + ServiceName(sv.kind) +
                            (sv.provider.empty() ? "" : "（" + anon(sv.provider) + "）");
            s += "- 課題：" + anon(n.need) + (services.empty() ? "" : "（" + services + "）") + "\n";
        }
        out += s;
    }
    int shown = 0;
    for (auto it = monitorings.rbegin(); it != monitorings.rend(); ++it) {
        if (static_cast<int>(monitorings.size()) - shown++ > kDraftMonitorings) continue;
        out += "\n### " + when(it->date) + "　モニタリング\n\n" + anon(it->overall) + "\n";
    }
    if (!notes.items.empty()) {
        out += "\n### 支援経過記録（新しい" + std::to_string(notes.items.size()) + "件）\n\n";
        for (auto it = notes.items.rbegin(); it != notes.items.rend(); ++it) {
            std::string line = it->own_words.empty() ? it->soap.s : "「" + it->own_words + "」";
            if (!it->soap.a.empty()) line += (line.empty() ? "" : " ") + it->soap.a;
            if (line.empty()) line = it->next_step;
            out += "- " + when(it->date) + "：" + anon(line) + "\n";
        }
    }
    out += "\n## 考察\n\n（この事例から学んだこと、地域の課題を書いてください。）\n";
    return out;
}

namespace {
std::string TodayIso() { return storage::TodayJst(); }
}  // namespace

http::Response CreateCaseReportApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long pid = ctx.req.IdParam("id");
    json::object body;
    if (!ctx.req.body.empty()) body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    std::string title = f.Text("title", false, 200);
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, pid);
    const Identifiers who = IdentifiersOf(tx, p);
    CaseReport r;
    r.office_id = p.office_id;
    r.person_id = p.id;
    r.title = title.empty() ? "Aさんへの支援" : title;
    if (!title.empty()) RefuseIdentifying(FindIdentifiers(title, who), "title");
    r.text = DraftText(tx, p);
    r.author_id = ctx.user.user_id;
    r.created_on = TodayIso();
    // The draft reads the person and their records (assessments, plans, monitorings, notes): audited.
    audit::Record(tx, ctx, "read", "person", std::to_string(p.id), p.id);
    audit::Record(tx, ctx, "read", "case_report_source", std::to_string(p.id), p.id);
    r.id = InsertReport(tx, r);
    audit::Record(tx, ctx, "create", "case_report", std::to_string(r.id), p.id);
    const auto saved = FindReport(tx, r.office_id, r.id);
    const auto found = Check(tx, *saved, p);
    tx.Commit();
    return http::Json(ToJson(*saved, found), 201);
}

http::Response ListCaseReportsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto paging = ctx.req.Paging();
    const long long pid = ctx.req.IdQuery("person_id");
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    if (pid) person::RequireInScope(tx, ctx, pid);
    long long total = 0;
    const auto list = ListReports(tx, auth::ScopeOf(ctx.user), pid, paging.page, paging.per_page, total);
    json::array items;
    std::vector<long long> ids;
    for (const auto& r : list) {
        // A list carries no text: the report is opened one at a time.
        items.push_back(json::object{{"id", r.id},
                                     {"person_id", r.person_id},
                                     {"title", r.title},
                                     {"status", r.status},
                                     {"author_id", r.author_id},
                                     {"author_name", r.author_name},
                                     {"approved_on", http::NullIfEmpty(r.approved_on)},
                                     {"created_on", r.created_on},
                                     {"updated_at", r.updated_at}});
        ids.push_back(r.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "case_report", ids);
    tx.Commit();
    return http::Json(json::object{
        {"items", std::move(items)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

http::Response GetCaseReportApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Loaded l = Load(tx, ctx);
    const auto found = Check(tx, l.report, l.person);
    audit::Record(tx, ctx, "read", "case_report", std::to_string(l.report.id), l.person.id);
    tx.Commit();
    return http::Json(ToJson(l.report, found));
}

http::Response PatchCaseReportApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    storage::Tx tx(ctx.db);
    Loaded l = Load(tx, ctx);
    CaseReport& r = l.report;
    if (r.author_id != ctx.user.user_id && !ctx.user.is_chief()) throw http::Forbidden();
    if (r.status != "draft") throw http::Conflict("case_report_approved", "承認済みの事例報告は変更できません。");
    if (f.Has("title")) r.title = f.Text("title", true, 200);
    if (f.Has("text")) r.text = f.Text("text", true, kMaxReportChars);
    RefuseIdentifying(Check(tx, r, l.person));
    UpdateReportText(tx, r);
    audit::Record(tx, ctx, "update", "case_report", std::to_string(r.id), r.person_id);
    const auto saved = FindReport(tx, r.office_id, r.id);
    tx.Commit();
    return http::Json(ToJson(*saved, {}));
}

http::Response ApproveCaseReportApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    Loaded l = Load(tx, ctx);
    CaseReport& r = l.report;
    if (!ctx.user.is_chief()) throw http::Forbidden();
    if (r.status != "draft") throw http::Conflict("case_report_approved", "この事例報告はすでに承認されています。");
    // Four eyes where there are two chiefs, as for approvals.
    if (r.author_id == ctx.user.user_id && OtherChiefs(tx, r.office_id, ctx.user.user_id) > 0)
        throw http::Conflict("own_request", "自分の事例報告は承認できません。ほかの管理者に承認を依頼してください。");
    RefuseIdentifying(Check(tx, r, l.person));
    r.approved_by = ctx.user.user_id;
    r.approved_on = TodayIso();
    ApproveReport(tx, r);
    audit::Record(tx, ctx, "approve", "case_report", std::to_string(r.id), r.person_id);
    const auto saved = FindReport(tx, r.office_id, r.id);
    tx.Commit();
    return http::Json(ToJson(*saved, {}));
}

namespace {
//! An approved report for export (409 not_approved for a draft).
Loaded LoadApproved(storage::Tx& tx, const http::Context& ctx) {
    Loaded l = Load(tx, ctx);
    if (l.report.status != "approved")
        throw http::Conflict("not_approved", "管理者の承認を受けた事例報告だけを出力できます。");
    return l;
}
}  // namespace

http::Response MarkdownCaseReportApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Loaded l = LoadApproved(tx, ctx);
    audit::Record(tx, ctx, "export", "case_report", std::to_string(l.report.id), l.person.id);
    tx.Commit();
    http::Response res{200, "text/markdown; charset=utf-8", l.report.text, {}, {}};
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"case-report-" + std::to_string(l.report.id) + ".md\"");
    return res;
}

http::Response PrintCaseReportApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Loaded l = LoadApproved(tx, ctx);
    const CaseReport& r = l.report;
    std::string body = "<section class=\"sheet\">" + print::Head("事例報告", r.title, "承認済み");
    body += "<table class=\"meta\"><tr><th>報告者</th><td>" + print::Escape(r.author_name) +
            "</td><th>承認日</th><td>" + print::DateJa(r.approved_on) + "</td><th>相談支援事業者名</th><td>" +
            print::Escape(print::OfficeName(tx, r.office_id)) + "</td></tr></table>";
    body += "<div class=\"texts\">" + print::Pre(r.text) + "</div></section>\n";
    audit::Record(tx, ctx, "print", "case_report", std::to_string(r.id), r.person_id);
    tx.Commit();
    return print::Html(print::Document("事例報告", body));
}

http::Response CaseReportCountsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto paging = ctx.req.Paging();
    const auto today = calendar::Date::Parse(storage::TodayJst());
    int fy = FiscalYearOf(*today);
    if (const std::string q = ctx.req.Query("fiscal_year"); !q.empty()) {
        if (q.size() != 4 || q.find_first_not_of("0123456789") != std::string::npos)
            throw http::Invalid("fiscal_year", "年度は4桁の西暦で指定してください。");
        fy = std::stoi(q);
    }
    const std::string from = std::to_string(fy) + "-04-01", to = std::to_string(fy + 1) + "-03-31";
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    // A chief sees the office's staff; a specialist their own count.
    const auto rows = CountReports(tx, ctx.user.office_id, ctx.user.is_chief() ? 0 : ctx.user.user_id, from, to,
                                   paging.page, paging.per_page, total);
    tx.Commit();
    json::array items;
    for (const auto& c : rows)
        items.push_back(json::object{{"user_id", c.user_id},
                                     {"name", c.name},
                                     {"approved", c.approved},
                                     {"drafts", c.drafts},
                                     {"target", kCaseReportsPerYear}});
    return http::Json(json::object{{"fiscal_year", fy},
                                   {"target", kCaseReportsPerYear},
                                   {"items", std::move(items)},
                                   {"total", total},
                                   {"page", paging.page},
                                   {"per_page", paging.per_page}});
}

}  // namespace tsunagu::quality
