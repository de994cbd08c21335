// アセスメント (assessments) of a person: record, edit while draft, finalise, copy into a new draft.
#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "person/person_records.hpp"
#include "storage/database.hpp"

namespace tsunagu::assessment {

namespace json = boost::json;

namespace {

//! The free-text sections, in the order of the form (API key → member).
struct TextField {
    const char* key;
    std::string Assessment::*member;
};
constexpr TextField kSections[] = {
    {"life_history", &Assessment::life_history},
    {"family_situation", &Assessment::family_situation},
    {"health_medical", &Assessment::health_medical},
    {"current_services", &Assessment::current_services},
    {"income", &Assessment::income},
    {"daily_life", &Assessment::daily_life},
    {"work_school", &Assessment::work_school},
    {"leisure", &Assessment::leisure},
    {"strengths", &Assessment::strengths},
};
struct IcfField {
    const char* key;
    std::string Icf::*member;
};
constexpr IcfField kIcf[] = {
    {"body_functions", &Icf::body_functions}, {"activities", &Icf::activities}, {"participation", &Icf::participation},
    {"environmental", &Icf::environmental},   {"personal", &Icf::personal},
};

json::object ToJson(const Assessment& a) {
    json::object icf;
    for (const auto& f : kIcf) icf[f.key] = a.icf.*f.member;
    json::array needs;
    for (const auto& n : a.needs) needs.emplace_back(n);
    // 本人の言葉 first, as on every screen and print.
    json::object o{{"id", a.id},
                   {"person_id", a.person_id},
                   {"date", a.date},
                   {"place", http::NullIfEmpty(a.place)},
                   {"own_words", a.own_words}};
    for (const auto& f : kSections) o[f.key] = a.*f.member;
    o["icf"] = std::move(icf);
    o["needs"] = std::move(needs);
    o["status"] = a.status;
    o["finalised_on"] = http::NullIfEmpty(a.finalised_on);
    o["copied_from_id"] = a.copied_from_id ? json::value(a.copied_from_id) : json::value(nullptr);
    o["author_id"] = a.author_id;
    o["author_name"] = a.author_name;
    o["created_at"] = a.created_at;
    o["updated_at"] = a.updated_at;
    return o;
}

std::string Trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> NeedsFrom(const http::Fields& f) {
    std::vector<std::string> out;
    const json::array* items = f.Array("needs", false);
    if (!items) return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        if (!(*items)[i].is_string())
            throw http::Invalid("needs[" + std::to_string(i) + "]", "文字列で入力してください。");
        out.push_back(Trim((*items)[i].as_string()));
    }
    return out;
}

//! Applies the fields present in `body` to `a` (date and own_words must be present when `create`).
void Apply(const json::object& body, Assessment& a, bool create) {
    const http::Fields f(body);
    if (create || f.Has("date")) a.date = f.Date("date", true);
    if (f.Has("place")) a.place = f.Enum("place", false, kPlaces);
    if (create || f.Has("own_words")) a.own_words = f.Text("own_words", true, kMaxTextChars);
    for (const auto& s : kSections)
        if (f.Has(s.key)) a.*s.member = f.Text(s.key, false, kMaxTextChars);
    if (const json::object* icf = f.Object("icf", false)) {
        const http::Fields i(*icf, "icf.");
        for (const auto& s : kIcf)
            if (i.Has(s.key)) a.icf.*s.member = i.Text(s.key, false, kMaxTextChars);
    }
    if (f.Has("needs")) a.needs = NeedsFrom(f);
    const auto errors = Validate(a);
    if (!errors.empty()) throw http::Invalid(errors.front().field, errors.front().message_ja);
}

//! The assessment `aid` of the person in the path, or 404 (also when it belongs to another person).
Assessment Require(storage::Tx& tx, const person::Person& p, const http::Context& ctx) {
    auto a = Find(tx, p.office_id, p.id, ctx.req.IdParam("aid"));
    if (!a) throw http::NotFound();
    return *a;
}

http::ApiError Finalised() {
    return http::Conflict("assessment_finalised",
                          "確定済みのアセスメントは変更できません。コピーして新しい下書きを作成してください。");
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Assessment a;
    Apply(body, a, true);
    a.office_id = p.office_id;
    a.person_id = p.id;
    a.author_id = ctx.user.user_id;
    a.id = Insert(tx, a);
    audit::Record(tx, ctx, "create", "assessment", std::to_string(a.id), p.id);
    const Assessment saved = *Find(tx, p.office_id, p.id, a.id);
    tx.Commit();
    return http::Json(ToJson(saved), 201);
}

http::Response ListApi(http::Context& ctx) {
    return person::ListRecords(ctx, "assessment", ListForPerson, [](const Assessment& a) { return ToJson(a); });
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const Assessment a = Require(tx, p, ctx);
    audit::Record(tx, ctx, "read", "assessment", std::to_string(a.id), p.id);
    tx.Commit();
    return http::Json(ToJson(a));
}

http::Response PatchApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    Assessment a = Require(tx, p, ctx);
    if (IsFinalised(a)) throw Finalised();
    Apply(body, a, false);
    Update(tx, a);
    audit::Record(tx, ctx, "update", "assessment", std::to_string(a.id), p.id);
    const Assessment saved = Require(tx, p, ctx);
    tx.Commit();
    return http::Json(ToJson(saved));
}

http::Response FinaliseApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    Assessment a = Require(tx, p, ctx);
    if (IsFinalised(a)) throw Finalised();
    if (const auto problem = FinaliseProblem(a)) throw http::Invalid(problem->field, problem->message_ja);
    a.status = "finalised";
    a.finalised_on = storage::TodayJst();
    Update(tx, a);
    audit::Record(tx, ctx, "finalise", "assessment", std::to_string(a.id), p.id);
    const Assessment saved = Require(tx, p, ctx);
    tx.Commit();
    return http::Json(ToJson(saved));
}

http::Response CopyApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const Assessment from = Require(tx, p, ctx);
    // A draft is edited in place; only a finalised assessment is the base of a new one.
    if (!IsFinalised(from))
        throw http::Conflict("assessment_state", "下書きのアセスメントはコピーできません。そのまま編集してください。");
    Assessment copy = CopyAsDraft(from, ctx.user.user_id);
    copy.id = Insert(tx, copy);
    audit::Record(tx, ctx, "copy", "assessment", std::to_string(copy.id), p.id);
    const Assessment saved = *Find(tx, p.office_id, p.id, copy.id);
    tx.Commit();
    return http::Json(ToJson(saved), 201);
}

}  // namespace tsunagu::assessment
