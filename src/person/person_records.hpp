#pragma once
// The read paths every record of a person shares (consents, assessments, decisions, monitorings):
// scope check, load, one audit row in the same transaction, serialise.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::person {

//! GET /persons/{id}/<records>: `load(tx, office_id, person_id)` → records, each serialised by `to_json`.
template <class Load, class ToJson>
http::Response ListRecords(http::Context& ctx, const char* entity, Load load, ToJson to_json) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Person p = RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    boost::json::array items;
    for (const auto& r : load(tx, p.office_id, p.id)) items.push_back(to_json(r));
    audit::Record(tx, ctx, "list", entity, "", p.id);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

//! GET /persons/{id}/<records>/{param}: `find(tx, office_id, person_id, id)` → optional record (404 when empty).
template <class Find, class ToJson>
http::Response GetRecord(http::Context& ctx, const char* entity, const char* param, Find find, ToJson to_json) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Person p = RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const auto r = find(tx, p.office_id, p.id, ctx.req.IdParam(param));
    if (!r) throw http::NotFound();
    audit::Record(tx, ctx, "read", entity, std::to_string(r->id), p.id);
    tx.Commit();
    return http::Json(to_json(*r));
}

}  // namespace tsunagu::person
