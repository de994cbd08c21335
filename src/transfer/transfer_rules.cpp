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

calendar::Date FollowUpDue(calendar::Date accepted_on) { return calendar::AddDays(accepted_on, kFollowUpDays); }

std::string FollowUpText(long long transfer_id, const std::string& to_office_name, const std::string& accepted_on) {
    return kFollowUpText + "（引継ぎ #" + std::to_string(transfer_id) + "・引継ぎ先: " + to_office_name + "・" +
           accepted_on + " 受け入れ）";
}

long long FollowUpOwner(long long sender_specialist_id, bool sender_active, long long requested_by) {
    return sender_specialist_id && sender_active ? sender_specialist_id : requested_by;
}

}  // namespace tsunagu::transfer
