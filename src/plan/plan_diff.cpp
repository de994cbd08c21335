// 版間の差分: what changed between two versions of a plan, so a reader (the person, a provider, an
// auditor) can follow why the plan changed. Only content is compared, never bookkeeping.
#include <boost/json.hpp>
#include <vector>

#include "http/json_body.hpp"
#include "plan/plan.hpp"

namespace tsunagu::plan {

namespace json = boost::json;

namespace {

json::value IdOrNull(long long id) { return id ? json::value(id) : json::value(nullptr); }

void Push(json::array& out, const std::string& path, const char* change, json::value before, json::value after) {
    out.push_back(
        json::object{{"path", path}, {"change", change}, {"before", std::move(before)}, {"after", std::move(after)}});
}

std::string Member(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

//! Objects field by field, arrays by position; anything else is one change at `path`.
void DiffValue(const json::value& a, const json::value& b, const std::string& path, json::array& out) {
    if (a == b) return;
    if (a.is_object() && b.is_object()) {
        const auto &oa = a.as_object(), &ob = b.as_object();
        for (const auto& kv : oa) {
            const json::value* other = ob.if_contains(kv.key());
            DiffValue(kv.value(), other ? *other : json::value(nullptr), Member(path, kv.key()), out);
        }
        for (const auto& kv : ob)
            if (!oa.contains(kv.key())) DiffValue(json::value(nullptr), kv.value(), Member(path, kv.key()), out);
        return;
    }
    if (a.is_array() && b.is_array()) {
        const auto &xa = a.as_array(), &xb = b.as_array();
        for (std::size_t i = 0; i < std::max(xa.size(), xb.size()); ++i) {
            if (i >= xa.size()) {
                Push(out, Index(path, i), "added", nullptr, xb[i]);
            } else if (i >= xb.size()) {
                Push(out, Index(path, i), "removed", xa[i], nullptr);
            } else {
                DiffValue(xa[i], xb[i], Index(path, i), out);
            }
        }
        return;
    }
    Push(out, path, "changed", a, b);
}

//! A week grid has no order: an entry is either in both versions or added/removed as a whole.
void DiffAsSet(const json::array& a, const json::array& b, const std::string& path, json::array& out) {
    std::vector<bool> matched(b.size(), false);
    std::vector<std::size_t> removed;
    for (std::size_t i = 0; i < a.size(); ++i) {
        bool found = false;
        for (std::size_t j = 0; j < b.size() && !found; ++j)
            if (!matched[j] && a[i] == b[j]) matched[j] = found = true;
        if (!found) removed.push_back(i);
    }
    for (std::size_t i : removed) Push(out, Index(path, i), "removed", a[i], nullptr);
    for (std::size_t j = 0; j < b.size(); ++j)
        if (!matched[j]) Push(out, Index(path, j), "added", nullptr, b[j]);
}

}  // namespace

json::object ContentJson(const Plan& p) {
    return {{"plan_date", p.plan_date},
            {"specialist_id", IdOrNull(p.specialist_id)},
            {"wishes", p.wishes},
            {"family_wishes", p.family_wishes},
            {"policy", p.policy},
            {"long_term_goal", p.long_term_goal},
            {"short_term_goal", p.short_term_goal},
            {"monitoring_period_note", p.monitoring_period_note},
            {"proposed_interval_months", IdOrNull(p.proposed_interval_months)},
            {"consented_on", http::NullIfEmpty(p.consented_on)},
            {"assessment_id", IdOrNull(p.assessment_id)},
            {"needs", NeedsJson(p.needs)},
            {"weekly", WeeklyJson(p.weekly)},
            {"daily_activities", p.daily_activities},
            {"non_weekly", p.non_weekly}};
}

json::array Diff(const Plan& from, const Plan& to) {
    const json::object a = ContentJson(from), b = ContentJson(to);
    json::array out;
    for (const auto& kv : a) {
        const json::value& other = b.at(kv.key());
        if (kv.key() == "weekly") {
            DiffAsSet(kv.value().as_array(), other.as_array(), "weekly", out);
        } else {
            DiffValue(kv.value(), other, std::string(kv.key()), out);
        }
    }
    return out;
}

}  // namespace tsunagu::plan
