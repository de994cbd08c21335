// Pure rules of the row-by-row モニタリング報告書 (issue #17).
#include <algorithm>

#include "monitoring/monitoring_record.hpp"

namespace tsunagu::monitoring {

std::vector<std::string> UnionOfChangeKinds(const std::vector<std::string>& report_level,
                                            const std::vector<GoalReview>& goals) {
    const auto named = [&](const std::string& k) {
        if (std::find(report_level.begin(), report_level.end(), k) != report_level.end()) return true;
        return std::any_of(goals.begin(), goals.end(), [&](const GoalReview& g) {
            return std::find(g.change_kinds.begin(), g.change_kinds.end(), k) != g.change_kinds.end();
        });
    };
    std::vector<std::string> out;
    for (const auto& k : kChangeKinds)
        if (named(k)) out.push_back(k);
    return out;
}

}  // namespace tsunagu::monitoring
