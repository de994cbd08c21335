// ケースレビュー: record (cases in the writer's scope, audited), list, and suggestions for the next
// mini review. An inventory names the active cases of the specialist it covers that it left out.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "quality/review.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
//! How many suggestions the next mini review gets (a few cases, about 10 minutes each).
constexpr std::size_t kSuggestions = 5;

json::array Named(const std::vector<std::pair<long long, std::string>>& persons) {
    json::array a;
    for (const auto& [id, name] : persons) a.push_back(json::object{{"id", id}, {"name", name}});
    return a;
}

json::object ToJson(const CaseReview& r, const std::vector<ReviewCase>& cases,
                    const std::vector<std::pair<long long, std::string>>& left_out) {
    json::array participants, cs;
    for (const auto& p : r.participants) participants.emplace_back(p);
    for (const auto& c : cases)
        cs.push_back(json::object{{"person_id", c.person_id},
                                  {"person_name", c.person_name},
                                  {"summary", c.summary},
                                  {"decision", c.decision},
                                  {"actions", c.actions}});
    return {{"id", r.id},
            {"date", r.date},
            {"kind", r.kind},
            {"participants", std::move(participants)},
            {"covers_user_id", r.covers_user_id ? json::value(r.covers_user_id) : json::value(nullptr)},
            {"cases", std::move(cs)},
            {"left_out", Named(left_out)},
            {"created_by", r.created_by},
            {"created_at", r.created_at}};
}

}  // namespace

http::Response CreateReviewApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    CaseReview r;
    r.office_id = ctx.user.office_id;
    r.created_by = ctx.user.user_id;
    r.date = f.Date("date", true);
    if (r.date > storage::TodayJst()) f.Fail("date", "未来の日付は指定できません。");
    r.kind = f.Enum("kind", true, kReviewKinds);
    r.participants = f.TextList("participants", false, 100);
    const json::array* cases = f.Array("cases", true);
    if (cases->empty()) f.Fail("cases", "検討したケースを1件以上入力してください。");
    if (cases->size() > 200) f.Fail("cases", "ケースは200件までです。");
    storage::Tx tx(ctx.db);
    if (r.kind == "inventory") {
        // The specialist the inventory covers: oneself unless a chief names another.
        r.covers_user_id = f.Int("covers_user_id", false, 1, 1LL << 53, ctx.user.user_id);
        if (r.covers_user_id != ctx.user.user_id && !ctx.user.is_chief())
            f.Fail("covers_user_id", "自分以外の棚卸しは管理者が記録します。");
        const auto u = user::FindById(tx, r.covers_user_id, r.office_id);
        if (!u || u->role == auth::Role::kAdmin) f.Fail("covers_user_id", "この事業所の職員を選んでください。");
    }
    for (std::size_t i = 0; i < cases->size(); ++i) {
        const std::string prefix = "cases[" + std::to_string(i) + "].";
        if (!(*cases)[i].is_object())
            throw http::Invalid(prefix.substr(0, prefix.size() - 1), "形式が正しくありません。");
        const http::Fields c((*cases)[i].as_object(), prefix);
        ReviewCase rc;
        rc.person_id = c.Int("person_id", true, 1, 1LL << 53);
        const person::Person p = person::RequireInScope(tx, ctx, rc.person_id);
        for (const auto& prev : r.cases)
            if (prev.person_id == rc.person_id) c.Fail("person_id", "同じ利用者が2回入っています。");
        rc.person_name = p.name;
        rc.summary = c.Text("summary", true, 4000);
        rc.decision = c.Enum("decision", true, kReviewDecisions);
        rc.actions = c.Text("actions", false, 4000);
        r.cases.push_back(std::move(rc));
    }
    std::vector<std::pair<long long, std::string>> left_out;
    if (r.kind == "inventory")
        for (const auto& active : ActiveCasesOf(tx, r.office_id, r.covers_user_id))
            if (std::none_of(r.cases.begin(), r.cases.end(),
                             [&](const ReviewCase& c) { return c.person_id == active.first; }))
                left_out.push_back(active);
    r.id = InsertReview(tx, r);
    audit::Record(tx, ctx, "create", "case_review", std::to_string(r.id));
    for (const auto& c : r.cases) audit::Record(tx, ctx, "review", "case_review", std::to_string(r.id), c.person_id);
    r.created_at = storage::NowIso();
    tx.Commit();
    return http::Json(ToJson(r, r.cases, left_out), 201);
}

http::Response ListReviewsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    const auto list = ListReviews(tx, ctx.user.office_id, ctx.user.is_chief() ? 0 : ctx.user.user_id, paging.page,
                                  paging.per_page, total);
    const auth::Scope scope = auth::ScopeOf(ctx.user);
    json::array items;
    std::vector<long long> shown;
    for (const auto& r : list) {
        std::vector<ReviewCase> visible;  // only the cases in the reader's scope
        for (const auto& c : r.cases)
            if (person::Find(tx, scope, c.person_id)) {
                visible.push_back(c);
                shown.push_back(c.person_id);
            }
        items.push_back(ToJson(r, visible, {}));
    }
    audit::RecordPersons(tx, ctx, "list", "case_review", shown);
    tx.Commit();
    return http::Json(json::object{
        {"items", std::move(items)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

http::Response SuggestionsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const std::string today = storage::TodayJst();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auth::Scope scope = auth::ScopeOf(ctx.user);
    const std::vector<SuggestionInput> kept = SuggestionCandidates(tx, scope, today, kSuggestions);
    json::array items;
    std::vector<long long> ids;
    for (const auto& s : Suggest(kept, kSuggestions)) {
        json::array reasons;
        for (const auto& r : s.reasons) reasons.emplace_back(r);
        items.push_back(json::object{{"person_id", s.person_id},
                                     {"person_name", s.person_name},
                                     {"last_reviewed", http::NullIfEmpty(s.last_reviewed)},
                                     {"reasons", std::move(reasons)}});
        ids.push_back(s.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "case_review_suggestion", ids);
    tx.Commit();
    const long long total = static_cast<long long>(items.size());
    return http::Json(json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace tsunagu::quality
