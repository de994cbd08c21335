#include <soci/soci.h>

#include "redflag/redflag.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::redflag {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO redflag_reviews (office_id, person_id, reviewed_on, items, raised, monitoring_id, reviewed_by, "
    "created_at) VALUES (:o, :p, :on, :items, :raised, NULLIF(CAST(:m AS BIGINT), 0), :by, :now)";
constexpr const char* kSelect =
    "SELECT r.id, r.office_id, r.person_id, r.reviewed_on, r.items, r.monitoring_id, r.reviewed_by, u.name AS "
    "reviewed_by_name, r.created_at FROM redflag_reviews r LEFT JOIN users u ON u.id = r.reviewed_by "
    "WHERE r.office_id = :o AND r.person_id = :p ";
constexpr const char* kLatest = "ORDER BY r.id DESC LIMIT 1";
constexpr const char* kForMonitoring = "AND r.monitoring_id = :m ORDER BY r.id DESC LIMIT 1";
constexpr const char* kPage = "ORDER BY r.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCount = "SELECT COUNT(*) FROM redflag_reviews WHERE office_id = :o AND person_id = :p";

std::string ItemsText(const std::vector<Item>& items) { return json::serialize(ItemsJson(items)); }

std::vector<Item> ItemsFrom(const std::string& text) {
    std::vector<Item> out;
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return Complete(out);
    for (const auto& e : v.as_array()) {
        const json::object& o = e.as_object();
        out.push_back({json::value_to<std::string>(o.at("code")), json::value_to<std::string>(o.at("status")),
                       json::value_to<std::string>(o.at("note"))});
    }
    return Complete(out);
}

Review FromRow(const soci::row& r) {
    Review v;
    v.id = Int(r, "id");
    v.office_id = Int(r, "office_id");
    v.person_id = Int(r, "person_id");
    v.reviewed_on = Text(r, "reviewed_on");
    v.items = ItemsFrom(Text(r, "items"));
    v.monitoring_id = Int(r, "monitoring_id");
    v.reviewed_by = Int(r, "reviewed_by");
    v.reviewed_by_name = Text(r, "reviewed_by_name");
    v.created_at = Text(r, "created_at");
    return v;
}
}  // namespace

long long Insert(storage::Tx& tx, const Review& r) {
    const std::string items = ItemsText(r.items), raised = storage::StringListJson(RaisedCodes(r.items)),
                      now = storage::NowIso();
    tx.sql() << kInsert, soci::use(r.office_id), soci::use(r.person_id), soci::use(r.reviewed_on), soci::use(items),
        soci::use(raised), soci::use(r.monitoring_id), soci::use(r.reviewed_by), soci::use(now);
    return tx.LastId();
}

std::optional<Review> Latest(storage::Tx& tx, long long office_id, long long person_id) {
    std::optional<Review> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kLatest, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) out = FromRow(r);
    return out;
}

std::optional<Review> ForMonitoring(storage::Tx& tx, long long office_id, long long person_id,
                                    long long monitoring_id) {
    std::optional<Review> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kForMonitoring, soci::use(office_id),
                                    soci::use(person_id), soci::use(monitoring_id));
    for (const auto& r : rows) out = FromRow(r);
    return out;
}

std::vector<Review> History(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                            long long& total) {
    tx.sql() << kCount, soci::use(office_id), soci::use(person_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Review> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kPage, soci::use(office_id),
                                    soci::use(person_id), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace tsunagu::redflag
