// 当番 (on-call): the monthly rota, who is on call now, out-of-hours calls, and what the person on
// call may reach (find a person, their contacts) — each such reach audited as `oncall_access`.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "oncall/oncall.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::oncall {

namespace json = boost::json;

namespace {

calendar::YearMonth MonthQuery(const http::Request& req) {
    const std::string v = req.Query("month");
    if (v.empty()) return calendar::YearMonthOf(*calendar::Date::Parse(storage::TodayJst()));
    auto ym = calendar::YearMonth::Parse(v);
    if (!ym) throw http::Invalid("month", "月はYYYY-MMの形式で指定してください。");
    return *ym;
}

//! A local date-time field ("YYYY-MM-DDTHH:MM").
std::string LocalField(const http::Fields& f, const char* key) {
    const std::string v = f.Text(key, true, 16);
    if (!IsLocalDateTime(v)) f.Fail(key, "日時はYYYY-MM-DDTHH:MMの形式で入力してください。");
    return v;
}

json::object SlotJson(const Slot& s) {
    return {{"id", s.id},           {"start", s.start},         {"end", s.end},
            {"user_id", s.user_id}, {"user_name", s.user_name}, {"phone", s.phone}};
}

json::object RotaJson(storage::Tx& tx, long long office_id, calendar::YearMonth ym) {
    const std::string from = MonthStart(ym), to = MonthEnd(ym);
    const std::vector<Slot> all = Overlapping(tx, office_id, from, to);
    json::array slots, gaps;
    bool has_rota = false;
    for (const auto& s : all)
        if (s.start >= from) {
            has_rota = true;
            slots.push_back(SlotJson(s));
        }
    // A month without a rota has no gaps to report: the office may not run an on-call service.
    if (has_rota)
        for (const auto& g : Gaps(all, from, to)) gaps.push_back(json::object{{"start", g.start}, {"end", g.end}});
    return {{"month", ym.ToString()}, {"slots", std::move(slots)}, {"gaps", std::move(gaps)}};
}

json::object CallJson(const Call& c) {
    return {{"id", c.id},
            {"received_at", c.received_at},
            {"caller", c.caller},
            {"person_id", c.person_id ? json::value(c.person_id) : json::value(nullptr)},
            {"person_name", c.person_name},
            {"summary", c.summary},
            {"action", c.action},
            {"minutes", c.minutes},
            {"handed_to", c.handed_to},
            {"recorded_by", c.recorded_by},
            {"recorded_by_name", c.recorded_by_name},
            {"created_at", c.created_at}};
}

//! What the person on call needs to reach someone: no plans, no notes.
json::object ContactCard(const person::Person& p) {
    json::array contacts, assignees;
    for (const auto& c : p.contacts)
        contacts.push_back(
            json::object{{"role", c.role}, {"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
    for (const auto& [id, name] : p.assignees) assignees.push_back(json::object{{"id", id}, {"name", name}});
    return {{"id", p.id},
            {"name", p.name},
            {"kana", p.kana},
            {"age", person::AgeOn(p.birth_date, storage::TodayJst())},
            {"address", p.address},
            {"phone", p.phone},
            {"contacts", std::move(contacts)},
            {"assignees", std::move(assignees)}};
}

std::string DateQuery(const http::Request& req, const char* name, const std::string& fallback) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    if (!http::IsIsoDate(v)) throw http::Invalid(name, "日付はYYYY-MM-DDの形式で指定してください。");
    return v;
}

}  // namespace

http::Response GetRotaApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const calendar::YearMonth ym = MonthQuery(ctx.req);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);  // staff names only: no personal data of a person
    json::object out = RotaJson(tx, ctx.user.office_id, ym);
    tx.Commit();
    return http::Json(out);
}

http::Response PutRotaApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const calendar::YearMonth ym = MonthQuery(ctx.req);
    const std::string from = MonthStart(ym), to = MonthEnd(ym);
    const json::object body = http::ParseObject(ctx.req);
    const json::array* a = http::Fields(body).Array("slots", true);
    storage::Tx tx(ctx.db);
    const auto allowed = person::AssignableUsers(tx, ctx.user.office_id);
    std::vector<Slot> slots;
    std::string lo = from, hi = to;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string at = "slots[" + std::to_string(i) + "]";
        if (!(*a)[i].is_object()) throw http::Invalid(at, "当番枠の形式が正しくありません。");
        const http::Fields f((*a)[i].as_object(), at + ".");
        Slot s;
        s.start = LocalField(f, "start");
        s.end = LocalField(f, "end");
        if (s.start < from || s.start >= to) f.Fail("start", "開始日時は" + ym.ToString() + "の日時にしてください。");
        if (s.end <= s.start) f.Fail("end", "終了日時は開始日時より後にしてください。");
        s.user_id = f.Int("user_id", true, 1, 1LL << 53);
        if (std::find(allowed.begin(), allowed.end(), s.user_id) == allowed.end())
            f.Fail("user_id", "この事業所の有効な職員を選んでください。");
        s.phone = f.Text("phone", false, 30);
        lo = std::min(lo, s.start);
        hi = std::max(hi, s.end);
        slots.push_back(std::move(s));
    }
    // Overlaps are checked with the slots of the neighbouring months that reach into this range too.
    std::vector<Slot> all = slots;
    for (const auto& s : Overlapping(tx, ctx.user.office_id, lo, hi))
        if (s.start < from || s.start >= to) all.push_back(s);
    if (auto o = FindOverlap(all)) {
        const std::size_t i = o->first < slots.size() && o->second < slots.size() ? o->second : o->first;
        throw http::Invalid("slots[" + std::to_string(i) + "]", "他の当番枠と時間が重なっています。");
    }
    ReplaceMonth(tx, ctx.user.office_id, from, to, slots);
    audit::Record(tx, ctx, "update", "oncall_rota", "");
    json::object out = RotaJson(tx, ctx.user.office_id, ym);
    tx.Commit();
    return http::Json(out);
}

