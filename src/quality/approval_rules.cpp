// Who may decide an approval (pure).
#include "quality/approval.hpp"

namespace tsunagu::quality {

std::string ApproveRefusal(const Approval& a, long long approver_id, bool approver_is_chief, int other_chiefs) {
    if (!approver_is_chief) return "forbidden";
    if (a.status != "pending") return "approval_state";
    // Four eyes where there are two chiefs: a chief's own request needs the other one.
    if (a.requested_by == approver_id && other_chiefs > 0) return "own_request";
    return "";
}

}  // namespace tsunagu::quality
