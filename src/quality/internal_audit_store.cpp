// 内部監査の保存: the items as JSON on the audit row.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "quality/internal_audit.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::quality {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO internal_audits (office_id, date, items, created_by, created_at) VALUES (:o, :d, :i, :by, :at)";
constexpr const char* kCount = "SELECT COUNT(*) FROM internal_audits WHERE office_id = :o";
constexpr const char* kPage =
    "SELECT id, office_id, date, items, created_by, created_at FROM internal_audits WHERE office_id = :o ORDER BY "
    "date DESC, id DESC LIMIT :l OFFSET :f";
constexpr const char* kLast = "SELECT MAX(date) FROM internal_audits WHERE office_id = :o";

std::string ItemsJson(const std::vector<AuditItemResult>& items) {
    json::array a;
    for (const auto& x : items)
        a.push_back(json::object{{"code", x.code},
                                 {"result", x.result},
                                 {"note", x.note},
                                 {"action_text", x.action_text},
                                 {"action_owner", x.action_owner},
                                 {"action_due", x.action_due},
                                 {"action_measure", x.action_measure},
                                 {"action_person_id", x.action_person_id},
                                 {"task_id", x.task_id}});
    return json::serialize(a);
}

std::string S(const json::object& o, const char* k) { return std::string(o.at(k).as_string()); }
}  // namespace

long long InsertInternalAudit(storage::Tx& tx, const InternalAudit& a) {
    const std::string now = storage::NowIso(), items = ItemsJson(a.items);
    tx.sql() << kInsert, soci::use(a.office_id), soci::use(a.date), soci::use(items), soci::use(a.created_by),
        soci::use(now);
    return tx.LastId();
}

std::vector<InternalAudit> ListInternalAudits(storage::Tx& tx, long long office_id, int page, int per_page,
                                              long long& total) {
    tx.sql() << kCount, soci::use(office_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<InternalAudit> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kPage, soci::use(office_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) {
        InternalAudit a;
        a.id = Int(r, "id");
        a.office_id = Int(r, "office_id");
        a.date = Text(r, "date");
        a.created_by = Int(r, "created_by");
        a.created_at = Text(r, "created_at");
        const json::value parsed = json::parse(Text(r, "items"));
        for (const auto& v : parsed.as_array()) {
            const auto& o = v.as_object();
            a.items.push_back({S(o, "code"), S(o, "result"), S(o, "note"), S(o, "action_text"), S(o, "action_owner"),
                               S(o, "action_due"), S(o, "action_measure"), o.at("action_person_id").as_int64(),
                               o.at("task_id").as_int64()});
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::string LastInternalAudit(storage::Tx& tx, long long office_id) {
    soci::indicator ind = soci::i_ok;
    std::string last;
    tx.sql() << kLast, soci::use(office_id), soci::into(last, ind);
    return ind == soci::i_null ? "" : last;
}

}  // namespace tsunagu::quality