http::Response NowApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    std::string at = ctx.req.Query("at");
    if (at.empty()) at = LocalMinute(storage::Now());
    if (!IsLocalDateTime(at)) throw http::Invalid("at", "日時はYYYY-MM-DDTHH:MMの形式で指定してください。");
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    // [at, at + ":59") holds every slot whose start is at or before `at`; the rule picks the one holding it.
    const auto slot = At(Overlapping(tx, ctx.user.office_id, at, at + ":59"), at);
    tx.Commit();
    if (!slot) throw http::ApiError(404, "nobody_on_call", "この時間の当番はいません。");
    return http::Json(json::object{
        {"user_id", slot->user_id}, {"name", slot->user_name}, {"phone", slot->phone}, {"until", slot->end}});
}

http::Response CreateCallApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Call c;
    c.person_id = f.Int("person_id", false, 1, 1LL << 53, 0);
    storage::Tx tx(ctx.db);
    // A call about a person is that person's data: scope first (on call reaches the whole office).
    if (c.person_id) c.person_name = person::RequireInScope(tx, ctx, c.person_id, person::Reach::kOnCall).name;
    c.received_at = LocalField(f, "received_at");
    if (c.received_at > LocalMinute(storage::Now())) f.Fail("received_at", "受電日時が未来の日時です。");
    c.caller = f.Text("caller", true, 100);
    c.summary = f.Text("summary", true, 4000);
    c.action = f.Text("action", false, 4000);
    c.minutes = static_cast<int>(f.Int("minutes", false, 0, 1440, 0));
    c.handed_to = f.Text("handed_to", false, 200);
    c.office_id = ctx.user.office_id;
    c.recorded_by = ctx.user.user_id;
    c.recorded_by_name = ctx.user.name;
    c.id = InsertCall(tx, c);
    audit::Record(tx, ctx, "create", "oncall_call", std::to_string(c.id), c.person_id);
    tx.Commit();
    c.created_at = storage::NowIso();
    return http::Json(CallJson(c), 201);
}

http::Response ListCallsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    CallFilter f;
    f.office_id = ctx.user.office_id;
    f.user_id = ctx.user.user_id;
    f.whole_office = ctx.user.is_chief() ? 1 : 0;
    f.person_id = ctx.req.IdQuery("person_id");
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const std::string from = DateQuery(ctx.req, "from", calendar::AddDays(today, -30).ToString());
    const std::string to = DateQuery(ctx.req, "to", today.ToString());
    if (to < from) throw http::Invalid("to", "終了日は開始日以降にしてください。");
    f.from = from + "T00:00";
    f.to = calendar::AddDays(*calendar::Date::Parse(to), 1).ToString() + "T00:00";
    f.page = ctx.req.Paging().page;
    f.per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    if (f.person_id) person::RequireInScope(tx, ctx, f.person_id);
    long long total = 0;
    const auto calls = ListCalls(tx, f, total);
    json::array items;
    std::vector<long long> ids;
    for (const auto& c : calls) {
        items.push_back(CallJson(c));
        if (c.person_id) ids.push_back(c.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "oncall_call", ids);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", f.page}, {"per_page", f.per_page}});
}

http::Response PersonsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const std::string q = ctx.req.Query("q");
    if (http::Utf8Length(q) > 100) throw http::Invalid("q", "検索語は100文字以内にしてください。");
    const int page = ctx.req.Paging().page;
    const int per_page = ctx.req.Paging().per_page;
    // A read: its audit rows go to the group commit (durable before the response), and the listed
    // persons' facts are not rebuilt as a write of each of them would have them.
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auth::Scope scope = ctx.user.is_chief() ? auth::ScopeOf(ctx.user) : person::OnCallScope(ctx);
    const person::ListResult res = person::List(tx, scope, q, page, per_page);
    json::array items;
    std::vector<long long> ids;
    for (const auto& p : res.items) {
        items.push_back(ContactCard(p));
        ids.push_back(p.id);
    }
    audit::RecordPersons(tx, ctx, ctx.user.is_chief() ? "list" : "oncall_access", "person", ids);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", res.total}, {"page", page}, {"per_page", per_page}});
}

http::Response PersonApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"), person::Reach::kOnCall);
    audit::Record(tx, ctx, "read", "person_contacts", std::to_string(p.id), p.id);
    tx.Commit();
    return http::Json(ContactCard(p));
}

http::Response AccessLogApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    audit::Filter f;
    f.office_id = ctx.user.office_id;
    f.action = "oncall_access";
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    f.from = DateQuery(ctx.req, "from", calendar::AddDays(today, -1).ToString());
    f.to = DateQuery(ctx.req, "to", today.ToString());
    f.page = ctx.req.Paging().page;
    f.per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const audit::ListPage page = audit::List(tx, f);
    json::array items;
    for (const audit::ListedRow& l : page.items) {
        const audit::AuditEvent& e = l.row.event;
        items.push_back(json::object{{"at", l.row.at},
                                     {"user_id", e.user_id},
                                     {"user_name", l.user_name},
                                     {"person_id", e.person_id ? json::value(e.person_id) : json::value(nullptr)},
                                     {"entity", e.entity}});
    }
    audit::Record(tx, ctx, "read", "audit", "");
    tx.Commit();
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", page.total},
                                   {"total_is_lower_bound", page.total_is_lower_bound},
                                   {"page", f.page},
                                   {"per_page", f.per_page}});
}

}  // namespace tsunagu::oncall
