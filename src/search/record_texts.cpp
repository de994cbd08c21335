// The searchable text of assessments, plans and monitorings (notes: note::SearchText).
#include "search/record_texts.hpp"

namespace tsunagu::search {

namespace {
class Lines {
public:
    Lines& operator<<(const std::string& s) {
        if (s.empty()) return *this;
        if (!out_.empty()) out_ += "\n";
        out_ += s;
        return *this;
    }
    std::string Joined() const { return out_; }

private:
    std::string out_;
};
}  // namespace

std::string TextOf(const assessment::Assessment& a) {
    Lines l;
    l << a.own_words << a.life_history << a.family_situation << a.health_medical << a.current_services << a.income
      << a.daily_life << a.work_school << a.leisure << a.strengths << a.icf.body_functions << a.icf.activities
      << a.icf.participation << a.icf.environmental << a.icf.personal;
    for (const auto& n : a.needs) l << n;
    return l.Joined();
}

std::string TextOf(const plan::Plan& p) {
    Lines l;
    l << p.wishes << p.family_wishes << p.policy << p.long_term_goal << p.short_term_goal;
    for (const auto& n : p.needs) {
        l << n.need << n.goal.indicator << n.goal.own_words << n.own_role << n.notes;
        for (const auto& s : n.services) l << s.provider << s.content;
    }
    l << p.daily_activities << p.non_weekly << p.monitoring_period_note;
    return l.Joined();
}

std::string TextOf(const monitoring::MonitoringReport& m) {
    Lines l;
    for (const auto& g : m.goals) l << g.own_words << g.delivery << g.issues << g.notes;
    l << m.overall << m.next_monitoring;
    return l.Joined();
}

}  // namespace tsunagu::search
