// 支援経過記録 (support notes) of a person, their corrections, and the list of decision support.
#include <algorithm>

#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "note/note.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"

namespace tsunagu::note {

namespace json = boost::json;

namespace {

json::value DecisionToJson(const std::optional<DecisionSupport>& d) {
    if (!d) return nullptr;
    return json::object{{"matter", d->matter}, {"methods", d->methods},       {"options", d->options},
                        {"choice", d->choice}, {"substitute", d->substitute}, {"substitute_by", d->substitute_by},
                        {"reason", d->reason}};
}

json::object ToJson(const Note& n, const http::Context& ctx) {
    json::array participants, icf, refs, corrections;
    for (const auto& p : n.participants) participants.emplace_back(p);
    for (const auto& i : n.icf) icf.emplace_back(i);
    for (const auto& r : n.goal_refs)
        refs.push_back(json::object{{"plan_id", r.plan_id}, {"need_index", r.need_index}});
    for (const auto& c : n.corrections)
        corrections.push_back(json::object{{"id", c.id},
                                           {"text", c.text},
                                           {"reason", c.reason},
                                           {"author_id", c.author_id},
                                           {"author_name", c.author_name},
                                           {"created_at", c.created_at}});
    const bool locked = IsLocked(n.created_at, storage::Now());
    return {{"id", n.id},
            {"person_id", n.person_id},
            {"date", n.date},
            {"time", http::NullIfEmpty(n.time)},
            {"contact_kind", n.contact_kind},
            {"place", http::NullIfEmpty(n.place)},
            {"minutes", n.minutes > 0 ? json::value(n.minutes) : json::value(nullptr)},
            {"time_category", http::NullIfEmpty(n.time_category)},
            {"participants", std::move(participants)},
            {"own_words", n.own_words},
            {"soap", json::object{{"s", n.soap.s}, {"o", n.soap.o}, {"a", n.soap.a}, {"p", n.soap.p}}},
            {"icf", std::move(icf)},
            {"goal_refs", std::move(refs)},
            {"next_step", n.next_step},
            {"decision_support", DecisionToJson(n.decision_support)},
            {"author_id", n.author_id},
            {"author_name", n.author_name},
            {"created_at", n.created_at},
            {"updated_at", n.updated_at},
            {"locked", locked},
            {"editable", !locked && n.author_id == ctx.user.user_id},
            {"corrections", std::move(corrections)}};
}

//! 次回の仮説と行動: one line, required, ≤ 200 characters.
std::string NextStep(const http::Fields& f) {
    std::string s = f.Text("next_step", true, kMaxNextStepChars);
    if (s.find_first_of("\r\n") != std::string::npos) f.Fail("next_step", "次の一手は1行で入力してください。");
    return s;
}

std::optional<DecisionSupport> DecisionFromBody(const http::Fields& f) {
    const json::object* o = f.Object("decision_support", false);
    if (!o) return std::nullopt;
    const http::Fields d(*o, "decision_support.");
    DecisionSupport s;
    s.matter = d.Text("matter", true, 1000);
    s.methods = d.Text("methods", false, kMaxTextChars);
    s.options = d.Text("options", false, kMaxTextChars);
    s.choice = d.Text("choice", false, kMaxTextChars);
    s.substitute = d.Bool("substitute", false);
    s.substitute_by = d.Text("substitute_by", false, 200);
    s.reason = d.Text("reason", s.substitute, kMaxTextChars);
    if (!s.substitute && !s.substitute_by.empty())
        d.Fail("substitute_by", "代行決定でない場合、決定した人は入力しません。");
    return s;
}

//! goal_refs: goals of this person's plans only (another person's plan → 400, never revealed).
std::vector<GoalRef> GoalRefsFromBody(storage::Tx& tx, const http::Fields& f, const person::Person& p) {
    std::vector<GoalRef> out;
    const json::array* refs = f.Array("goal_refs", false);
    if (!refs) return out;
    if (refs->size() > 30) f.Fail("goal_refs", "目標は30件までです。");
    for (std::size_t i = 0; i < refs->size(); ++i) {
        const std::string at = "goal_refs[" + std::to_string(i) + "]";
        if (!(*refs)[i].is_object()) throw http::Invalid(at, "形式が正しくありません。");
        const http::Fields r((*refs)[i].as_object(), at + ".");
        GoalRef g{r.Int("plan_id", true, 1, 1'000'000'000'000LL), static_cast<int>(r.Int("need_index", true, 0, 29))};
        const auto plan = plan::Find(tx, p.office_id, p.id, g.plan_id);
        if (!plan) r.Fail("plan_id", "この利用者の計画を指定してください。");
        if (static_cast<std::size_t>(g.need_index) >= plan->needs.size()) r.Fail("need_index", "計画にない目標です。");
        if (std::any_of(out.begin(), out.end(),
                        [&](const GoalRef& o) { return o.plan_id == g.plan_id && o.need_index == g.need_index; }))
            r.Fail("need_index", "同じ目標が重複しています。");
        out.push_back(g);
    }
    return out;
}

//! Applies the body to `n`: every field on create, the fields present on PATCH.
void Apply(storage::Tx& tx, const json::object& body, Note& n, const person::Person& p, bool create) {
    const http::Fields f(body);
    const auto has = [&](const char* key) { return create || f.Has(key); };
    if (has("date")) n.date = f.Date("date", true);
    if (has("time")) n.time = f.Time("time", false);
    if (has("contact_kind")) n.contact_kind = f.Enum("contact_kind", true, kContactKinds);
    if (has("place")) n.place = f.Enum("place", false, assessment::kPlaces);
    if (has("minutes")) n.minutes = static_cast<int>(f.Int("minutes", false, 1, 1440, 0));
    if (has("time_category")) n.time_category = f.Enum("time_category", false, kTimeCategories);
    if (has("participants")) n.participants = f.TextList("participants", false, 100);
    if (has("own_words")) n.own_words = f.Text("own_words", false, kMaxTextChars);
    if (has("soap")) {
        n.soap = {};
        if (const json::object* o = f.Object("soap", false)) {
            const http::Fields s(*o, "soap.");
            n.soap = {s.Text("s", false, kMaxTextChars), s.Text("o", false, kMaxTextChars),
                      s.Text("a", false, kMaxTextChars), s.Text("p", false, kMaxTextChars)};
        }
    }
    if (has("icf"))
        n.icf = f.EnumList("icf", kIcf,
                           "ICFの視点は body_functions, activities, participation, "
                           "environmental, personal から選んでください。");
    if (has("goal_refs")) n.goal_refs = GoalRefsFromBody(tx, f, p);
    if (has("next_step")) n.next_step = NextStep(f);
    if (has("decision_support")) n.decision_support = DecisionFromBody(f);
}

struct Loaded {
    person::Person person;
    Note note;
};
Loaded LoadNote(storage::Tx& tx, const http::Context& ctx) {
    person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    auto n = Find(tx, p.office_id, p.id, ctx.req.IdParam("nid"));
    if (!n) throw http::NotFound();
    return {std::move(p), std::move(*n)};
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Note n;
    Apply(tx, body, n, p, true);
    n.office_id = p.office_id;
    n.person_id = p.id;
    n.author_id = ctx.user.user_id;
    n.id = Insert(tx, n);
    audit::Record(tx, ctx, "create", "note", std::to_string(n.id), p.id);
    const Note saved = *Find(tx, p.office_id, p.id, n.id);
    tx.Commit();
    return http::Json(ToJson(saved, ctx), 201);
}

http::Response ListApi(http::Context& ctx) {
    ListFilter f;
    f.from = ctx.req.Query("from");
    f.to = ctx.req.Query("to");
    if (!f.from.empty() && !http::IsIsoDate(f.from))
        throw http::Invalid("from", "日付はYYYY-MM-DDの形式で入力してください。");
    if (!f.to.empty() && !http::IsIsoDate(f.to))
        throw http::Invalid("to", "日付はYYYY-MM-DDの形式で入力してください。");
    f.contact_kind = ctx.req.Query("contact_kind");
    if (!f.contact_kind.empty() &&
        std::find(kContactKinds.begin(), kContactKinds.end(), f.contact_kind) == kContactKinds.end())
        throw http::Invalid("contact_kind", "接触の種類が正しくありません。");
    f.page = ctx.req.Paging().page;
    f.per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const ListResult res = List(tx, p.office_id, p.id, f);
    audit::Record(tx, ctx, "list", "note", "", p.id);
    tx.Commit();
    json::array items;
    for (const auto& n : res.items) items.push_back(ToJson(n, ctx));
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", res.total}, {"page", f.page}, {"per_page", f.per_page}});
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Loaded l = LoadNote(tx, ctx);
    audit::Record(tx, ctx, "read", "note", std::to_string(l.note.id), l.person.id);
    tx.Commit();
    return http::Json(ToJson(l.note, ctx));
}

http::Response PatchApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    Loaded l = LoadNote(tx, ctx);
    // Only the author edits, and only for 24 hours; after that a correction is appended instead.
    if (l.note.author_id != ctx.user.user_id)
        throw http::ApiError(403, "forbidden", "記録を編集できるのは書いた本人だけです。");
    if (IsLocked(l.note.created_at, storage::Now()))
        throw http::Conflict("note_locked", "作成から24時間を過ぎた記録は編集できません。訂正を追記してください。");
    const json::object body = http::ParseObject(ctx.req);
    Apply(tx, body, l.note, l.person, false);
    Update(tx, l.note);
    audit::Record(tx, ctx, "update", "note", std::to_string(l.note.id), l.person.id);
    const Note saved = *Find(tx, l.person.office_id, l.person.id, l.note.id);
    tx.Commit();
    return http::Json(ToJson(saved, ctx));
}

http::Response CorrectApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const Loaded l = LoadNote(tx, ctx);
    if (l.note.author_id != ctx.user.user_id && !ctx.user.is_chief())
        throw http::ApiError(403, "forbidden", "訂正できるのは記録を書いた本人か主任相談支援専門員です。");
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Correction c;
    c.text = f.Text("text", true, kMaxTextChars);
    c.reason = f.Text("reason", true, 1000);
    c.author_id = ctx.user.user_id;
    const long long cid = AddCorrection(tx, l.person.office_id, l.note.id, c);
    const Note saved = *Find(tx, l.person.office_id, l.person.id, l.note.id);
    Reindex(tx, saved);
    audit::Record(tx, ctx, "correct", "note", std::to_string(l.note.id), l.person.id);
    tx.Commit();
    (void)cid;
    return http::Json(ToJson(saved, ctx), 201);
}

http::Response DecisionSupportApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const std::string sub = ctx.req.Query("substitute");
    if (!sub.empty() && sub != "true" && sub != "false")
        throw http::Invalid("substitute", "true または false で指定してください。");
    const int page = ctx.req.Paging().page, per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    const auto rows = ListDecisionSupport(tx, auth::ScopeOf(ctx.user), sub == "true", page, per_page, total);
    std::vector<long long> persons;
    json::array items;
    for (const auto& r : rows) {
        persons.push_back(r.note.person_id);
        items.push_back(json::object{{"note_id", r.note.id},
                                     {"person_id", r.note.person_id},
                                     {"person_name", r.person_name},
                                     {"date", r.note.date},
                                     {"author_name", r.note.author_name},
                                     {"decision_support", DecisionToJson(r.note.decision_support)}});
    }
    audit::RecordPersons(tx, ctx, "list", "decision_support", persons);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

}  // namespace tsunagu::note
