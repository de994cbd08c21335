#include <soci/soci.h>

#include "http/api_error.hpp"
#include "region/region.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::region {

namespace {
constexpr const char* kNameCount = "SELECT COUNT(*) FROM regions WHERE name = :n";
constexpr const char* kInsert = "INSERT INTO regions (name, created_at) VALUES (:n, :now)";
constexpr const char* kList = "SELECT id, name, created_at FROM regions ORDER BY id";
constexpr const char* kFind = "SELECT id, name, created_at FROM regions WHERE id = :id";
constexpr const char* kOfficeIds = "SELECT office_id FROM region_offices WHERE region_id = :r ORDER BY office_id";
constexpr const char* kDeleteOffices = "DELETE FROM region_offices WHERE region_id = :r";
constexpr const char* kInsertOffice = "INSERT INTO region_offices (region_id, office_id) VALUES (:r, :o)";
constexpr const char* kOffices =
    "SELECT o.id AS id, o.name AS name FROM region_offices ro JOIN offices o ON o.id = ro.office_id "
    "WHERE ro.region_id = :r ORDER BY o.id";
constexpr const char* kRegionsOf = "SELECT region_id FROM region_offices WHERE office_id = :o ORDER BY region_id";

Region FromRow(const soci::row& r) {
    return {storage::Int(r, "id"), storage::Text(r, "name"), storage::Text(r, "created_at"), {}};
}

std::vector<long long> Ids(storage::Tx& tx, const char* sql, long long key) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(key));
    for (const auto& r : rows) out.push_back(storage::Int(r, r.get_properties(0).get_name()));
    return out;
}
}  // namespace

long long Create(storage::Tx& tx, const std::string& name) {
    int n = 0;
    tx.sql() << kNameCount, soci::use(name), soci::into(n);
    if (n > 0) throw http::ApiError(409, "region_name_taken", "この名前の地域は既にあります。", "name");
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(name), soci::use(now);
    return tx.LastId();
}

std::vector<Region> List(storage::Tx& tx) {
    std::vector<Region> out;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << kList);
        for (const auto& r : rows) out.push_back(FromRow(r));
    }
    for (auto& r : out) r.office_ids = Ids(tx, kOfficeIds, r.id);
    return out;
}

std::optional<Region> Find(storage::Tx& tx, long long id) {
    std::optional<Region> out;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << kFind, soci::use(id));
        for (const auto& r : rows) out = FromRow(r);
    }
    if (out) out->office_ids = Ids(tx, kOfficeIds, id);
    return out;
}

void SetOffices(storage::Tx& tx, long long region_id, const std::vector<long long>& office_ids) {
    tx.sql() << kDeleteOffices, soci::use(region_id);
    for (long long o : office_ids) tx.sql() << kInsertOffice, soci::use(region_id), soci::use(o);
}

std::vector<OfficeRef> Offices(storage::Tx& tx, long long region_id) {
    std::vector<OfficeRef> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kOffices, soci::use(region_id));
    for (const auto& r : rows) out.push_back({storage::Int(r, "id"), storage::Text(r, "name")});
    return out;
}

std::vector<long long> RegionsOf(storage::Tx& tx, long long office_id) { return Ids(tx, kRegionsOf, office_id); }

}  // namespace tsunagu::region
