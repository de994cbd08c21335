#pragma once
// The region (基幹相談支援センター・市町村, issue 14): a named set of offices, its users (role
// region) and its dashboard — aggregates of its offices only, small cells suppressed. The router
// keeps region users to /region/... routes (auth::RegionMayCall).
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::region {

struct Region {
    long long id = 0;
    std::string name;
    std::string created_at;
    std::vector<long long> office_ids;
};

struct OfficeRef {
    long long id = 0;
    std::string name;
};

// --- store (region_store.cpp) ---
//! 409 region_name_taken when the name exists.
long long Create(storage::Tx& tx, const std::string& name);
std::vector<Region> List(storage::Tx& tx);
std::optional<Region> Find(storage::Tx& tx, long long id);
//! Replaces the region's offices.
void SetOffices(storage::Tx& tx, long long region_id, const std::vector<long long>& office_ids);
//! The offices of a region, by id, with their names.
std::vector<OfficeRef> Offices(storage::Tx& tx, long long region_id);
//! The regions an office belongs to.
std::vector<long long> RegionsOf(storage::Tx& tx, long long office_id);

// --- handlers (region_api.cpp) ---
http::Response ListApi(http::Context& ctx);
http::Response CreateApi(http::Context& ctx);
http::Response PutOfficesApi(http::Context& ctx);
http::Response DashboardApi(http::Context& ctx);

}  // namespace tsunagu::region
