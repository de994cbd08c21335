// Suggestions for the next mini case review (pure).
#include <algorithm>

#include "quality/review.hpp"

namespace tsunagu::quality {

std::vector<Suggestion> Suggest(const std::vector<SuggestionInput>& cases, std::size_t limit) {
    struct Ranked {
        int rank;
        const SuggestionInput* c;
    };
    std::vector<Ranked> ranked;
    for (const auto& c : cases) {
        const int rank = c.redflag_raised                           ? 0
                         : (c.monitoring_overdue || c.task_overdue) ? 1
                         : c.goal_unmet_twice                       ? 2
                                                                    : 3;
        ranked.push_back({rank, &c});
    }
    // Within a rank: never reviewed first, then the oldest review, then by person.
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (a.c->last_reviewed != b.c->last_reviewed) return a.c->last_reviewed < b.c->last_reviewed;
        return a.c->person_id < b.c->person_id;
    });
    std::vector<Suggestion> out;
    for (const auto& r : ranked) {
        if (out.size() >= limit) break;
        Suggestion s;
        s.person_id = r.c->person_id;
        s.person_name = r.c->person_name;
        s.last_reviewed = r.c->last_reviewed;
        if (r.c->redflag_raised) s.reasons.emplace_back("redflag_raised");
        if (r.c->monitoring_overdue) s.reasons.emplace_back("monitoring_overdue");
        if (r.c->task_overdue) s.reasons.emplace_back("task_overdue");
        if (r.c->goal_unmet_twice) s.reasons.emplace_back("goal_unmet_twice");
        s.reasons.emplace_back(r.c->last_reviewed.empty() ? "never_reviewed" : "longest_since_review");
        out.push_back(std::move(s));
    }
    return out;
}

bool GoalUnmetTwice(const std::vector<std::pair<int, std::string>>& last,
                    const std::vector<std::pair<int, std::string>>& before) {
    for (const auto& [need, achievement] : last) {
        if (achievement != "未達成") continue;
        for (const auto& [need2, achievement2] : before)
            if (need2 == need && achievement2 == "未達成") return true;
    }
    return false;
}

bool GoalUnmetAtLastTwo(const monitoring::MonitoringReport& last, const monitoring::MonitoringReport& before) {
    const auto pairs = [](const monitoring::MonitoringReport& m) {
        std::vector<std::pair<int, std::string>> out;
        for (const auto& g : m.goals) out.emplace_back(g.need_index, g.achievement);
        return out;
    };
    return GoalUnmetTwice(pairs(last), pairs(before));
}

}  // namespace tsunagu::quality
