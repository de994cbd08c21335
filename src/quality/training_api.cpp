// 研修記録: a user's own records (the user, their chief) and the office's deadlines.
#include <boost/json.hpp>
#include <cmath>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "quality/training.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
json::object ToJson(const Training& t) {
    return {{"id", t.id},
            {"user_id", t.user_id},
            {"kind", t.kind},
            {"title", t.title},
            {"completed_on", t.completed_on},
            {"hours", t.hours_tenths / 10.0},
            {"certificate_number", http::NullIfEmpty(t.certificate_number)},
            {"created_at", t.created_at}};
}

calendar::Date Today() { return *calendar::Date::Parse(storage::TodayJst()); }

//! The user of the route: oneself, or (for a chief) anyone active of the office; 404 otherwise.
long long UserOfRoute(storage::Tx& tx, const http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long uid = ctx.req.IdParam("uid");
    if (uid != ctx.user.user_id && !ctx.user.is_chief()) throw http::NotFound();
    const auto u = user::FindById(tx, uid, ctx.user.office_id);
    if (!u || u->role == auth::Role::kAdmin) throw http::NotFound();
    return uid;
}
}  // namespace

json::object CycleJson(const CycleState& s) {
    return {{"status", s.status},
            {"cycle_start", http::NullIfEmpty(s.cycle_start)},
            {"cycle_end", http::NullIfEmpty(s.cycle_end)},
            {"deadline", http::NullIfEmpty(s.deadline)},
            {"done_in_cycle", s.done_in_cycle}};
}

http::Response ListTrainingsApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const long long uid = UserOfRoute(tx, ctx);
    const auto records = TrainingsOf(tx, ctx.user.office_id, uid);
    const calendar::Date today = Today();
    tx.Commit();
    json::array items;
    for (const auto& t : records) items.push_back(ToJson(t));
    const long long total = static_cast<long long>(items.size());
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", total},
                                   {"current_cycle", CycleJson(CycleOn(records, "initial", "current", today))},
                                   {"chief_cycle", CycleJson(CycleOn(records, "chief", "chief_renewal", today))}});
}

http::Response CreateTrainingApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Training t;
    t.kind = f.Enum("kind", true, kTrainingKinds);
    t.title = f.Text("title", true, 200);
    t.completed_on = f.Date("completed_on", true);
    if (t.completed_on > storage::TodayJst()) f.Fail("completed_on", "修了日に未来の日付は指定できません。");
    if (f.Has("hours") && !body.at("hours").is_null()) {
        const json::value& h = body.at("hours");
        if (!h.is_number()) f.Fail("hours", "時間数は数値で入力してください。");
        const double hours = h.to_number<double>();
        if (hours < 0 || hours > 1000) f.Fail("hours", "時間数は0〜1000の範囲で入力してください。");
        t.hours_tenths = static_cast<int>(std::lround(hours * 10));
    }
    t.certificate_number = f.Text("certificate_number", false, 50);
    storage::Tx tx(ctx.db);
    t.user_id = UserOfRoute(tx, ctx);
    t.office_id = ctx.user.office_id;
    t.created_by = ctx.user.user_id;
    t.id = InsertTraining(tx, t);
    audit::Record(tx, ctx, "create", "training", std::to_string(t.id));
    t.created_at = storage::NowIso();
    tx.Commit();
    return http::Json(ToJson(t), 201);
}

http::Response DeadlinesApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    auto staff = OfficeCycles(tx, ctx.user.office_id, Today());
    tx.Commit();
    json::array items;
    for (const auto& s : staff) {
        if (!ctx.user.is_chief() && s.user_id != ctx.user.user_id) continue;  // a specialist sees their own
        items.push_back(json::object{{"user_id", s.user_id},
                                     {"name", s.name},
                                     {"role", s.role},
                                     {"current", CycleJson(s.current)},
                                     {"chief", CycleJson(s.chief)}});
    }
    const long long total = static_cast<long long>(items.size());
    return http::Json(json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace tsunagu::quality
