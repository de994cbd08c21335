// 関係機関名簿: list, register, edit, contacts, weak ties, and the office-level alerts.
// Office data (no person's data): specialists and chiefs of the office; admins 403.
#include <algorithm>

#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::directory {

namespace json = boost::json;

namespace {

int PageQuery(const http::Request& req, const char* name, int fallback, int max) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    if (v.size() > 6 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(v) < 1 || std::stoi(v) > max)
        throw http::Invalid(name, "1から" + std::to_string(max) + "までの数で指定してください。");
    return std::stoi(v);
}

Entry RequireEntry(storage::Tx& tx, const http::Context& ctx, long long id) {
    auto e = Find(tx, ctx.user.office_id, id);
    if (!e) throw http::NotFound();
    return *e;
}

void RefuseTakenName(storage::Tx& tx, const Entry& e) {
    const auto other = FindByName(tx, e.office_id, e.name);
    if (other && other->id != e.id)
        throw http::ApiError(409, "directory_name_taken", "同じ名称の関係機関が既に登録されています。", "name");
}

json::object ContactJson(const ContactRecord& c) {
    return {{"id", c.id},
            {"directory_id", c.directory_id},
            {"date", c.date},
            {"kind", c.kind},
            {"summary", c.summary},
            {"user_id", c.user_id},
            {"user_name", c.user_name},
            {"created_at", c.created_at}};
}

json::object WeakTiesJson(const std::vector<WeakTie>& ties, const std::string& today) {
    json::array items;
    for (const WeakTie& t : ties)
        items.push_back(
            json::object{{"directory_id", t.directory_id ? json::value(t.directory_id) : json::value(nullptr)},
                         {"name", t.name},
                         {"why", t.why},
                         {"reviewed_on", http::NullIfEmpty(t.reviewed_on)}});
    const std::string due = WeakTiesReviewDue(ties);
    return {{"items", std::move(items)},
            {"total", static_cast<long long>(ties.size())},
            {"review_due_on", http::NullIfEmpty(due)},
            {"review_overdue", !due.empty() && due < today}};
}

}  // namespace

http::Response ListApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    Filter f;
    f.q = ctx.req.Query("q");
    if (http::Utf8Length(f.q) > 100) throw http::Invalid("q", "検索語は100文字以内にしてください。");
    if (const std::string s = ctx.req.Query("sector"); !s.empty()) {
        auto code = SectorCode(s);
        if (!code) throw http::Invalid("sector", "分野が正しくありません。");
        f.sector = *code;
    }
    if (const std::string l = ctx.req.Query("layer"); !l.empty()) {
        auto code = CodeIn(Layers(), l);
        if (!code) throw http::Invalid("layer", "層が正しくありません。");
        f.layer = *code;
    }
    const std::string overdue = ctx.req.Query("overdue");
    if (!overdue.empty() && overdue != "true" && overdue != "false")
        throw http::Invalid("overdue", "overdue は true か false で指定してください。");
    f.overdue_only = overdue == "true";
    f.today = storage::TodayJst();
    f.page = PageQuery(ctx.req, "page", 1, 100000);
    f.per_page = PageQuery(ctx.req, "per_page", 50, 200);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const ListResult res = List(tx, ctx.user.office_id, f);
    tx.Commit();
    json::array items;
    for (const Entry& e : res.items) items.push_back(ToJson(e, f.today));
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", res.total}, {"page", f.page}, {"per_page", f.per_page}});
}

http::Response CreateApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    Entry e;
    ApplyJson(e, body, true);
    e.office_id = ctx.user.office_id;
    const std::string today = storage::TodayJst();
    e.contact_due_on = ContactDueOn(e.layer, "", today);
    storage::Tx tx(ctx.db);
    RefuseTakenName(tx, e);
    e.id = Insert(tx, e, ctx.user.user_id);
    audit::Record(tx, ctx, "create", "directory", std::to_string(e.id));
    const Entry saved = RequireEntry(tx, ctx, e.id);
    tx.Commit();
    return http::Json(ToJson(saved, today), 201);
}

http::Response GetApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Entry e = RequireEntry(tx, ctx, ctx.req.IdParam("oid"));
    tx.Commit();
    return http::Json(ToJson(e, storage::TodayJst()));
}

http::Response PatchApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    storage::Tx tx(ctx.db);
    Entry e = RequireEntry(tx, ctx, ctx.req.IdParam("oid"));
    const std::string registered = RegisteredOn(e);
    ApplyJson(e, body, false);
    RefuseTakenName(tx, e);
    e.contact_due_on = ContactDueOn(e.layer, e.last_contact_on, registered);
    Update(tx, e);
    audit::Record(tx, ctx, "update", "directory", std::to_string(e.id));
    const Entry saved = RequireEntry(tx, ctx, e.id);
    tx.Commit();
    return http::Json(ToJson(saved, storage::TodayJst()));
}

