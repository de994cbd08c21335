// GET /api/v1/search: the entries (not just the persons) whose text contains the query, in the
// caller's scope. A read: one audit row per person shown; the query itself is never logged.
#include <algorithm>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"

namespace tsunagu::search {

namespace json = boost::json;

namespace {

//! `kinds=note,plan`: distinct kinds of kKinds; absent or empty = all.
std::vector<std::string> KindsParam(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size() && !s.empty()) {
        std::size_t end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        const std::string k = http::TrimSpaces(s.substr(pos, end - pos));
        pos = end + 1;
        if (k.empty()) continue;
        if (std::find(kKinds.begin(), kKinds.end(), k) == kKinds.end())
            throw http::Invalid("kinds",
                                "記録の種類は note, assessment, plan, monitoring, meeting から選んでください。");
        if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    }
    return out;
}

}  // namespace

http::Response SearchApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    Query query;
    query.q = http::TrimSpaces(ctx.req.Query("q"));
    if (query.q.empty()) throw http::Invalid("q", "検索語を入力してください。");
    if (http::Utf8Length(query.q) > kMaxQueryChars || http::HasForbiddenCharacters(query.q))
        throw http::Invalid("q", "検索語は100文字以内で入力してください。");
    if (Normalise(query.q).empty()) throw http::Invalid("q", "検索語を入力してください。");
    query.kinds = KindsParam(ctx.req.Query("kinds"));
    query.page = ctx.req.Paging().page;
    query.per_page = ctx.req.Paging().per_page;
    query.person_id = ctx.req.IdQuery("person_id");

    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    if (query.person_id != 0) person::RequireInScope(tx, ctx, query.person_id);  // 404 outside scope
    const Result res = Find(tx, auth::ScopeOf(ctx.user), query);
    std::vector<long long> persons;
    json::array items;
    for (const Hit& h : res.items) {
        persons.push_back(h.person_id);
        const Snippet s = MakeSnippet(h.text, query.q);
        json::array marks;
        for (const Highlight& m : s.highlights) marks.push_back(json::object{{"start", m.start}, {"length", m.length}});
        items.push_back(json::object{{"kind", h.kind},
                                     {"entity_id", h.entity_id},
                                     {"person_id", h.person_id},
                                     {"person_name", h.person_name},
                                     {"date", h.date},
                                     {"snippet", s.text},
                                     {"highlights", std::move(marks)}});
    }
    audit::RecordPersons(tx, ctx, "search", "search", persons);
    tx.Commit();
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", res.total},
                                   {"page", query.page},
                                   {"per_page", query.per_page},
                                   {"total_is_lower_bound", res.total_is_lower_bound}});
}

}  // namespace tsunagu::search
