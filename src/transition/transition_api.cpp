// 地域移行支援・地域定着支援: thin HTTP adapters over transition_rules and transition_store.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "transition/transition.hpp"

namespace tsunagu::transition {

namespace json = boost::json;

namespace {

json::object ActivityJson(const Activity& a) {
    return {{"id", a.id},     {"date", a.date},
            {"kind", a.kind}, {"minutes", a.minutes ? json::value(*a.minutes) : json::value(nullptr)},
            {"note", a.note}, {"created_at", a.created_at}};
}

json::object ToJson(const Transition& t, bool with_activities) {
    const auto days = DaysSinceAdmission(t);
    json::object o{{"id", t.id},
                   {"person_id", t.person_id},
                   {"kind", t.kind},
                   {"start", t.start},
                   {"end", t.end},
                   {"extended_to", http::NullIfEmpty(t.extended_to)},
                   {"extension_reason", t.extension_reason},
                   {"effective_end", EffectiveEnd(t)},
                   {"from_kind", http::NullIfEmpty(t.from_kind)},
                   {"from_name", t.from_name},
                   {"admitted_on", http::NullIfEmpty(t.admitted_on)},
                   {"emergency_contact", t.emergency_contact},
                   {"outcome",
                    {{"moved_on", http::NullIfEmpty(t.outcome.moved_on)},
                     {"destination", http::NullIfEmpty(t.outcome.destination)},
                     {"readmitted_on", http::NullIfEmpty(t.outcome.readmitted_on)}}},
                   {"days_since_admission", days ? json::value(*days) : json::value(nullptr)},
                   {"readmitted_within_180_days", ReadmittedWithin180Days(t)},
                   {"open", IsOpen(t, storage::TodayJst())},
                   {"created_at", t.created_at},
                   {"updated_at", t.updated_at}};
    if (with_activities) {
        json::array acts;
        for (const auto& a : t.activities) acts.push_back(ActivityJson(a));
        o.emplace("activities", std::move(acts));
    }
    return o;
}

void Require(const std::optional<FieldError>& e) {
    if (e) throw http::Invalid(e->field, e->message_ja);
}

Activity ActivityFrom(const json::object& o, const std::string& prefix) {
    const http::Fields f(o, prefix);
    Activity a;
    a.date = f.Date("date", true);
    a.kind = f.Enum("kind", true, kActivityKinds);
    if (f.Has("minutes") && !o.at("minutes").is_null()) a.minutes = f.Int("minutes", false, 0, 24 * 60);
    a.note = f.Text("note", false, 2000);
    return a;
}

//! Applies the fields present in `body` (kind and start, end required on create).
void Apply(const json::object& body, Transition& t, bool create) {
    const http::Fields f(body);
    if (create) t.kind = f.Enum("kind", true, kKinds);
    auto present = [&](const char* k) { return create || f.Has(k); };
    if (present("start")) t.start = f.Date("start", true);
    if (present("end")) t.end = f.Date("end", true);
    if (f.Has("extended_to")) t.extended_to = f.Date("extended_to", false);
    if (f.Has("extension_reason")) t.extension_reason = f.Text("extension_reason", false, 1000);
    if (f.Has("from_kind")) t.from_kind = f.Enum("from_kind", false, kFromKinds);
    if (f.Has("from_name")) t.from_name = f.Text("from_name", false, 200);
    if (f.Has("admitted_on")) t.admitted_on = f.Date("admitted_on", false);
    if (f.Has("emergency_contact")) t.emergency_contact = f.Text("emergency_contact", false, 1000);
    if (f.Has("outcome")) {
        t.outcome = {};
        if (const json::object* o = f.Object("outcome", false)) {
            const http::Fields of(*o, "outcome.");
            t.outcome.moved_on = of.Date("moved_on", false);
            if (of.Has("destination") && !o->at("destination").is_null())
                t.outcome.destination = of.Enum("destination", false, kDestinations);
            t.outcome.readmitted_on = of.Date("readmitted_on", false);
        }
    }
    if (f.Has("days_since_admission") || f.Has("readmitted_within_180_days"))
        f.Fail(f.Has("days_since_admission") ? "days_since_admission" : "readmitted_within_180_days",
               "この項目は自動で計算されるため入力できません。");
    Require(CheckEpisode(t));
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Transition t;
    Apply(body, t, true);
    std::vector<Activity> acts;
    if (const json::array* a = http::Fields(body).Array("activities", false)) {
        if (a->size() > 500) throw http::Invalid("activities", "活動は一度に500件までです。");
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string prefix = "activities[" + std::to_string(i) + "].";
            if (!(*a)[i].is_object())
                throw http::Invalid(prefix.substr(0, prefix.size() - 1), "活動の形式が正しくありません。");
            acts.push_back(ActivityFrom((*a)[i].as_object(), prefix));
            Require(CheckActivity(t, acts.back(), prefix));
        }
    }
    t.office_id = p.office_id;
    t.person_id = p.id;
    t.created_by = ctx.user.user_id;
    t.id = Insert(tx, t);
    for (auto& a : acts) {
        a.transition_id = t.id;
        InsertActivity(tx, p.office_id, a, ctx.user.user_id);
    }
    audit::Record(tx, ctx, "create", "transition", std::to_string(t.id), p.id);
    const auto saved = Find(tx, p.office_id, p.id, t.id);
    tx.Commit();
    return http::Json(ToJson(*saved, true), 201);
}

http::Response ListApi(http::Context& ctx) {
    const http::PageQuery paging = ctx.req.Paging();
    const std::string open = ctx.req.Query("open");
    if (!open.empty() && open != "0" && open != "1" && open != "true" && open != "false")
        throw http::Invalid("open", "open は true または false で指定してください。");
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    long long total = 0;
    const auto items =
        ListForPerson(tx, p.office_id, p.id, open == "1" || open == "true", paging.page, paging.per_page, total);
    audit::Record(tx, ctx, "list", "transition", "", p.id);
    tx.Commit();
    json::array out;
    for (const auto& t : items) out.push_back(ToJson(t, false));
    return http::Json(json::object{
        {"items", std::move(out)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const auto t = Find(tx, p.office_id, p.id, ctx.req.IdParam("tid"));
    if (!t) throw http::NotFound();
    audit::Record(tx, ctx, "read", "transition", std::to_string(t->id), p.id);
    tx.Commit();
    return http::Json(ToJson(*t, true));
}

http::Response PatchApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    auto t = Find(tx, p.office_id, p.id, ctx.req.IdParam("tid"));
    if (!t) throw http::NotFound();
    const json::object body = http::ParseObject(ctx.req);
    if (body.contains("kind") && body.at("kind") != json::value(t->kind))
        throw http::Invalid("kind", "支援の種類は変更できません。新しい記録を作成してください。");
    if (body.contains("activities")) throw http::Invalid("activities", "活動は /activities に追加してください。");
    Apply(body, *t, false);
    for (std::size_t i = 0; i < t->activities.size(); ++i)  // a shortened period must still hold every activity
        if (auto e = CheckActivity(*t, t->activities[i], "activities[" + std::to_string(i) + "]."))
            throw http::Invalid("end", "記録済みの活動（" + t->activities[i].date + "）が期間外になります。");
    Update(tx, *t);
    audit::Record(tx, ctx, "update", "transition", std::to_string(t->id), p.id);
    const auto saved = Find(tx, p.office_id, p.id, t->id);
    tx.Commit();
    return http::Json(ToJson(*saved, true));
}

http::Response CreateActivityApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const auto t = Find(tx, p.office_id, p.id, ctx.req.IdParam("tid"));
    if (!t) throw http::NotFound();
    const json::object body = http::ParseObject(ctx.req);
    Activity a = ActivityFrom(body, "");
    Require(CheckActivity(*t, a, ""));
    a.transition_id = t->id;
    InsertActivity(tx, p.office_id, a, ctx.user.user_id);
    audit::Record(tx, ctx, "update", "transition", std::to_string(t->id), p.id);
    const auto saved = Find(tx, p.office_id, p.id, t->id);
    tx.Commit();
    return http::Json(ToJson(*saved, true), 201);
}

}  // namespace tsunagu::transition
