#include <algorithm>
#include <boost/json.hpp>

#include "transfer/transfer.hpp"

namespace tsunagu::transfer {

bool ScopeNamesOffice(const std::string& scope_json, long long office_id, const std::string& office_name) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(scope_json, ec);
    if (ec || !v.is_array()) return false;
    for (const auto& e : v.as_array()) {
        if (e.is_string() && !office_name.empty() && e.as_string() == office_name) return true;
        if (e.is_object()) {
            const auto* id = e.as_object().if_contains("office_id");
            if (id && id->is_int64() && id->as_int64() == office_id) return true;
        }
    }
    return false;
}

bool Reachable(const std::vector<long long>& sender_regions, const std::vector<long long>& receiver_regions) {
    if (sender_regions.empty()) return true;
    return std::any_of(sender_regions.begin(), sender_regions.end(), [&](long long r) {
        return std::find(receiver_regions.begin(), receiver_regions.end(), r) != receiver_regions.end();
    });
}

}  // namespace tsunagu::transfer
