#include <soci/soci.h>

#include <boost/json.hpp>

#include "crisis/crisis.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::crisis {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO crisis_plans (office_id, person_id, early_signs, what_helps, what_to_avoid, contacts, steps, "
    "reviewed_on, created_by, created_at) VALUES (:o, :p, :signs, :helps, :avoid, :contacts, :steps, :on, :by, :now)";
constexpr const char* kSelect =
    "SELECT c.id, c.office_id, c.person_id, c.early_signs, c.what_helps, c.what_to_avoid, c.contacts, c.steps, "
    "c.reviewed_on, c.created_by, u.name AS created_by_name, c.created_at FROM crisis_plans c LEFT JOIN users u ON "
    "u.id = c.created_by WHERE c.office_id = :o AND c.person_id = :p ";
constexpr const char* kLatest = "ORDER BY c.id DESC LIMIT 1";
constexpr const char* kPage = "ORDER BY c.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCount = "SELECT COUNT(*) FROM crisis_plans WHERE office_id = :o AND person_id = :p";

std::string ContactsText(const std::vector<Contact>& cs) {
    json::array a;
    for (const auto& c : cs)
        a.push_back(json::object{
            {"order", c.order}, {"name", c.name}, {"relation", c.relation}, {"phone", c.phone}, {"when", c.when}});
    return json::serialize(a);
}

std::vector<Contact> ContactsFrom(const std::string& text) {
    std::vector<Contact> out;
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array()) {
        const json::object& o = e.as_object();
        out.push_back({static_cast<int>(o.at("order").as_int64()), json::value_to<std::string>(o.at("name")),
                       json::value_to<std::string>(o.at("relation")), json::value_to<std::string>(o.at("phone")),
                       json::value_to<std::string>(o.at("when"))});
    }
    return out;
}

CrisisPlan FromRow(const soci::row& r) {
    CrisisPlan c;
    c.id = Int(r, "id");
    c.office_id = Int(r, "office_id");
    c.person_id = Int(r, "person_id");
    c.early_signs = Text(r, "early_signs");
    c.what_helps = Text(r, "what_helps");
    c.what_to_avoid = Text(r, "what_to_avoid");
    c.contacts = ContactsFrom(Text(r, "contacts"));
    c.steps = Text(r, "steps");
    c.reviewed_on = Text(r, "reviewed_on");
    c.created_by = Int(r, "created_by");
    c.created_by_name = Text(r, "created_by_name");
    c.created_at = Text(r, "created_at");
    return c;
}
}  // namespace

long long Insert(storage::Tx& tx, const CrisisPlan& c) {
    const std::string contacts = ContactsText(c.contacts), now = storage::NowIso();
    tx.sql() << kInsert, soci::use(c.office_id), soci::use(c.person_id), soci::use(c.early_signs),
        soci::use(c.what_helps), soci::use(c.what_to_avoid), soci::use(contacts), soci::use(c.steps),
        soci::use(c.reviewed_on), soci::use(c.created_by), soci::use(now);
    return tx.LastId();
}

std::optional<CrisisPlan> Latest(storage::Tx& tx, long long office_id, long long person_id) {
    std::optional<CrisisPlan> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kLatest, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out = FromRow(r);
    return out;
}

std::vector<CrisisPlan> History(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                long long& total) {
    tx.sql() << kCount, soci::use(office_id), soci::use(person_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<CrisisPlan> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kPage, soci::use(office_id),
                                    soci::use(person_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace tsunagu::crisis
