// 会議: record (draft), correct (the author, until finalised), finalise, list, read. Every save
// turns the agreements into tasks in the same transaction. Every read and write is audited.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "meeting/meeting.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"

namespace tsunagu::meeting {

namespace json = boost::json;

namespace {

constexpr long long kMaxId = 1LL << 53;

json::object ToJson(const Meeting& m, const std::vector<task::Task>& tasks) {
    json::array agreements = AgreementsJson(m.agreements);
    for (std::size_t i = 0; i < agreements.size(); ++i) {
        json::object& a = agreements[i].as_object();
        a["task_id"] = nullptr;
        a["task_status"] = nullptr;
        for (const auto& t : tasks)
            if (t.agreement_index == static_cast<int>(i)) {
                a["task_id"] = t.id;
                a["task_status"] = t.status;
            }
    }
    return {{"id", m.id},
            {"person_id", m.person_id},
            {"kind", m.kind},
            {"status", m.status},
            {"date", m.date},
            {"start", http::NullIfEmpty(m.start)},
            {"end", http::NullIfEmpty(m.end)},
            {"place", m.place},
            {"plan_id", m.plan_id ? json::value(m.plan_id) : json::value(nullptr)},
            {"participants", ParticipantsJson(m.participants)},
            {"person_attended", m.person_attended},
            {"person_absent_reason", m.person_absent_reason},
            {"agenda", m.agenda},
            {"discussion", m.discussion},
            {"opinions", OpinionsJson(m.opinions)},
            {"conclusion", m.conclusion},
            {"remaining_issues", m.remaining_issues},
            {"agreements", std::move(agreements)},
            {"consensus_sheet", SheetJson(m.consensus_sheet)},
            {"author_id", m.author_id},
            {"author_name", m.author_name},
            {"finalised_on", http::NullIfEmpty(m.finalised_on)},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

const json::array& Items(const http::Fields& f, const json::array* a, const char* key, std::size_t max) {
    if (a->size() > max) f.Fail(key, std::to_string(max) + "件以内にしてください。");
    for (std::size_t i = 0; i < a->size(); ++i)
        if (!(*a)[i].is_object())
            throw http::Invalid(std::string(key) + "[" + std::to_string(i) + "]", "形式が正しくありません。");
    return *a;
}

std::string At(const char* key, std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]."; }

//! Applies the fields present in `body` (kind, date and person_attended are required on create).
void Apply(storage::Tx& tx, const json::object& body, const person::Person& person, Meeting& m, bool create) {
    const http::Fields f(body);
    if (create || f.Has("kind")) m.kind = f.Enum("kind", true, kKinds);
    if (create || f.Has("date")) m.date = f.Date("date", true);
    if (f.Has("start")) m.start = f.Time("start", false);
    if (f.Has("end")) m.end = f.Time("end", false);
    if (f.Has("place")) m.place = f.Text("place", false, 200);
    if (f.Has("plan_id")) {
        m.plan_id = f.Int("plan_id", false, 1, kMaxId, 0);
        // The plan discussed must be this person's: another person's plan is as unknown as a missing one.
        if (m.plan_id && !plan::Find(tx, person.office_id, person.id, m.plan_id)) throw http::NotFound();
    }
    if (const json::array* a = f.Array("participants", false); a && f.Has("participants")) {
        m.participants.clear();
        const auto& items = Items(f, a, "participants", kMaxParticipants);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const http::Fields p(items[i].as_object(), At("participants", i));
            m.participants.push_back({p.Text("name", false, 100), p.Text("organisation", false, 200),
                                      p.Text("role", false, 100), p.Bool("attended", true)});
        }
    }
    if (create || f.Has("person_attended")) m.person_attended = f.RequiredBool("person_attended");
    if (f.Has("person_absent_reason")) m.person_absent_reason = f.Text("person_absent_reason", false, 1000);
    if (m.person_attended) m.person_absent_reason.clear();
    const std::pair<const char*, std::string Meeting::*> texts[] = {{"agenda", &Meeting::agenda},
                                                                    {"discussion", &Meeting::discussion},
                                                                    {"conclusion", &Meeting::conclusion},
                                                                    {"remaining_issues", &Meeting::remaining_issues}};
    for (const auto& [key, member] : texts)
        if (f.Has(key)) m.*member = f.Text(key, false, plan::kMaxText);
    if (const json::array* a = f.Array("opinions", false); a && f.Has("opinions")) {
        m.opinions.clear();
        const auto& items = Items(f, a, "opinions", kMaxParticipants);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const http::Fields o(items[i].as_object(), At("opinions", i));
            m.opinions.push_back({o.Text("participant", false, 100), o.Text("opinion", false, 2000)});
        }
    }
    if (const json::array* a = f.Array("agreements", false); a && f.Has("agreements")) {
        m.agreements.clear();
        const auto& items = Items(f, a, "agreements", kMaxAgreements);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const json::object& o = items[i].as_object();
            const http::Fields g(o, At("agreements", i));
            Agreement ag;
            ag.text = g.Text("text", false, 1000);
            task::ReadOwner(tx, person.office_id, o, At("agreements", i), ag.owner, ag.owner_user_id);
            ag.due = g.Date("due", false);
            ag.measure = g.Text("measure", false, 1000);
            m.agreements.push_back(std::move(ag));
        }
    }
    if (f.Has("consensus_sheet")) {
        const json::object* s = body.at("consensus_sheet").is_null() ? nullptr : f.Object("consensus_sheet", false);
        if (!s) {
            m.consensus_sheet.reset();
        } else {
            const http::Fields c(*s, "consensus_sheet.");
            m.consensus_sheet = ConsensusSheet{
                c.Text("purpose", false, plan::kMaxText), c.Text("roles", false, plan::kMaxText),
                c.Text("risks", false, plan::kMaxText), c.Text("contact_arrangement", false, plan::kMaxText)};
        }
    }
    if (const auto e = Check(m)) throw http::Invalid(e->field, e->message_ja);
    if (m.consensus_sheet && HasEarlierMeeting(tx, person.office_id, person.id, m.date, m.id))
        f.Fail("consensus_sheet", "合意形成シートはそのケースの最初の会議にだけ記録できます。");
}

//! The agreements as tasks of this meeting (owner, due, measure carried over).
void SyncTasks(storage::Tx& tx, const Meeting& m, long long user_id) {
    std::vector<task::Task> tasks;
    for (const auto& a : m.agreements) {
        task::Task t;
        t.text = a.text;
        t.owner = a.owner;
        t.owner_user_id = a.owner_user_id;
        t.due = a.due;
        t.measure = a.measure;
        tasks.push_back(std::move(t));
    }
    task::SyncAgreements(tx, m.office_id, m.person_id, m.id, tasks, user_id);
}

json::object Saved(storage::Tx& tx, const person::Person& person, long long id) {
    const auto m = Find(tx, person.office_id, person.id, id);
    if (!m) throw http::NotFound();
    return ToJson(*m, task::ForMeeting(tx, person.office_id, id));
}

std::pair<person::Person, Meeting> Load(storage::Tx& tx, const http::Context& ctx) {
    person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    auto m = Find(tx, person.office_id, person.id, ctx.req.IdParam("mid"));
    if (!m) throw http::NotFound();
    return {std::move(person), std::move(*m)};
}

//! Only the author corrects or finalises a record, and only until it is finalised.
void RequireEditable(const http::Context& ctx, const Meeting& m) {
    if (m.status == "finalised") throw http::Conflict("meeting_finalised", "確定した会議録は変更できません。");
    if (m.author_id != ctx.user.user_id)
        throw http::ApiError(403, "forbidden", "会議録を変更できるのは記録した職員だけです。");
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Meeting m;
    m.office_id = person.office_id;
    m.person_id = person.id;
    m.author_id = ctx.user.user_id;
    Apply(tx, body, person, m, true);
    m.id = Insert(tx, m);
    SyncTasks(tx, m, ctx.user.user_id);
    audit::Record(tx, ctx, "create", "meeting", std::to_string(m.id), person.id);
    json::object out = Saved(tx, person, m.id);
    tx.Commit();
    return http::Json(out, 201);
}

http::Response ListApi(http::Context& ctx) {
    const int page = ctx.req.Paging().page;
    const int per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    long long total = 0;
    json::array items;
    for (const Meeting& m : ListForPerson(tx, person.office_id, person.id, page, per_page, total))
        items.push_back(ToJson(m, task::ForMeeting(tx, person.office_id, m.id)));
    audit::Record(tx, ctx, "list", "meeting", "", person.id);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto [person, m] = Load(tx, ctx);
    audit::Record(tx, ctx, "read", "meeting", std::to_string(m.id), person.id);
    json::object out = ToJson(m, task::ForMeeting(tx, person.office_id, m.id));
    tx.Commit();
    return http::Json(out);
}

http::Response PatchApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auto [person, m] = Load(tx, ctx);
    const json::object body = http::ParseObject(ctx.req);
    RequireEditable(ctx, m);
    Apply(tx, body, person, m, false);
    Update(tx, m);
    SyncTasks(tx, m, ctx.user.user_id);
    audit::Record(tx, ctx, "update", "meeting", std::to_string(m.id), person.id);
    json::object out = Saved(tx, person, m.id);
    tx.Commit();
    return http::Json(out);
}

http::Response FinaliseApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auto [person, m] = Load(tx, ctx);
    RequireEditable(ctx, m);
    m.status = "finalised";
    m.finalised_on = storage::TodayJst();
    Update(tx, m);
    audit::Record(tx, ctx, "finalise", "meeting", std::to_string(m.id), person.id);
    json::object out = Saved(tx, person, m.id);
    tx.Commit();
    return http::Json(out);
}

}  // namespace tsunagu::meeting