http::Response CreateContactApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    ContactRecord c;
    c.date = f.Date("date", true);
    if (c.date > storage::TodayJst()) f.Fail("date", "連絡日に未来の日付は入力できません。");
    c.kind = f.Enum("kind", true, ContactKinds());
    c.summary = f.Text("summary", false, 1000);
    c.user_id = f.Int("user_id", false, 1, 1LL << 53, ctx.user.user_id);
    storage::Tx tx(ctx.db);
    Entry e = RequireEntry(tx, ctx, ctx.req.IdParam("oid"));
    const auto who = user::FindById(tx, c.user_id, ctx.user.office_id);
    if (!who || !who->active) f.Fail("user_id", "この事業所の有効な職員を選んでください。");
    c.directory_id = e.id;
    c.user_name = who->name;
    c.id = InsertContact(tx, e.office_id, c, ctx.user.user_id);
    // A contact recorded late (an earlier date) does not move the last contact back.
    e.last_contact_on = std::max(e.last_contact_on, c.date);
    e.contact_due_on = ContactDueOn(e.layer, e.last_contact_on, RegisteredOn(e));
    Update(tx, e);
    audit::Record(tx, ctx, "create", "directory_contact", std::to_string(c.id));
    tx.Commit();
    c.created_at = storage::NowIso();
    return http::Json(ContactJson(c), 201);
}

http::Response ListContactsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const int page = PageQuery(ctx.req, "page", 1, 100000), per_page = PageQuery(ctx.req, "per_page", 50, 200);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Entry e = RequireEntry(tx, ctx, ctx.req.IdParam("oid"));
    long long total = 0;
    json::array items;
    for (const auto& c : ListContacts(tx, e.office_id, e.id, page, per_page, total)) items.push_back(ContactJson(c));
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

http::Response GetWeakTiesApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto ties = ListWeakTies(tx, ctx.user.office_id, ctx.user.user_id);
    tx.Commit();
    return http::Json(WeakTiesJson(ties, storage::TodayJst()));
}

http::Response PutWeakTiesApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const json::array* items = f.Array("items", true);
    if (items->size() > kMaxWeakTies) f.Fail("items", "弱いつながりは10件までです。");
    storage::Tx tx(ctx.db);
    std::vector<WeakTie> ties;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        if (!(*items)[i].is_object()) f.Fail(at.c_str(), "項目の形式が正しくありません。");
        const http::Fields tf((*items)[i].as_object(), at + ".");
        WeakTie t;
        t.directory_id = tf.Int("directory_id", false, 1, 1LL << 53, 0);
        t.name = tf.Text("name", t.directory_id == 0, 100);
        t.why = tf.Text("why", false, 500);
        t.reviewed_on = tf.Date("reviewed_on", false);
        if (t.directory_id && !Find(tx, ctx.user.office_id, t.directory_id))
            tf.Fail("directory_id", "名簿にない関係機関です。");
        ties.push_back(std::move(t));
    }
    ReplaceWeakTies(tx, ctx.user.office_id, ctx.user.user_id, ties);
    audit::Record(tx, ctx, "update", "weak_ties", std::to_string(ctx.user.user_id));
    const auto saved = ListWeakTies(tx, ctx.user.office_id, ctx.user.user_id);
    tx.Commit();
    return http::Json(WeakTiesJson(saved, storage::TodayJst()));
}

std::vector<json::object> OfficeAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                       const std::string& kind) {
    std::vector<json::object> out;
    const auto today_date = calendar::Date::Parse(today);
    auto days_left = [&](const std::string& date) {
        const auto d = calendar::Date::Parse(date);
        return d && today_date ? calendar::DaysBetween(*today_date, *d) : 0;
    };
    // The network is the office's: its overdue contacts are on the chief's home (domain.md §7).
    if (ctx.user.is_chief() && (kind.empty() || kind == "directory_contact_due")) {
        for (const Entry& e : Overdue(tx, ctx.user.office_id, today))
            out.push_back(json::object{{"kind", "directory_contact_due"},
                                       {"person_id", nullptr},
                                       {"person_name", nullptr},
                                       {"date", e.contact_due_on},
                                       {"days_left", days_left(e.contact_due_on)},
                                       {"entity", "directory"},
                                       {"entity_id", e.id},
                                       {"message", "関係機関への定期連絡の期限切れ: " + e.name}});
    }
    if (kind.empty() || kind == "weak_ties_review") {
        const std::string due = WeakTiesReviewDue(ListWeakTies(tx, ctx.user.office_id, ctx.user.user_id));
        if (!due.empty() && due < today)
            out.push_back(json::object{{"kind", "weak_ties_review"},
                                       {"person_id", nullptr},
                                       {"person_name", nullptr},
                                       {"date", due},
                                       {"days_left", days_left(due)},
                                       {"entity", "user"},
                                       {"entity_id", ctx.user.user_id},
                                       {"message", "弱いつながりの見直し（6か月ごと）"}});
    }
    return out;
}

}  // namespace tsunagu::directory
