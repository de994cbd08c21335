// GET /api/v1/compliance: 運営指導チェック for a page of persons in scope (chief: the office;
// specialist: their persons), or for one person (?person_id=).
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "compliance/compliance.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"

namespace tsunagu::compliance {

namespace json = boost::json;

http::Response ListApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long person_id = ctx.req.IdQuery("person_id");
    const int page = ctx.req.Paging().page;
    const int per_page = ctx.req.Paging().per_page;
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Page facts = Load(tx, auth::ScopeOf(ctx.user), person_id, page, per_page, today);
    json::array items;
    std::vector<long long> ids;
    long long finding_count = 0;
    for (const PersonFacts& p : facts.persons) {
        json::array findings;
        for (const Finding& f : FindingsOf(p, today))
            findings.push_back(json::object{{"code", f.code},
                                            {"entity", f.entity},
                                            {"entity_id", f.entity_id},
                                            {"date", http::NullIfEmpty(f.date)},
                                            {"message", f.message}});
        finding_count += static_cast<long long>(findings.size());
        items.push_back(json::object{
            {"person_id", p.person_id}, {"person_name", p.person_name}, {"findings", std::move(findings)}});
        ids.push_back(p.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "compliance", ids);
    tx.Commit();
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", facts.total},
                                   {"page", page},
                                   {"per_page", per_page},
                                   {"finding_count", finding_count}});
}

}  // namespace tsunagu::compliance
